package drp.llm.train;

import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.chat.RetriableChatException;
import drp.llm.chat.RetryPolicy;
import drp.llm.chat.Sleeper;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Calls of a hosted fine-tuning API, each tried again after a transient failure (429, 5xx, a
 * time-out, a dropped connection, a body that is not JSON) with the policy's back-off, at least
 * as long as the server's {@code Retry-After} asks; a permanent one (401, 400, 404) fails at once.
 */
final class HostedCalls {

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random = RandomGenerator.getDefault();

    HostedCalls(RetryPolicy policy, Sleeper sleeper) {
        this.policy = policy;
        this.sleeper = sleeper;
    }

    <T> T run(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (ChatException e) {
                if (!e.retriable() || attempt >= policy.maxAttempts()) {
                    throw e;
                }
                Duration asked = e instanceof RetriableChatException r ? r.retryAfter().orElse(null) : null;
                sleep(policy.delay(attempt, asked, random), e);
            }
        }
    }

    /** Waits {@code duration}; an interrupt ends the wait as a cancelled call. */
    void sleep(Duration duration, Exception during) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw ChatException.of(ChatFailure.CANCELLED, "interrupted", 0, null, during);
        }
    }
}
