package drp.llm.meter;

import java.util.Locale;

/**
 * What a stage will cost before it starts: requests times expected tokens times price.
 *
 * @param requests calls the stage will make (cache hits excluded, when known)
 * @param promptTokens expected prompt tokens, all requests together
 * @param completionTokens expected generated tokens, all requests together
 * @param price the model's price
 */
public record CostEstimate(long requests, long promptTokens, long completionTokens, Price price) {

    public CostEstimate {
        if (requests < 0 || promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("counts are >= 0");
        }
    }

    /** {@code requests} calls of about {@code promptTokensEach} in and {@code completionTokensEach} out. */
    public static CostEstimate of(long requests, long promptTokensEach, long completionTokensEach, Price price) {
        return new CostEstimate(requests, Math.multiplyExact(requests, promptTokensEach),
                Math.multiplyExact(requests, completionTokensEach), price);
    }

    /**
     * The requests a stage is about to make: prompts by {@code estimate}, completions by their
     * {@code max_tokens} or {@code expectedCompletionTokens} per choice.
     */
    public static CostEstimate forRequests(java.util.Collection<drp.core.chat.ChatRequest> requests, TokenEstimate estimate,
            long expectedCompletionTokens, Price price) {
        long prompt = 0;
        long completion = 0;
        for (drp.core.chat.ChatRequest r : requests) {
            prompt += estimate.promptTokens(r);
            completion += TokenEstimate.completionTokens(r, expectedCompletionTokens);
        }
        return new CostEstimate(requests.size(), prompt, completion, price);
    }

    public double cost() {
        return price.cost(promptTokens, completionTokens);
    }

    /** One line for the console, e.g. {@code 7,473 requests, 3.7M tokens in + 6.9M out, about $84.32 at ...}. */
    public String describe() {
        return String.format(Locale.ROOT, "%,d requests, %s tokens in + %s out, about $%.2f at %s",
                requests, tokens(promptTokens), tokens(completionTokens), cost(), price);
    }

    private static String tokens(long n) {
        return n >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", n / 1e6)
                : n >= 1_000 ? String.format(Locale.ROOT, "%.1fk", n / 1e3) : Long.toString(n);
    }
}
