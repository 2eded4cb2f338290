package drp.core.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What is wrong with one input record, located precisely enough to fix it.
 *
 * @param file    the input file
 * @param line    1-based line number
 * @param field   the offending field, or null when the whole line is at fault
 * @param message what is wrong
 */
public record RecordError(Path file, int line, String field, String message) {
    public RecordError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line: field 'x': message}, the form editors and terminals link to. */
    @Override
    public String toString() {
        return file + ":" + line + ": " + (field == null ? "" : "field '" + field + "': ") + message;
    }
}
