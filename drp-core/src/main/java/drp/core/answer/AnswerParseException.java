package drp.core.answer;

/** An answer that is not readable as mathematics; the message says what was not understood. */
final class AnswerParseException extends Exception {

    AnswerParseException(String message) {
        super(message, null, false, false);
    }
}
