package drp.core.stage;

import java.util.Map;

/**
 * How the student is sampled.
 *
 * @param temperature sampling temperature; 0 is greedy
 * @param topP        nucleus mass, or null for the server's default
 * @param maxTokens   the most tokens per output (thinking included)
 * @param extra       engine parameters the OpenAI schema lacks (vLLM's {@code top_k}...)
 */
public record Sampling(double temperature, Double topP, int maxTokens, Map<String, Object> extra) {

    /** Long enough for R1-style reasoning on competition problems. */
    public static final int GENEROUS_MAX_TOKENS = 32_768;

    public Sampling {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be >= 1, got " + maxTokens);
        }
        extra = Map.copyOf(extra);
    }

    /** DeepSeek-R1's recommendation for its distilled models: temperature 0.6, top-p 0.95. */
    public static Sampling r1(int maxTokens) {
        return new Sampling(0.6, 0.95, maxTokens, Map.of());
    }

    /** Always the most likely token. */
    public static Sampling greedy(int maxTokens) {
        return new Sampling(0.0, null, maxTokens, Map.of());
    }

    public boolean greedy() {
        return temperature == 0;
    }
}
