package drp.llm.chat;

import drp.core.chat.ChatException;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.RetriableChatException;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Retries calls that failed in a way that may pass ({@link RetriableChatException}: 429, 5xx,
 * timeouts, dropped connections, malformed answers), waiting as the {@link RetryPolicy} says, up to
 * its attempt limit. Other failures go straight through. The last failure names the number of
 * attempts.
 */
public final class RetryingChatModel extends ForwardingChatModel {

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final RetryStats stats;

    public RetryingChatModel(ChatModel inner, RetryPolicy policy, Sleeper sleeper, RandomGenerator random,
            RetryStats stats) {
        super(inner);
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.stats = stats;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return withRetries(() -> delegate().chat(request));
    }

    /** Retried as a chat call: a score is a call like any other, failing the same ways. */
    @Override
    public TargetScore score(ScoreRequest request) {
        return withRetries(() -> delegate().score(request));
    }

    private <T> T withRetries(Supplier<T> call) {
        stats.countCall();
        for (int attempt = 1; ; attempt++) {
            stats.countAttempt();
            try {
                return call.get();
            } catch (RetriableChatException e) {
                if (attempt >= policy.maxAttempts()) {
                    stats.countGiveUp();
                    throw attempt == 1 ? e : (RetriableChatException) ChatException.of(e.failure(),
                            "gave up after " + attempt + " attempts; last: " + e.getMessage(),
                            e.httpStatus().orElse(0), e.retryAfter().orElse(null), e);
                }
                Duration wait;
                // most generators are not thread-safe, and many callers share this model
                synchronized (random) {
                    wait = policy.delay(attempt, e.retryAfter().orElse(null), random);
                }
                stats.countRetry();
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    throw Interrupts.cancelled(id(), "waiting to retry after: " + e.getMessage(), interrupted);
                }
            }
        }
    }

    public RetryStats stats() {
        return stats;
    }

    @Override
    protected String describe() {
        return "Retrying[" + policy.maxAttempts() + " attempts]";
    }
}
