package drp.tiny.world;

/**
 * The knobs of the synthetic world. The defaults are the world the shipped base student learned.
 *
 * @param minSteps   fewest arithmetic steps per problem (at least 1)
 * @param maxSteps   most arithmetic steps per problem (at most 6)
 * @param maxStart   largest starting quantity of a plain start
 * @param maxOperand largest amount added or removed in one event
 * @param maxFactor  largest group count, group size or divisor
 * @param maxValue   largest quantity any step may produce
 * @param testShare  out of 100, the share of the problem space held out for the test split
 */
public record WorldConfig(int minSteps, int maxSteps, int maxStart, int maxOperand, int maxFactor,
                          int maxValue, int testShare) {

    public WorldConfig {
        require(minSteps >= 1, "minSteps must be at least 1, got " + minSteps);
        require(maxSteps >= minSteps && maxSteps <= 6, "maxSteps must be in [minSteps, 6], got " + maxSteps);
        require(maxStart >= 2, "maxStart must be at least 2, got " + maxStart);
        require(maxOperand >= 2, "maxOperand must be at least 2, got " + maxOperand);
        require(maxFactor >= 2 && maxFactor <= 12, "maxFactor must be in [2, 12], got " + maxFactor);
        require(maxValue >= Math.max(maxStart, 2 * maxFactor), "maxValue must be at least max(maxStart, 2 * maxFactor), got " + maxValue);
        require(testShare >= 1 && testShare <= 50, "testShare must be in [1, 50], got " + testShare);
    }

    /** The world of the shipped base student. */
    public static WorldConfig defaults() {
        return new WorldConfig(2, 3, 15, 9, 5, 30, 10);
    }

    public WorldConfig withSteps(int min, int max) {
        return new WorldConfig(min, max, maxStart, maxOperand, maxFactor, maxValue, testShare);
    }

    public WorldConfig withMaxValue(int value) {
        return new WorldConfig(minSteps, maxSteps, maxStart, maxOperand, maxFactor, value, testShare);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("WorldConfig: " + message);
        }
    }
}
