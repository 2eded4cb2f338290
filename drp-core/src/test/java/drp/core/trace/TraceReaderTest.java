package drp.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.answer.RuleBasedExtractor;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonlFormatException;
import drp.core.io.ReadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trace ids: one per record, several samples of one problem included, and never a record lost to a duplicate. */
class TraceReaderTest {

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("traces.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private static String record(String idField, String id, String extra) {
        return "{\"" + idField + "\": \"" + id + "\", \"problem\": \"What is 2+2?\", \"think\": \"2+2 = 4. \\\\boxed{4}\""
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    private ReadResult<Trace> read(Path file, TraceFields fields, ErrorPolicy policy) {
        return new TraceReader(fields, new RuleBasedExtractor()).read(file, policy);
    }

    @Test
    void samplesOfOneProblemGetTheirSampleIndexInTheirId() throws IOException {
        Path file = write(record("problem_id", "p1", "\"sample_index\": 0"), record("problem_id", "p1", "\"sample_index\": 1"),
                record("problem_id", "p2", "\"sample_index\": 0"));
        assertThat(read(file, TraceFields.defaults(), ErrorPolicy.STRICT).items()).extracting(Trace::id)
                .containsExactly("p1#0", "p1#1", "p2#0");
    }

    @Test
    void theCommonNamesOfASampleFieldAreRecognised() throws IOException {
        // one table row per name: each must turn two records of one problem into two traces
        Map<String, String> names = Map.of("sample", "s", "sample_idx", "i", "completion_index", "c");
        for (var e : names.entrySet()) {
            Path file = write(record("id", "q", "\"" + e.getKey() + "\": 3"), record("id", "q", "\"" + e.getKey() + "\": 4"));
            assertThat(read(file, TraceFields.defaults(), ErrorPolicy.STRICT).items()).as(e.getKey())
                    .extracting(Trace::id).containsExactly("q#3", "q#4");
        }
    }

    @Test
    void aMappedSampleFieldIsUsed() throws IOException {
        Path file = write(record("problem_id", "p1", "\"seed\": 7"), record("problem_id", "p1", "\"seed\": 8"));
        assertThat(read(file, TraceFields.defaults().withSample("seed"), ErrorPolicy.STRICT).items())
                .extracting(Trace::id).containsExactly("p1#7", "p1#8");
    }

    @Test
    void drpsOwnCompletionIdsAlreadyEndInTheSampleIndexAndAreKept() throws IOException {
        // completions.jsonl: id = <problem id>#s<seed>#<sample index>, next to problem_id and sample_index
        Path file = write(record("id", "p1#s5#0", "\"problem_id\": \"p1\", \"sample_index\": 0"),
                record("id", "p1#s5#1", "\"problem_id\": \"p1\", \"sample_index\": 1"));
        assertThat(read(file, TraceFields.defaults(), ErrorPolicy.STRICT).items()).extracting(Trace::id)
                .containsExactly("p1#s5#0", "p1#s5#1");
    }

    @Test
    void recordsWithoutASampleFieldKeepTheirIdAsItIs() throws IOException {
        Path file = write(record("problem_id", "p1", ""), record("problem_id", "p2", ""));
        assertThat(read(file, TraceFields.defaults(), ErrorPolicy.STRICT).items()).extracting(Trace::id)
                .containsExactly("p1", "p2");
    }

    @Test
    void aDuplicateIdWithoutASampleFieldIsRefusedNamingTheFileTheIdBothLinesAndTheFix() throws IOException {
        Path file = write(record("problem_id", "p1", ""), record("problem_id", "p2", ""), record("problem_id", "p1", ""));
        for (ErrorPolicy policy : ErrorPolicy.values()) { // lenient too: skipping either record would lose it
            assertThatThrownBy(() -> read(file, TraceFields.defaults(), policy))
                    .as(policy.name())
                    .isInstanceOf(JsonlFormatException.class)
                    .hasMessageStartingWith(file + ":3: field 'problem_id': duplicate id 'p1', also at " + file + ":1;")
                    .hasMessageContaining("--id-field")
                    .hasMessageContaining("--sample-field")
                    .hasMessageContaining("sample_index");
        }
    }

    @Test
    void twoRecordsWithTheSameIdAndSampleIndexAreRefused() throws IOException {
        Path file = write(record("problem_id", "p1", "\"sample_index\": 0"), record("problem_id", "p1", "\"sample_index\": 0"));
        assertThatThrownBy(() -> read(file, TraceFields.defaults(), ErrorPolicy.LENIENT))
                .isInstanceOf(JsonlFormatException.class)
                .hasMessageStartingWith(file + ":2: field 'problem_id': duplicate id 'p1#0', also at " + file + ":1;");
    }

    @Test
    void identicalRecordsWithoutAnyIdAreRefusedToo() throws IOException {
        String noId = "{\"problem\": \"What is 2+2?\", \"think\": \"2+2 = 4.\"}";
        Path file = write(noId, noId);
        assertThatThrownBy(() -> read(file, TraceFields.defaults(), ErrorPolicy.LENIENT))
                .isInstanceOf(JsonlFormatException.class)
                .hasMessageStartingWith(file + ":2: duplicate id 't-")
                .hasMessageContaining("also at " + file + ":1;");
    }
}
