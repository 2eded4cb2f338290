package drp.core.io;

/** A malformed input record in strict mode; the message names file:line and the field. */
public final class JsonlFormatException extends RuntimeException {
    private final RecordError error;

    public JsonlFormatException(RecordError error) {
        super(error.toString());
        this.error = error;
    }

    public RecordError error() {
        return error;
    }
}
