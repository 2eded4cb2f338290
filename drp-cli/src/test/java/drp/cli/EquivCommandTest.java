package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EquivCommandTest {

    @TempDir
    Path dir;

    @Test
    void explainsOneVerdict() {
        CliRun r = CliRun.of("equiv", "\\frac{1}{2}", "0.5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("verdict:    CORRECT", "exact rational", "read as    1/2");
        assertThat(CliRun.of("equiv", "5", "6").out()).contains("verdict:    WRONG");
    }

    @Test
    void checksAFileOfPairsInOrderAsJsonl() throws IOException {
        Path pairs = dir.resolve("pairs.jsonl");
        Files.writeString(pairs, """
                {"gold": "1{,}000", "pred": "1000"}
                {"gold": "x^2+2x+1", "pred": "(x+1)^2"}
                {"gold": "\\\\{1, 2\\\\}", "pred": "\\\\{2, 1\\\\}"}
                {"gold": "5", "pred": "6"}
                """);
        CliRun r = CliRun.of("equiv", "--in", pairs.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(4);
        JsonNode last = JsonCodec.MAPPER.readTree(lines[3]);
        assertThat(last.get("verdict").asText()).isEqualTo("WRONG");
        assertThat(JsonCodec.MAPPER.readTree(lines[1]).get("verdict").asText()).isEqualTo("CORRECT");
        assertThat(r.err()).contains("4 pairs: 3 correct, 1 wrong");
    }

    @Test
    void freeTextPredictionsShowWhatWasExtractedAndByWhichRule() {
        CliRun r = CliRun.of("equiv", "y \\le 7", "Hence $y \\le 7$ holds.");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("verdict:    CORRECT", "extracted  y \\le 7  (rule last_math", "precision:  exact");
        CliRun wrong = CliRun.of("equiv", "12", "Answer: $ 13 $");
        assertThat(wrong.out()).contains("verdict:    WRONG", "extracted  13  (rule the_answer_is");
        CliRun bare = CliRun.of("equiv", "12", "12");
        assertThat(bare.out()).doesNotContain("extracted");
    }

    @Test
    void precisionRoundedAcceptsRoundedDecimalsAndSaysSo() throws IOException {
        assertThat(CliRun.of("equiv", "\\sqrt5", "2.236").out()).contains("verdict:    WRONG", "precision:  exact");
        CliRun r = CliRun.of("equiv", "--precision", "rounded", "\\sqrt5", "2.236");
        assertThat(r.out()).contains("verdict:    CORRECT", "rule:       rounded decimal", "precision:  rounded");
        assertThat(CliRun.of("equiv", "--precision", "rounded", "\\sqrt5", "2.237").out()).contains("verdict:    WRONG");
        assertThat(CliRun.of("equiv", "--precision", "approx", "1", "1").exitCode()).isEqualTo(2);
        Path pairs = dir.resolve("rounded.jsonl");
        Files.writeString(pairs, "{\"id\": \"a\", \"gold\": \"10\\\\pi\", \"pred\": \"The circumference is $31.416$.\"}\n");
        CliRun file = CliRun.of("equiv", "--precision", "rounded", "--in", pairs.toString());
        assertThat(file.exitCode()).as(file.err()).isZero();
        JsonNode line = JsonCodec.MAPPER.readTree(file.out().strip());
        assertThat(line.get("verdict").asText()).isEqualTo("CORRECT");
        assertThat(line.get("pred_extracted").asText()).isEqualTo("31.416");
        assertThat(line.get("extraction_rule").asText()).isEqualTo("last_math");
        assertThat(file.err()).contains("1 pairs: 1 correct", "(precision rounded)");
    }

    @Test
    void aBadPairLineIsOneClearLineWithFileAndLine() throws IOException {
        Path pairs = dir.resolve("bad.jsonl");
        Files.writeString(pairs, "{\"gold\": \"1\", \"pred\": \"1\"}\n{\"gold\": \"1\"}\n");
        CliRun r = CliRun.of("equiv", "--in", pairs.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("bad.jsonl:2").contains("pred");
    }

    @Test
    void missingArgumentsAreAUsageError() {
        assertThat(CliRun.of("equiv", "5").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("equiv", "--timeout", "soon", "1", "1").err()).contains("not a duration");
    }
}
