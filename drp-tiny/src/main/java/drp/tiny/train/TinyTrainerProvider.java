package drp.tiny.train;

import drp.core.train.Trainer;
import drp.core.train.TrainerProvider;

/** {@code trainer: tiny} in a pipeline file: the embedded trainer, found through {@link java.util.ServiceLoader}. */
public final class TinyTrainerProvider implements TrainerProvider {

    @Override
    public String name() {
        return TinyTrainer.NAME;
    }

    @Override
    public Trainer trainer() {
        return new TinyTrainer();
    }
}
