package drp.core.answer;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of an {@link EquivalenceChecker}.
 *
 * @param timeout the bound on one check's symbolic work; exceeding it gives {@link Verdict.TimedOut}
 * @param orderedLists compare bare comma lists ({@code 1, -2}) in order, as MATH's original checker
 *     does, instead of as sets, as Math-Verify does and as "enter all solutions, separated by
 *     commas" means
 * @param casWorkers threads that run Symja; checks beyond this many wait for a free one
 * @param queueLimit the longest a check waits for a free Symja worker before it is timed out
 * @param roundedPredictions accept a decimal prediction rounded to its own digits: a prediction
 *     with d digits after the point ({@code 2.236}) equals a gold that is not itself a terminating
 *     decimal ({@code \sqrt{5}}, {@code \frac{1}{3}}) when the gold, evaluated, rounds to it at d
 *     digits (half away from zero). Off by default: then only the fixed tolerance of six decimal
 *     places applies. A benchmark's convention sets it ({@code BenchmarkRegistry.ROUNDED_PREDICTIONS}, {@code Benchmark.roundedPredictions})
 */
public record EquivalenceOptions(Duration timeout, boolean orderedLists, int casWorkers, Duration queueLimit,
        boolean roundedPredictions) {

    /**
     * 5 s per check, lists as sets, one Symja worker per core (at least 2, at most 8: few answers
     * need Symja), 60 s queue limit.
     */
    public static final EquivalenceOptions DEFAULTS = new EquivalenceOptions(Duration.ofSeconds(5), false,
            Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 8), Duration.ofSeconds(60), false);

    public EquivalenceOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(queueLimit, "queueLimit");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (casWorkers < 1) {
            throw new IllegalArgumentException("casWorkers must be at least 1, got " + casWorkers);
        }
    }

    public EquivalenceOptions withTimeout(Duration timeout) {
        return new EquivalenceOptions(timeout, orderedLists, casWorkers, queueLimit, roundedPredictions);
    }

    public EquivalenceOptions withOrderedLists(boolean orderedLists) {
        return new EquivalenceOptions(timeout, orderedLists, casWorkers, queueLimit, roundedPredictions);
    }

    public EquivalenceOptions withCasWorkers(int casWorkers) {
        return new EquivalenceOptions(timeout, orderedLists, casWorkers, queueLimit, roundedPredictions);
    }

    public EquivalenceOptions withQueueLimit(Duration queueLimit) {
        return new EquivalenceOptions(timeout, orderedLists, casWorkers, queueLimit, roundedPredictions);
    }

    public EquivalenceOptions withRoundedPredictions(boolean roundedPredictions) {
        return new EquivalenceOptions(timeout, orderedLists, casWorkers, queueLimit, roundedPredictions);
    }

    /** How decimal predictions are compared, as reports name the setting: "rounded" or "exact". */
    public String precisionLabel() {
        return roundedPredictions ? "rounded" : "exact";
    }
}
