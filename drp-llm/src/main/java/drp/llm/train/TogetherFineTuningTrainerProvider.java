package drp.llm.train;

import drp.core.train.Trainer;
import drp.core.train.TrainerProvider;

/** {@code trainer: together} in a pipeline file: Together's hosted fine-tuning, found through {@link java.util.ServiceLoader}. */
public final class TogetherFineTuningTrainerProvider implements TrainerProvider {

    @Override
    public String name() {
        return TogetherFineTuningTrainer.NAME;
    }

    @Override
    public Trainer trainer() {
        return new TogetherFineTuningTrainer();
    }
}
