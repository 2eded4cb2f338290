package drp.tiny.sample;

/**
 * How to pick each next token.
 *
 * @param temperature   0 for greedy (argmax), otherwise the softmax temperature
 * @param topP          nucleus sampling: sample among the most likely tokens whose probabilities sum
 *                      to at least topP (1 = the whole vocabulary)
 * @param maxNewTokens  the most tokens to generate per sequence
 * @param seed          the seed; sequence i of a call draws from its own generator seeded by
 *                      (seed, i), so results do not depend on batching or threads
 */
public record SamplingOptions(float temperature, float topP, int maxNewTokens, long seed) {

    public SamplingOptions {
        if (!(temperature >= 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be at least 1, got " + maxNewTokens);
        }
    }

    public static SamplingOptions greedy(int maxNewTokens) {
        return new SamplingOptions(0f, 1f, maxNewTokens, 0L);
    }

    public boolean isGreedy() {
        return temperature == 0f;
    }

    public SamplingOptions withSeed(long newSeed) {
        return new SamplingOptions(temperature, topP, maxNewTokens, newSeed);
    }
}
