package drp.core.train;

import java.util.Map;
import java.util.Objects;

/**
 * The result of a training job.
 *
 * @param endpoint the model as an endpoint reference that eval can open, e.g. {@code tiny:/runs/x/models/drp}
 * @param trained  false when the model was found already trained by an earlier run
 * @param record   what the trainer records about the training (loss curve, steps, tokens, times)
 */
public record TrainedModel(String endpoint, boolean trained, Map<String, Object> record) {
    public TrainedModel {
        Objects.requireNonNull(endpoint, "endpoint");
        record = record == null ? Map.of() : Map.copyOf(record);
    }
}
