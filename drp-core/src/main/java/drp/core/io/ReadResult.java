package drp.core.io;

import java.util.List;

/**
 * What a lenient read produced: the good items in file order, and one error per skipped line.
 */
public record ReadResult<T>(List<T> items, List<RecordError> errors) {
    public ReadResult {
        items = List.copyOf(items);
        errors = List.copyOf(errors);
    }
}
