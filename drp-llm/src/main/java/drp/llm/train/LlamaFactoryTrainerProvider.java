package drp.llm.train;

import drp.core.train.Trainer;
import drp.core.train.TrainerProvider;

/** {@code trainer: llamafactory} in a pipeline file, found through {@link java.util.ServiceLoader}. */
public final class LlamaFactoryTrainerProvider implements TrainerProvider {

    @Override
    public String name() {
        return LlamaFactoryTrainer.NAME;
    }

    @Override
    public Trainer trainer() {
        return new LlamaFactoryTrainer();
    }
}
