package drp.llm.chat;

/**
 * Requests and tokens per minute an endpoint allows (as providers state their limits); 0 means no
 * limit.
 */
public record RateLimits(long requestsPerMinute, long tokensPerMinute) {

    public static final RateLimits NONE = new RateLimits(0, 0);

    public RateLimits {
        if (requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("rate limits are >= 0 (0 = none), got " + requestsPerMinute
                    + " requests and " + tokensPerMinute + " tokens per minute");
        }
    }

    public boolean isNone() {
        return requestsPerMinute == 0 && tokensPerMinute == 0;
    }
}
