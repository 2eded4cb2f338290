package drp.tiny.train;

import java.time.Duration;
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
}
