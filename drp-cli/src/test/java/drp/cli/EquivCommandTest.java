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
