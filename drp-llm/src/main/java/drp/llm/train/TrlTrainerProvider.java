package drp.llm.train;

import drp.core.train.Trainer;
import drp.core.train.TrainerProvider;

/** {@code trainer: trl} in a pipeline file, found through {@link java.util.ServiceLoader}. */
public final class TrlTrainerProvider implements TrainerProvider {

    @Override
    public String name() {
        return TrlTrainer.NAME;
    }

    @Override
    public Trainer trainer() {
        return new TrlTrainer();
    }
}
