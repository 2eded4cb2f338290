package drp.cli.pipeline;

import drp.core.stage.CallReport;
import java.util.Map;

/**
 * A phase ended before its work was done because calls failed or the budget ran out; everything
 * written is kept, and rerunning the same pipeline into the same directory continues.
 *
 * @see CallReport
 */
public final class PhaseStopped extends RuntimeException {

    private final String phase;
    private final CallReport calls;
    private final Map<String, Long> counts;

    public PhaseStopped(String phase, CallReport calls, Map<String, Long> counts) {
        super(phase + " stopped: " + (calls.stopped() ? calls.stopReason()
                : calls.callFailures() + " items not done, their calls failed (last: " + calls.lastFailure() + ")"));
        this.phase = phase;
        this.calls = calls;
        this.counts = Map.copyOf(counts);
    }

    public String phase() {
        return phase;
    }

    public CallReport calls() {
        return calls;
    }

    /** The phase's counts so far, for run.json. */
    public Map<String, Long> counts() {
        return counts;
    }
}
