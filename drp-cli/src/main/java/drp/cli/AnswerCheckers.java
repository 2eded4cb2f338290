package drp.cli;

import drp.core.answer.AnswerChecker;
import drp.core.answer.EquivalenceChecker;
import drp.core.answer.EquivalenceOptions;
import java.time.Duration;

/** The answer checker every command uses: the full equivalence engine, time-bounded. */
final class AnswerCheckers {

    private AnswerCheckers() {}

    /** One shared engine per process: thread-safe, its CAS workers are daemon threads. */
    private static final class Shared {
        static final EquivalenceChecker CHECKER = new EquivalenceChecker();
    }

    /** The shared checker with default options; never closed by a command. */
    static AnswerChecker standard() {
        return Shared.CHECKER;
    }

    /** A checker with its own options, for the caller to close. */
    static EquivalenceChecker of(Duration timeout, boolean orderedLists) {
        return new EquivalenceChecker(EquivalenceOptions.DEFAULTS.withTimeout(timeout).withOrderedLists(orderedLists));
    }
}
