package drp.llm.chat;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import drp.core.chat.Usage;
import drp.llm.meter.TokenEstimate;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Keeps calls under an endpoint's requests-per-minute and tokens-per-minute limits, so a run slows
 * down by itself instead of collecting 429s. Tokens are estimated before the call (prompt estimate
 * plus the most the call can generate) and corrected by the server's usage after it.
 */
public final class RateLimitedChatModel extends ForwardingChatModel {

    private final TokenBucket requests;
    private final TokenBucket tokens;
    private final TokenEstimate estimate;
    private final long expectedCompletionTokens;
    private final Sleeper sleeper;

    /**
     * @param expectedCompletionTokens tokens per choice to assume when a request sets no max_tokens
     */
    public RateLimitedChatModel(ChatModel inner, RateLimits limits, TokenEstimate estimate,
            long expectedCompletionTokens, Ticker ticker, Sleeper sleeper) {
        super(inner);
        this.requests = limits.requestsPerMinute() > 0 ? new TokenBucket(limits.requestsPerMinute(), ticker) : null;
        this.tokens = limits.tokensPerMinute() > 0 ? new TokenBucket(limits.tokensPerMinute(), ticker) : null;
        this.estimate = estimate;
        this.expectedCompletionTokens = expectedCompletionTokens;
        this.sleeper = sleeper;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return limited(request, () -> delegate().chat(request), ChatResponse::usage);
    }

    /**
     * A score takes a request and its prompt and target's tokens from the limits, as the generation
     * call it costs like ({@link ScoreCalls}).
     */
    @Override
    public TargetScore score(ScoreRequest request) {
        return limited(ScoreCalls.asChatRequest(request), () -> delegate().score(request), TargetScore::usage);
    }

    private <T> T limited(ChatRequest request, Supplier<T> call, Function<T, Usage> usage) {
        long estimated = tokens == null ? 0
                : estimate.promptTokens(request) + TokenEstimate.completionTokens(request, expectedCompletionTokens);
        Duration wait = Duration.ZERO;
        if (requests != null) {
            wait = requests.take(1);
        }
        if (tokens != null) {
            Duration tokenWait = tokens.take(estimated);
            wait = tokenWait.compareTo(wait) > 0 ? tokenWait : wait;
        }
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            throw Interrupts.cancelled(id(), "waiting for the rate limit", e);
        }
        T response = call.get();
        long used = usage.apply(response).totalTokens();
        if (tokens != null && used > 0) {
            tokens.adjust(used - estimated);
        }
        return response;
    }

    @Override
    protected String describe() {
        return "RateLimited[" + (requests == null ? "-" : requests.perMinute() + " rpm") + ", "
                + (tokens == null ? "-" : tokens.perMinute() + " tpm") + "]";
    }
}
