package drp.core.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.io.ErrorPolicy;
import drp.core.io.ReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputReaderTest {

    @Test
    void otherFieldNamesAndAutomaticSampleIndices() {
        Path other = GradeFixtures.resource("other-format.jsonl");
        ReadResult<ModelOutput> read = OutputReader.read(other,
                OutputFields.of("qid", "response").withTokens("tokens"), ErrorPolicy.LENIENT);
        assertThat(read.items()).extracting(ModelOutput::problemId, ModelOutput::sampleIndex).containsExactly(
                tuple("gsm8k-test-0000", 0),
                tuple("gsm8k-test-0001", 0),
                tuple("gsm8k-test-0001", 1),
                tuple("gsm8k-test-0009", 0));
        assertThat(read.errors()).extracting(e -> e.line()).containsExactly(5, 6, 7);
        assertThat(read.errors().get(1).toString())
                .isEqualTo(other + ":6: field 'qid': missing (fields present: response)");
        assertThat(read.errors().get(2).toString())
                .isEqualTo(other + ":7: field 'tokens': expected an integer, found \"many\"");
    }

    @Test
    void duplicateSamplesAreErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dup.jsonl");
        Files.writeString(file, """
                {"problem_id": "p1", "sample_index": 0, "text": "a"}
                {"problem_id": "p1", "sample_index": 1, "text": "b"}
                {"problem_id": "p1", "sample_index": 0, "text": "c"}
                """);
        assertThatThrownBy(() -> OutputReader.read(file, OutputFields.COMPLETIONS, ErrorPolicy.STRICT))
                .hasMessage(file + ":3: field 'sample_index': second output for problem p1 sample 0 (first at line 1)");
    }

    @Test
    void integersMayBeWrittenAsTextOrWholeFloats(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("n.jsonl");
        Files.writeString(file, """
                {"problem_id": "p1", "sample_index": "2", "seed": -5, "output_tokens": 17.0, "text": "x"}
                {"problem_id": "p2", "sample_index": -1, "text": "y"}
                """);
        ReadResult<ModelOutput> read = OutputReader.read(file, OutputFields.COMPLETIONS, ErrorPolicy.LENIENT);
        ModelOutput first = read.items().getFirst();
        assertThat(first.sampleIndex()).isEqualTo(2);
        assertThat(first.seed()).isEqualTo(-5L);
        assertThat(first.tokens()).isEqualTo(17);
        assertThat(read.errors()).singleElement().hasToString(
                file + ":2: field 'sample_index': expected an integer >= 0, found -1");
    }
}
