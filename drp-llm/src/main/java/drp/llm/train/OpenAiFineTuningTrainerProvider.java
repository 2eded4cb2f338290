package drp.llm.train;

import drp.core.train.Trainer;
import drp.core.train.TrainerProvider;

/** {@code trainer: openai} in a pipeline file: hosted fine-tuning, found through {@link java.util.ServiceLoader}. */
public final class OpenAiFineTuningTrainerProvider implements TrainerProvider {

    @Override
    public String name() {
        return OpenAiFineTuningTrainer.NAME;
    }

    @Override
    public Trainer trainer() {
        return new OpenAiFineTuningTrainer();
    }
}
