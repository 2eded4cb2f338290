package drp.core.train;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One fine-tuning job.
 *
 * @param name      the trained model's name, e.g. {@code drp}
 * @param baseModel the base model as an endpoint reference, e.g. {@code tiny:base}
 * @param dataset   the SFT dataset: chat {@code messages} JSONL as the build stage writes it
 * @param spec      how to train
 * @param output    the folder the trained model (and the trainer's records) go to
 */
public record TrainingJob(String name, String baseModel, Path dataset, TrainingSpec spec, Path output) {
    public TrainingJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseModel, "baseModel");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(output, "output");
    }
}
