package drp.cli;

import drp.core.answer.AnswerChecker;
import drp.core.answer.BasicAnswerChecker;

/** The answer checker the commands use. */
final class AnswerCheckers {

    private AnswerCheckers() {}

    static AnswerChecker standard() {
        return new BasicAnswerChecker();
    }
}
