package drp.cli;

import drp.core.answer.EquivalenceChecker;
import drp.core.answer.EquivalenceOptions;
import java.time.Duration;

/** The answer checker every command uses: the full equivalence engine, time-bounded. */
final class AnswerCheckers {

    private AnswerCheckers() {}

    /** A checker to close when the command is done (it owns CAS worker threads). */
    static EquivalenceChecker standard() {
        return new EquivalenceChecker();
    }

    static EquivalenceChecker of(Duration timeout, boolean orderedLists) {
        return new EquivalenceChecker(EquivalenceOptions.DEFAULTS.withTimeout(timeout).withOrderedLists(orderedLists));
    }
}
