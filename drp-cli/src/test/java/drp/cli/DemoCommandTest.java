package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.core.io.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drp demo --quick} end to end on the shipped base student: every stage of configs/demo.yaml
 * runs for real (sampling through the tiny endpoint, pruning, building, fine-tuning, evaluation over
 * three seeds and greedily), and a run stopped by a signal resumes to the same result.
 */
class DemoCommandTest {

    @TempDir
    static Path dir;

    static Path run;
    static CliRun result;

    @BeforeAll
    static void runTheQuickDemo() {
        run = dir.resolve("quick");
        long start = System.nanoTime();
        result = CliRun.of("demo", "--quick", "--out", run.toString());
        System.out.printf("drp demo --quick took %.1f s in-process%n", (System.nanoTime() - start) / 1e9);
    }

    static JsonNode json(Path file) throws IOException {
        return JsonCodec.MAPPER.readTree(file.toFile());
    }

    static List<JsonNode> jsonl(Path file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            nodes.add(JsonCodec.MAPPER.readTree(line));
        }
        return nodes;
    }

    @Test
    void printsTheTableAndWritesTheRunDirectory() throws IOException {
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("--quick checks that every stage runs");
        assertThat(result.out()).contains("Table 1 in miniature", "| base |", "| DRP |", "DRP − base", "McNemar",
                "Wilcoxon", "report.md");
        assertThat(result.err()).contains("sample", "prune drp", "distill drp", "loss", "tok/s",
                "eval base tiny-world:test", "eval drp tiny-world:test:greedy");
        for (String file : List.of("run.json", "summary.json", "report.md", "drp.log", "completions.jsonl", "pruned.jsonl",
                "prune.summary.json", "sft.jsonl", "sft.summary.json", "model.json", "problems/tiny-world-train.jsonl",
                "problems/tiny-world-test.jsonl", "models/drp/config.json", "models/drp/training.json",
                "eval/base/tiny-world-test.completions.jsonl", "eval/base/tiny-world-test.jsonl",
                "eval/base/tiny-world-test.summary.json", "eval/drp/tiny-world-test.jsonl",
                "eval/drp/tiny-world-test-greedy.jsonl")) {
            assertThat(run.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(Files.readString(run.resolve("report.md"))).contains("# drp run: demo", "Table 1 in miniature",
                "Per seed", "Training data");
    }

    @Test
    void runJsonRecordsEveryStageWithItsFingerprintAndTheResolvedPipeline() throws IOException {
        JsonNode manifest = json(run.resolve("run.json"));
        for (String stage : List.of("sample", "prune", "build", "distill", "eval:base", "eval:drp")) {
            assertThat(manifest.at("/fingerprints/" + stage.replace("/", "~1") + "/sha256").asText()).as(stage).hasSize(64);
            assertThat(manifest.at("/stages/" + stage)).as(stage).hasSize(1);
        }
        assertThat(manifest.at("/config/pipeline/resolved/sample/limit").asInt()).isEqualTo(24);
        assertThat(manifest.at("/config/pipeline/resolved/student").asText()).isEqualTo("tiny:base");
        assertThat(manifest.at("/config/pipeline/source").asText()).isEqualTo("classpath:drp/configs/demo.yaml");
        // every input record is accounted for
        JsonNode prune = manifest.at("/stages/prune/0/counts");
        assertThat(prune.get("read").asLong()).isEqualTo(24);
        assertThat(prune.get("selected").asLong() + prune.path("skipped.not_correct").asLong()).isEqualTo(24);
        assertThat(prune.get("pruned").asLong() + prune.get("failed").asLong()).isEqualTo(prune.get("selected").asLong());
        JsonNode build = json(run.resolve("sft.summary.json"));
        long dropped = 0;
        for (JsonNode n : build.get("dropped")) {
            dropped += n.asLong();
        }
        assertThat(build.get("written").asLong() + dropped).isEqualTo(build.get("read").asLong());
        assertThat(build.get("read").asLong()).isEqualTo(prune.get("selected").asLong());
    }

    @Test
    void summaryHasEveryModelsFiguresWithIntervalsAndThePairedTests() throws IOException {
        JsonNode summary = json(run.resolve("summary.json"));
        for (String model : List.of("base", "drp")) {
            JsonNode row = summary.at("/benchmarks/tiny-world:test/" + model);
            assertThat(row.get("n").asInt()).isEqualTo(16 * 3);
            double accuracy = row.get("accuracy").asDouble();
            assertThat(row.get("accuracy_ci").get(0).asDouble()).isLessThanOrEqualTo(accuracy);
            assertThat(row.get("accuracy_ci").get(1).asDouble()).isGreaterThanOrEqualTo(accuracy);
            double tokens = row.get("mean_tokens").asDouble();
            assertThat(tokens).isPositive();
            assertThat(row.get("mean_tokens_ci").get(0).asDouble()).isLessThanOrEqualTo(tokens);
            assertThat(row.get("mean_tokens_ci").get(1).asDouble()).isGreaterThanOrEqualTo(tokens);
            assertThat(row.get("per_seed")).hasSize(3);
            assertThat(row.at("/greedy/n").asInt()).isEqualTo(16);
        }
        assertThat(summary.at("/benchmarks/tiny-world:test/base/token_reduction").isNull()).isTrue();
        // the fine-tuned student writes shorter traces, even after a few steps
        assertThat(summary.at("/benchmarks/tiny-world:test/drp/token_reduction").asDouble()).isGreaterThan(0.3);
        JsonNode p = summary.at("/benchmarks/tiny-world:test/drp/p_values");
        assertThat(p.get("mcnemar").isNumber()).isTrue();
        assertThat(p.get("wilcoxon").isNumber()).isTrue();
        assertThat(summary.at("/own_traces/n").asInt()).isEqualTo(24);
        assertThat(summary.at("/training/drp/written").asInt()).isPositive();
    }

    @Test
    void prunedTracesAreShorterAndKeepTheirAnswer() throws IOException {
        List<JsonNode> pruned = jsonl(run.resolve("pruned.jsonl"));
        long correct = jsonl(run.resolve("completions.jsonl")).stream().filter(c -> c.get("correct").asBoolean()).count();
        assertThat(pruned).hasSize((int) correct);
        List<JsonNode> ok = pruned.stream().filter(p -> p.get("status").asText().equals("ok")).toList();
        assertThat(ok).isNotEmpty();
        for (JsonNode p : ok) {
            assertThat(p.get("tokens_after").asInt()).as(p.get("id").asText()).isLessThan(p.get("tokens_before").asInt());
            assertThat(p.get("answer_preserved").asBoolean()).isTrue();
            assertThat(p.get("synthesized").asText()).endsWith("The answer is " + p.get("answer").asText() + ".");
            assertThat(p.get("answer").asText()).isEqualTo(p.get("gold").asText());
        }
        List<JsonNode> sft = jsonl(run.resolve("sft.jsonl"));
        assertThat(sft).hasSize(json(run.resolve("sft.summary.json")).get("written").asInt());
        assertThat(sft.getFirst().at("/messages/1/content").asText()).startsWith("<think>\n")
                .contains("</think>\n\nThe answer is");
        assertThat(json(run.resolve("prune.summary.json")).get("reduction").asDouble()).isGreaterThan(0.3);
    }

    @Test
    void aRunStoppedBySignalResumesToTheSameResult() throws Exception {
        Path stopped = dir.resolve("stopped");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dir.resolve("stopped.log");
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), "drp.cli.Main", "demo", "--quick", "--out", stopped.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path evalBase = stopped.resolve("eval/base/tiny-world-test.completions.jsonl");
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline && p.isAlive()
                && (!Files.exists(evalBase) || Files.readAllLines(evalBase).size() < 16)) {
            Thread.sleep(20);
        }
        assertThat(p.isAlive()).as("the demo ended before it could be stopped:%n%s", Files.readString(log)).isTrue();
        p.destroy(); // SIGTERM: what Ctrl-C's SIGINT does to the JVM, shutdown hooks included
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(log)).contains("stopped; what was written is kept. Continue with: drp demo --quick --out");
        assertThat(stopped.resolve("summary.json")).doesNotExist();

        CliRun resumed = CliRun.of("demo", "--quick", "--out", stopped.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("already done, resuming").contains("already fine-tuned");
        assertThat(withoutTimes(json(stopped.resolve("summary.json")))).isEqualTo(withoutTimes(json(run.resolve("summary.json"))));
        assertThat(PipelineRecords.byId(stopped.resolve("eval/drp/tiny-world-test.jsonl")))
                .isEqualTo(PipelineRecords.byId(run.resolve("eval/drp/tiny-world-test.jsonl")));
    }

    private static JsonNode withoutTimes(JsonNode summary) {
        ObjectNode copy = summary.deepCopy();
        copy.remove("seconds");
        return copy;
    }

    @Test
    void refusesContradictoryOptionsAndAnotherRunsSettings() {
        CliRun both = CliRun.of("demo", "--quick", "--from-scratch", "--base", dir.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--from-scratch and --base exclude each other");
        CliRun twice = CliRun.of("demo", "--quick", "--seeds", "1,1", "--out", dir.resolve("x").toString());
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).contains("eval.seeds: at least one seed, none listed twice");
        CliRun other = CliRun.of("demo", "--quick", "--seeds", "4,5", "--out", run.toString());
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("stage eval:base was run here with other settings", "seeds: [1,2,3] then, [4,5] now",
                "--restart eval");
        CliRun moreProblems = CliRun.of("demo", "--quick", "--train-problems", "30", "--out", run.toString());
        assertThat(moreProblems.exitCode()).isEqualTo(2);
        assertThat(moreProblems.err()).contains("stage sample was run here with other settings", "limit: 24 then, 30 now");
        CliRun none = CliRun.of("demo", "--quick", "--train-problems", "0", "--out", dir.resolve("y").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--train-problems must be at least 1, got 0");
    }
}
