package drp.core.stage;

import java.util.Optional;

/**
 * What went wrong with calls during one run of a stage. Items counted here are not in the output
 * file; a rerun of the stage does them again.
 *
 * @param callFailures items whose calls failed after all retries
 * @param lastFailure  the last such failure, or null
 * @param deferred     items set aside for a batch job (not failures)
 * @param stopReason   why the stage stopped before the end (budget, key refused, endpoint
 *                     failing), or null when it ran to the end
 * @param budgetSpent  whether it stopped because the cost cap would have been exceeded
 */
public record CallReport(long callFailures, String lastFailure, long deferred, String stopReason, boolean budgetSpent) {

    public static final CallReport NONE = new CallReport(0, null, 0, null, false);

    /** Whether the stage stopped before every item was tried. */
    public boolean stopped() {
        return stopReason != null;
    }

    public Optional<String> stop() {
        return Optional.ofNullable(stopReason);
    }

    /** True when every item was done (none failed, none deferred, no early stop). */
    public boolean complete() {
        return callFailures == 0 && deferred == 0 && stopReason == null;
    }

    static CallReport of(CallFailures failures, long deferred) {
        return new CallReport(failures.total(), failures.last().orElse(null), deferred, failures.stopReason().orElse(null),
                failures.budgetSpent());
    }
}
