package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's worked example: grade two small output files and compare them. */
class GradeAndCompareCommandTest {

    @TempDir
    Path dir;

    private Path resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/drp/core/grade/" + name)) {
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }

    /** A data folder with the six GSM8K test problems the fixtures answer. */
    private Path dataDir() throws IOException {
        Path bench = Files.createDirectories(dir.resolve("data/benchmarks/gsm8k"));
        Files.copy(resource("gsm8k-test-6.jsonl"), bench.resolve("test.jsonl"));
        return dir.resolve("data");
    }

    @Test
    void gradesBothRunsAndComparesThemInTheShapeOfTable1() throws IOException {
        Path data = dataDir();
        Path base = resource("base.jsonl");
        Path drp = resource("drp.jsonl");
        CliRun g1 = CliRun.of("grade", "--data", data.toString(), "--benchmark", "gsm8k:test", "--in", base.toString(),
                "--out", dir.resolve("base/gsm8k.jsonl").toString());
        assertThat(g1.exitCode()).as(g1.err()).isZero();
        assertThat(g1.out()).contains("accuracy      58.3%", "wrong 3, unparseable 2", "pass@2 83.3%",
                "precision     exact (the benchmark's convention: no rounded decimals)");
        JsonNode summary = JsonCodec.MAPPER.readTree(dir.resolve("base/gsm8k.summary.json").toFile());
        assertThat(summary.get("n").asInt()).isEqualTo(12);
        assertThat(summary.get("accuracy_ci")).isNotNull();

        CliRun g2 = CliRun.of("grade", "--data", data.toString(), "--benchmark", "gsm8k:test", "--in", drp.toString(),
                "--out", dir.resolve("drp/gsm8k.jsonl").toString());
        assertThat(g2.exitCode()).as(g2.err()).isZero();
        CliRun rounded = CliRun.of("grade", "--data", data.toString(), "--benchmark", "gsm8k:test", "--in", base.toString(),
                "--out", dir.resolve("rounded/gsm8k.jsonl").toString(), "--precision", "rounded");
        assertThat(rounded.out()).as(rounded.err()).contains("accuracy      58.3%", "precision     rounded (--precision)");

        CliRun again = CliRun.of("grade", "--data", data.toString(), "--benchmark", "gsm8k:test", "--in", drp.toString(),
                "--out", dir.resolve("drp/gsm8k.jsonl").toString());
        assertThat(again.out()).contains("graded 0 (12 already graded)");
        assertThat(Files.readAllLines(dir.resolve("drp/gsm8k.jsonl"))).hasSize(12);

        CliRun cmp = CliRun.of("compare", dir.resolve("base/gsm8k.jsonl").toString(), dir.resolve("drp/gsm8k.jsonl").toString(),
                "--label-a", "base", "--label-b", "DRP");
        assertThat(cmp.exitCode()).as(cmp.err()).isZero();
        assertThat(cmp.out()).contains("| base | 58.3 | 1822 |", "| DRP | 83.3 | 235 |", "McNemar", "Wilcoxon");

        CliRun json = CliRun.of("compare", dir.resolve("base").toString(), dir.resolve("drp").toString(), "--json");
        assertThat(JsonCodec.MAPPER.readTree(json.out()).isObject()).isTrue();
    }

    @Test
    void anUnknownBenchmarkIsOneClearLine() throws IOException {
        CliRun r = CliRun.of("grade", "--benchmark", "gsm9k", "--in", resource("base.jsonl").toString(), "--out", dir.resolve("x.jsonl").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("drp: unknown benchmark 'gsm9k': available: ");
    }
}
