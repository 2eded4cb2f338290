package drp.tiny.train;

/**
 * How to train: AdamW with linear warm-up then cosine decay, global gradient-norm clipping, and
 * batches of {@code rows} packed rows of {@code rowLength} positions.
 *
 * @param steps         optimizer steps
 * @param rows          B, rows per batch
 * @param rowLength     T, positions per row (whole examples are packed into rows)
 * @param learningRate  peak learning rate
 * @param minLrRatio    the final learning rate as a fraction of the peak
 * @param warmupSteps   steps of linear warm-up
 * @param weightDecay   decoupled weight decay, on matrices only
 * @param beta1         AdamW first-moment decay
 * @param beta2         AdamW second-moment decay
 * @param epsilon       AdamW epsilon
 * @param gradClip      the largest global gradient norm (0 = no clipping)
 * @param seed          the seed of the data order
 */
public record TrainingConfig(int steps, int rows, int rowLength, float learningRate, float minLrRatio, int warmupSteps,
                             float weightDecay, float beta1, float beta2, float epsilon, float gradClip, long seed) {

    public TrainingConfig {
        require(steps >= 1, "steps must be at least 1, got " + steps);
        require(rows >= 1, "rows must be at least 1, got " + rows);
        require(rowLength >= 2, "rowLength must be at least 2, got " + rowLength);
        require(learningRate > 0, "learningRate must be positive, got " + learningRate);
        require(minLrRatio >= 0 && minLrRatio <= 1, "minLrRatio must be in [0, 1], got " + minLrRatio);
        require(warmupSteps >= 0, "warmupSteps must be >= 0, got " + warmupSteps);
        require(weightDecay >= 0, "weightDecay must be >= 0, got " + weightDecay);
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "betas must be in [0, 1)");
        require(epsilon > 0, "epsilon must be positive, got " + epsilon);
        require(gradClip >= 0, "gradClip must be >= 0, got " + gradClip);
    }

    /** Sensible defaults for {@code steps} steps of B x T batches. */
    public static TrainingConfig of(int steps, int rows, int rowLength, float learningRate, long seed) {
        return new TrainingConfig(steps, rows, rowLength, learningRate, 0.1f, Math.max(1, steps / 20), 0.1f, 0.9f, 0.95f,
                1e-8f, 1.0f, seed);
    }

    public TrainingConfig withSteps(int newSteps) {
        return new TrainingConfig(newSteps, rows, rowLength, learningRate, minLrRatio, Math.min(warmupSteps, newSteps),
                weightDecay, beta1, beta2, epsilon, gradClip, seed);
    }

    public TrainingConfig withWarmup(int newWarmup) {
        return new TrainingConfig(steps, rows, rowLength, learningRate, minLrRatio, newWarmup, weightDecay, beta1, beta2,
                epsilon, gradClip, seed);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("TrainingConfig: " + message);
        }
    }
}
