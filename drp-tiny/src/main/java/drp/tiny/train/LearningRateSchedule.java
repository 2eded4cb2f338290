package drp.tiny.train;

/** Linear warm-up to the peak, then cosine decay to {@code minLrRatio * peak} at the last step. */
public record LearningRateSchedule(float peak, float minLrRatio, int warmupSteps, int steps) {

    /** The learning rate of step {@code step} (0-based). */
    public float at(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        int decaySteps = Math.max(1, steps - warmupSteps - 1);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double cosine = 0.5 * (1.0 + Math.cos(Math.PI * progress));
        double min = peak * minLrRatio;
        return (float) (min + (peak - min) * cosine);
    }
}
