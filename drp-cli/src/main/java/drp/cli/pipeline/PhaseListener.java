package drp.cli.pipeline;

/**
 * What a pipeline reports while it works: phases with their items (sequences sampled, traces pruned,
 * optimizer steps), and notes between them. The command shows them through its progress line and
 * log; tests may ignore them.
 */
public interface PhaseListener {

    /**
     * A phase starts.
     *
     * @param phase       its name, e.g. {@code sample}, {@code distill drp}
     * @param total       items in the phase
     * @param alreadyDone items found already written by an earlier, interrupted run
     * @param unit        what an item is, plural: {@code problems}, {@code optimizer steps}
     */
    Tracker start(String phase, long total, long alreadyDone, String unit);

    /** One line of information between phases. */
    void note(String line);

    /** Follows one phase. */
    interface Tracker extends AutoCloseable {
        /** One more item is done; {@code detail} is the phase's latest figures (loss, tokens/s). */
        void step(String detail);

        @Override
        void close();
    }

    /** Reports nothing. */
    PhaseListener NONE = new PhaseListener() {
        @Override
        public Tracker start(String phase, long total, long alreadyDone, String unit) {
            return new Tracker() {
                @Override
                public void step(String detail) {}

                @Override
                public void close() {}
            };
        }

        @Override
        public void note(String line) {}
    };
}
