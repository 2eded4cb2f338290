package drp.cli;

import drp.core.stage.CallReport;
import java.io.PrintWriter;

/**
 * How a stage that calls models ends: the exit code and one clear message for what was left
 * undone. 0: everything done; 3: stopped at the cost cap ({@code --max-cost}); 1: calls failed
 * (the items are not recorded, and rerunning the same command does them, earlier answers coming
 * from the call cache).
 */
final class StageEnd {

    static final int DONE = 0;
    static final int FAILED = 1;
    static final int BUDGET = 3;

    private StageEnd() {}

    /**
     * @param what the items, e.g. "traces" or "outputs"
     */
    static int report(String stage, CallReport calls, String what, PrintWriter err) {
        if (calls.budgetSpent()) {
            err.println("drp: " + stage + " stopped: " + calls.stopReason());
            err.println("drp: everything finished is kept; rerun with a higher --max-cost to continue");
            err.flush();
            return BUDGET;
        }
        if (calls.stopped()) {
            err.println("drp: " + stage + " stopped: " + calls.stopReason());
            err.println("drp: everything finished is kept; fix the endpoint and rerun the same command to continue");
            err.flush();
            return FAILED;
        }
        if (calls.callFailures() > 0) {
            err.println("drp: " + calls.callFailures() + " " + what + " not done: their calls failed (last: "
                    + calls.lastFailure() + "); they are not recorded, and rerunning the same command does them");
            err.flush();
            return FAILED;
        }
        return DONE;
    }
}
