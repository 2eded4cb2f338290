package drp.core.trace;

import drp.core.io.ReadResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which records of an input file go to pruning, and why each of the others does not, so that
 * {@code read = selected + skipped} holds and every input record is accounted for.
 *
 * @param read     input records: every non-blank line, malformed ones included
 * @param selected the traces to prune, in file order
 * @param skipped  records not selected, by reason ({@link #MALFORMED_LINE}, {@link #NOT_CORRECT});
 *                 a reason with no record is absent
 */
public record TraceSelection(long read, List<Trace> selected, Map<String, Long> skipped) {

    /** A line that could not be read as a trace (not UTF-8, not JSON, a required field missing). */
    public static final String MALFORMED_LINE = "malformed_line";
    /** A trace the input marks as incorrect; pruning it would teach a wrong answer. */
    public static final String NOT_CORRECT = "not_correct";

    public TraceSelection {
        selected = List.copyOf(selected);
        skipped = Collections.unmodifiableMap(new TreeMap<>(skipped)); // sorted, so summaries print alike
        long skippedTotal = skipped.values().stream().mapToLong(Long::longValue).sum();
        if (read != selected.size() + skippedTotal) {
            throw new IllegalArgumentException("read " + read + " != selected " + selected.size() + " + skipped " + skipped);
        }
    }

    /**
     * Selects from what a reader produced: traces marked correct, or not marked either way; every
     * trace when {@code all}.
     */
    public static TraceSelection of(ReadResult<Trace> read, boolean all) {
        Objects.requireNonNull(read, "read");
        List<Trace> selected = read.items().stream()
                .filter(t -> all || t.correct() == null || t.correct())
                .toList();
        Map<String, Long> skipped = new LinkedHashMap<>();
        if (!read.errors().isEmpty()) {
            skipped.put(MALFORMED_LINE, (long) read.errors().size());
        }
        long notCorrect = read.items().size() - selected.size();
        if (notCorrect > 0) {
            skipped.put(NOT_CORRECT, notCorrect);
        }
        return new TraceSelection(read.items().size() + read.errors().size(), selected, skipped);
    }

    /** Records not selected, all reasons together. */
    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
