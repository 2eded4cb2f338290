package drp.cli;

import drp.cli.pipeline.PhaseListener;
import drp.tiny.base.TrainBase;
import drp.tiny.sample.SamplingProgress;
import drp.tiny.train.TrainingProgress;
import java.util.Locale;

/** Shows {@link TrainBase}'s phases, training steps and evaluation through a {@link PhaseListener}. */
final class TrainBaseProgress implements TrainBase.Listener, AutoCloseable {

    private final PhaseListener listener;
    private PhaseListener.Tracker tracker;

    TrainBaseProgress(PhaseListener listener) {
        this.listener = listener;
    }

    @Override
    public void phase(String message) {
        close();
        listener.note("base student: " + message);
    }

    @Override
    public void training(TrainingProgress p) {
        if (tracker == null) {
            tracker = listener.start("train base", p.steps(), 0, "optimizer steps");
        }
        tracker.step(String.format(Locale.ROOT, "loss %.3f | lr %.1e | %,.0f tok/s", p.loss(), p.learningRate(),
                p.tokensPerSecond()));
    }

    @Override
    public void evaluation(SamplingProgress p) {
        if (tracker == null) {
            tracker = listener.start("evaluate base", p.total(), 0, "problems");
        }
        tracker.step(String.format(Locale.ROOT, "%,.0f tok/s", p.tokensPerSecond()));
    }

    /** Ends the phase in progress. */
    @Override
    public void close() {
        if (tracker != null) {
            tracker.close();
            tracker = null;
        }
    }
}
