package drp.cli.pipeline;

import drp.core.stage.CompletionRecord;
import drp.core.stage.SampleStage;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Shows a sampling pass (the sample stage, or one eval pass) on a phase tracker: answers done,
 * how many were correct, tokens per second and in all, and the calls' usage.
 */
final class SampleProgress implements SampleStage.Listener {

    private final PhaseListener listener;
    private final String label;
    private final Supplier<String> usage;
    private PhaseListener.Tracker tracker;
    private long correct;
    private long graded;
    private long tokens;
    private long start;

    SampleProgress(PhaseListener listener, String label, Supplier<String> usage) {
        this.listener = listener;
        this.label = label;
        this.usage = usage;
    }

    @Override
    public void started(int total, int alreadyDone) {
        start = System.nanoTime();
        tracker = listener.start(label, total, alreadyDone, "answers");
    }

    @Override
    public void finished(CompletionRecord record) {
        if (record.correct() != null) {
            graded++;
            correct += record.correct() ? 1 : 0;
        }
        tokens += record.outputTokens() == null ? 0 : record.outputTokens();
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        String calls = usage.get();
        tracker.step(String.format(Locale.ROOT, "correct %d/%d | %,.0f tok/s | %,d tokens%s", correct, graded,
                tokens / seconds, tokens, calls.isEmpty() ? "" : " | " + calls));
    }

    /** Ends the tracker (the pass is over, or failed). */
    void close() {
        if (tracker != null) {
            tracker.close();
        }
    }
}
