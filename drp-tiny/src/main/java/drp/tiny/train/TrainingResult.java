package drp.tiny.train;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a training run did: the loss of every step, the tokens it trained on, its wall time.
 *
 * @param losses  the loss of each step, in order
 * @param tokens  training tokens processed (non-padding positions)
 * @param epochs  passes over the data started
 */
public record TrainingResult(List<Double> losses, long tokens, int epochs, Duration wallTime) {
    public TrainingResult {
        losses = List.copyOf(losses);
    }

    public double tokensPerSecond() {
        return tokens / Math.max(1e-9, wallTime.toNanos() / 1e9);
    }

    /** The mean loss of the last {@code k} steps. */
    public double finalLoss(int k) {
        int from = Math.max(0, losses.size() - k);
        return losses.subList(from, losses.size()).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /**
     * The loss curve a training record keeps: [step, mean loss of the steps since the previous
     * point], one point every {@code every} steps and one at the last step.
     *
     * @param decimals places each mean is rounded to, so the record stays short to read
     */
    public List<double[]> lossCurve(int every, int decimals) {
        double scale = Math.pow(10, decimals);
        List<double[]> curve = new ArrayList<>();
        double sum = 0;
        int count = 0;
        for (int i = 0; i < losses.size(); i++) {
            sum += losses.get(i);
            count++;
            if ((i + 1) % every == 0 || i == losses.size() - 1) {
                curve.add(new double[] {i + 1, Math.round(sum / count * scale) / scale});
                sum = 0;
                count = 0;
            }
        }
        return curve;
    }
}
