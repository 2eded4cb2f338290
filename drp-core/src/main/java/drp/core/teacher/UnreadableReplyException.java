package drp.core.teacher;

/** A teacher's answer that is in neither accepted form; the message is written to be fed back to it. */
final class UnreadableReplyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnreadableReplyException(String message) {
        super(message);
    }
}
