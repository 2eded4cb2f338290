package drp.core.stage;

import drp.core.chat.BudgetExceededException;
import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import java.util.Optional;

/**
 * How a stage that calls models reacts when a call fails after the model stack's own retries: the
 * item is not recorded (a rerun does it again, mostly from the call cache), and the stage goes on,
 * unless the failure says that every further call would fail too (a spent budget, a refused key,
 * an unknown model) or {@link #MAX_CONSECUTIVE} items in a row failed. Thread-safe.
 */
final class CallFailures {

    /** Items in a row whose calls failed before a stage gives up on the endpoint. */
    static final int MAX_CONSECUTIVE = 5;

    private int consecutive;
    private long total;
    private String last;
    private String stop;
    private boolean budgetSpent;

    synchronized void succeeded() {
        consecutive = 0;
    }

    /** Records an item whose call failed; afterwards {@link #stopped()} says whether to go on. */
    synchronized void failed(ChatException e) {
        if (e instanceof BudgetExceededException) {
            stop = e.getMessage();
            budgetSpent = true;
            return;
        }
        total++;
        consecutive++;
        last = e.getMessage();
        if (e.failure() == ChatFailure.AUTHENTICATION || e.failure() == ChatFailure.NOT_FOUND
                || e.failure() == ChatFailure.CANCELLED || e.failure() == ChatFailure.UNSUPPORTED) {
            stop = e.getMessage();
        } else if (consecutive >= MAX_CONSECUTIVE) {
            stop = consecutive + " items in a row failed on their calls; the last: " + e.getMessage();
        }
    }

    synchronized boolean stopped() {
        return stop != null;
    }

    /** Why the stage stopped early, if it did. */
    synchronized Optional<String> stopReason() {
        return Optional.ofNullable(stop);
    }

    synchronized boolean budgetSpent() {
        return budgetSpent;
    }

    /** Items not done because their calls failed. */
    synchronized long total() {
        return total;
    }

    /** The last call failure's message, if any. */
    synchronized Optional<String> last() {
        return Optional.ofNullable(last);
    }
}
