package drp.core.train;

/** Receives a training job's progress. */
public interface TrainingListener {

    /** Training starts: {@code totalSteps} optimizer steps, {@code doneSteps} of them done by an earlier run. */
    void started(long totalSteps, long doneSteps);

    /** One optimizer step is done. */
    void step(long step, double loss, double tokensPerSecond);

    /** A line of information (e.g. "already trained, loaded DIR"). */
    void note(String line);

    /** Reports nothing. */
    TrainingListener NONE = new TrainingListener() {
        @Override
        public void started(long totalSteps, long doneSteps) {}

        @Override
        public void step(long step, double loss, double tokensPerSecond) {}

        @Override
        public void note(String line) {}
    };
}
