package drp.llm.chat;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often and how patiently to retry: exponential back-off with jitter, lengthened to what the
 * server asks for ({@code Retry-After}) up to {@code maxRetryAfter}.
 *
 * @param maxAttempts attempts in all, the first included; 1 means no retries
 * @param initialBackoff the wait before the second attempt, before jitter
 * @param maxBackoff the longest wait back-off alone may reach
 * @param multiplier the growth of the wait per attempt
 * @param jitter the fraction of each wait drawn at random, in [0, 1]: the wait is uniform in
 *     {@code [d * (1 - jitter), d]}, so that many clients do not retry in lock step
 * @param maxRetryAfter the longest server-requested wait honoured; longer requests are cut to it
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
        double jitter, Duration maxRetryAfter) {

    /** 6 attempts, 1 s doubling to at most 60 s, half jitter, Retry-After honoured up to 5 minutes. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.5, Duration.ofMinutes(5));

    /** Only the first attempt. */
    public static final RetryPolicy NONE =
            new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0, 0.0, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be >= 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("back-off durations must be >= 0");
        }
        if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be >= 1, got " + multiplier);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1], got " + jitter);
        }
    }

    /**
     * The wait before attempt {@code attempt + 1}, after {@code attempt} (from 1) failed.
     *
     * @param retryAfter what the server asked for, or null
     */
    public Duration delay(int attempt, Duration retryAfter, RandomGenerator random) {
        double base = initialBackoff.toNanos() * Math.pow(multiplier, attempt - 1);
        double capped = Math.min(base, maxBackoff.toNanos());
        double jittered = capped * (1 - jitter * random.nextDouble());
        Duration backoff = Duration.ofNanos((long) jittered);
        if (retryAfter == null) {
            return backoff;
        }
        Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }
}
