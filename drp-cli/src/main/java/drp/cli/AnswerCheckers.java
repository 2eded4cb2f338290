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

    /** The shared engine that accepts rounded decimal predictions, made on first use. */
    private static final class SharedRounded {
        static final EquivalenceChecker CHECKER = new EquivalenceChecker(EquivalenceOptions.DEFAULTS.withRoundedPredictions(true));
    }

    /** The shared checker with default options; never closed by a command. */
    static AnswerChecker standard() {
        return Shared.CHECKER;
    }

    /** The shared checker for a precision setting: rounded decimal predictions accepted or not; never closed by a command. */
    static AnswerChecker standard(boolean roundedPredictions) {
        return roundedPredictions ? SharedRounded.CHECKER : Shared.CHECKER;
    }

    /** A checker with its own options, for the caller to close. */
    static EquivalenceChecker of(Duration timeout, boolean orderedLists) {
        return of(timeout, orderedLists, false);
    }

    /** A checker with its own options, rounded decimal predictions accepted or not, for the caller to close. */
    static EquivalenceChecker of(Duration timeout, boolean orderedLists, boolean roundedPredictions) {
        return new EquivalenceChecker(EquivalenceOptions.DEFAULTS.withTimeout(timeout).withOrderedLists(orderedLists)
                .withRoundedPredictions(roundedPredictions));
    }
}
