package drp.core.train;

import java.util.ServiceLoader;

/**
 * Makes a {@link Trainer} by name, found with {@link ServiceLoader}: a module that implements a
 * trainer lists its provider in {@code META-INF/services/drp.core.train.TrainerProvider}.
 */
public interface TrainerProvider {

    /** The name a pipeline file gives, e.g. {@code tiny}. */
    String name();

    Trainer trainer();

    /** The trainer called {@code name}, with an error that lists the known ones. */
    static Trainer find(String name) {
        StringBuilder known = new StringBuilder();
        for (TrainerProvider provider : ServiceLoader.load(TrainerProvider.class)) {
            if (provider.name().equals(name)) {
                return provider.trainer();
            }
            known.append(known.isEmpty() ? "" : ", ").append(provider.name());
        }
        throw new IllegalArgumentException("unknown trainer '" + name + "'; known: " + (known.isEmpty() ? "none" : known));
    }
}
