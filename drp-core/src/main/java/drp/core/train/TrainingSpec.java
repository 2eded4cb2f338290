package drp.core.train;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to fine-tune: what every trainer understands, plus the trainer's own settings.
 *
 * @param epochs       passes over the dataset
 * @param learningRate peak learning rate
 * @param seed         the seed of the data order (and of any other randomness)
 * @param options      trainer-specific settings by name (the embedded trainer: {@code rows},
 *                     {@code row_length}, {@code min_steps}); a trainer refuses a name it does not know
 */
public record TrainingSpec(double epochs, double learningRate, long seed, Map<String, Object> options) {
    public TrainingSpec {
        if (!(epochs > 0)) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        options = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(options, Map.of())));
    }
}
