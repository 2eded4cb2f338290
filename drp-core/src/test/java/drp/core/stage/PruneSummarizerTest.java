package drp.core.stage;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.io.ReadResult;
import drp.core.io.RecordError;
import drp.core.trace.Trace;
import drp.core.trace.TraceSelection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary accounts for every input record: read = selected + skipped, selected = pruned + failed + pending. */
class PruneSummarizerTest {

    private static Trace trace(String id, Boolean correct) {
        return new Trace(id, "q", "think", "", "4", "4", correct, true);
    }

    private static PrunedRecord ok(String id) {
        return new PrunedRecord(id, PrunedRecord.OK, "q", "4", "4", "t", List.of(), List.of(), List.of(), "s", 10, 5,
                true, null, null, List.of(), 1);
    }

    private static PrunedRecord failed(String id, String reason) {
        return new PrunedRecord(id, PrunedRecord.FAILED, "q", "4", "4", "t", List.of(), List.of(), List.of(), null, 10,
                null, null, reason, null, List.of(), 1);
    }

    @Test
    void everyRecordIsCountedOnceAndTheSumsHold() {
        Path file = Path.of("in.jsonl");
        ReadResult<Trace> read = new ReadResult<>(
                List.of(trace("a", true), trace("b", null), trace("c", false), trace("d", true), trace("e", true)),
                List.of(new RecordError(file, 3, null, "not valid JSON")));
        TraceSelection selection = TraceSelection.of(read, false);
        assertThat(selection.selected()).extracting(Trace::id).containsExactly("a", "b", "d", "e");

        // pruned.jsonl: a ok, b failed, c from an earlier run with --all (not selected now), d and e not yet written
        List<PrunedRecord> records = List.of(ok("a"), failed("b", "NOT_SHORTER"), ok("c"));
        PruneSummary s = PruneSummarizer.summarize(records, selection, "characters");

        assertThat(s.tracesRead()).isEqualTo(6);
        assertThat(s.skipped()).containsExactly(Map.entry("malformed_line", 1L), Map.entry("not_correct", 1L));
        assertThat(s.inputErrors()).isEqualTo(1);
        assertThat(s.tracesIn()).isEqualTo(4);
        assertThat(s.tracesOut()).isEqualTo(1); // c is not counted: it was not selected
        assertThat(s.failures()).containsExactly(Map.entry("NOT_SHORTER", 1L));
        assertThat(s.pending()).isEqualTo(2);
        assertThat(s.tracesRead()).isEqualTo(s.tracesIn() + s.skippedTotal());
        assertThat(s.tracesIn()).isEqualTo(s.tracesOut() + s.failedTotal() + s.pending());
    }

    @Test
    void allSelectsTheIncorrectTracesToo() {
        ReadResult<Trace> read = new ReadResult<>(List.of(trace("a", true), trace("c", false)), List.of());
        TraceSelection selection = TraceSelection.of(read, true);
        assertThat(selection.selected()).hasSize(2);
        assertThat(selection.skipped()).isEmpty();
        assertThat(selection.read()).isEqualTo(2);
    }
}
