package drp.core.train;

/**
 * The training port: fine-tunes a base model on an SFT dataset and returns a reference to the
 * result that the endpoint machinery can open (drp-tiny: {@code tiny:DIR}; an external engine: a
 * merged model folder or a hosted model name). Implementations live outside the core: drp-tiny's
 * embedded trainer, launchers of LLaMA-Factory or TRL, hosted fine-tuning APIs.
 *
 * <p>Contract: training is resumable or idempotent. A job whose output already holds a model
 * trained on the same dataset with the same spec returns it without training again; one that holds
 * a model made from other data or settings is refused, never reused.
 */
public interface Trainer {

    /** The name run.json and progress lines show, e.g. {@code tiny}. */
    String name();

    /**
     * Trains {@code job} (or finds it already trained) and returns the model.
     *
     * @throws IllegalArgumentException when the job cannot run as given (bad spec, empty dataset,
     *         an output made by another job)
     */
    TrainedModel train(TrainingJob job, TrainingListener listener);

    /**
     * Checks, before any work of a pipeline starts, that this trainer can train {@code baseModel}
     * with {@code spec} (known options, a base model it can load), so that a mistake fails in
     * seconds instead of after sampling and pruning.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    void check(String baseModel, TrainingSpec spec);

    /**
     * What training {@code baseModel} with {@code spec} into {@code output} would do, for a dry
     * run: the configuration files the trainer would write and the commands it would launch, as
     * lines. Nothing is written.
     */
    default java.util.List<String> plan(String baseModel, TrainingSpec spec, java.nio.file.Path output) {
        return java.util.List.of();
    }

    /**
     * Asks the provider to stop the hosted job whose state this trainer keeps in {@code output} (a
     * job's output folder), and records that it was cancelled there, so that training that folder
     * again reports the job as cancelled instead of waiting for it. Only hosted trainers have such
     * a job; a local training run is stopped by stopping its process.
     *
     * @return the job's status after the request, as the provider names it (e.g. {@code cancelled})
     * @throws IllegalArgumentException when this trainer runs no hosted job, or {@code output} holds none
     */
    default String cancel(java.nio.file.Path output) {
        throw new IllegalArgumentException("the " + name() + " trainer has no hosted job to cancel; stop its process"
                + " instead");
    }
}
