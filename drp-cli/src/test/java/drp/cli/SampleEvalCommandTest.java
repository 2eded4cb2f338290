package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import drp.llm.testing.Reply;
import drp.llm.testing.ScriptedOpenAiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drp sample}, {@code drp prune} on its output, {@code drp eval} and {@code drp models check}, on loopback. */
class SampleEvalCommandTest {

    @TempDir
    Path dir;

    private ScriptedOpenAiServer server;
    private Path data;

    @BeforeEach
    void start() {
        server = StageFixtures.server();
        data = StageFixtures.data(dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JsonCodec.MAPPER.readTree(line));
        }
        return out;
    }

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(StageFixtures.FAST));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void sampleWritesGradedCompletionsWithDistinctSeedsThenPruneReadsThemAsTheyAre() throws IOException {
        Path runDir = dir.resolve("run");
        CliRun r = run("sample", "--model", StageFixtures.endpoint(server, "student"), "--dataset", "gsm8k:train",
                "--samples", "2", "--limit", "3", "--out", runDir.toString(), "--data", data.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("outputs            6", "correct            4 / 6 (66.7%)");
        List<JsonNode> records = lines(runDir.resolve("completions.jsonl"));
        assertThat(records).hasSize(6);
        JsonNode first = records.stream().filter(n -> n.get("id").asText().equals("gsm8k-train-0000#s0#0")).findFirst().orElseThrow();
        for (String field : List.of("id", "problem_id", "sample_index", "seed", "model", "prompt", "text", "think",
                "extracted_answer", "correct", "output_tokens", "finish_reason")) {
            assertThat(first.has(field)).as(field).isTrue();
        }
        assertThat(first.get("model").asText()).isEqualTo("student");
        assertThat(first.get("prompt").asText()).startsWith("Compute 10 + 2.").endsWith("within \\boxed{}.");
        assertThat(first.get("extracted_answer").asText()).isEqualTo("12");
        assertThat(first.get("correct").asBoolean()).isTrue();
        assertThat(first.get("think").asText()).contains(", so I need to compute 10 + 2.");
        // the second sample was drawn with another seed, so it is another output
        JsonNode second = records.stream().filter(n -> n.get("id").asText().equals("gsm8k-train-0000#s0#1")).findFirst().orElseThrow();
        assertThat(second.get("request_seed").asLong()).isNotEqualTo(first.get("request_seed").asLong());
        assertThat(second.get("text").asText()).isNotEqualTo(first.get("text").asText());
        assertThat(server.count("/chat/completions")).isEqualTo(6);

        server.clearReceived();
        CliRun again = run("sample", "--model", StageFixtures.endpoint(server, "student"), "--dataset", "gsm8k:train",
                "--samples", "2", "--limit", "3", "--out", runDir.toString(), "--data", data.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(server.received()).isEmpty();
        assertThat(lines(runDir.resolve("completions.jsonl"))).hasSize(6);

        CliRun prune = run("prune", "--in", runDir.resolve("completions.jsonl").toString(), "--out", runDir.toString(),
                "--teacher", StageFixtures.endpoint(server, "teacher"));
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(prune.out()).contains("traces read        6", "traces selected    4", "traces pruned      4",
                "answers preserved  4 / 4");
        JsonNode pruned = lines(runDir.resolve("pruned.jsonl")).getFirst();
        assertThat(pruned.get("gold").asText()).isNotBlank();
        assertThat(pruned.get("synthesized").asText()).doesNotContain("double-check").endsWith("$\\boxed{" + pruned.get("answer").asText() + "}$.");
        JsonNode stages = JsonCodec.MAPPER.readTree(runDir.resolve("run.json").toFile()).get("stages");
        assertThat(stages.has("sample")).isTrue();
        assertThat(stages.has("prune")).isTrue();
    }

    @Test
    void evalWritesGradedFilesPerModelAndBenchmarkAndASummaryWithIntervals() throws IOException {
        Path runDir = dir.resolve("eval");
        CliRun r = run("eval", "--model", StageFixtures.endpoint(server, "student"), "--benchmarks", "gsm8k,math500",
                "--seeds", "1,2", "--samples", "2", "--limit", "3", "--out", runDir.toString(), "--data", data.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("student gsm8k:test: n=12  accuracy 66.7%", "student math500: n=12");
        Path model = runDir.resolve("eval/student");
        assertThat(lines(model.resolve("gsm8k-test.completions.jsonl"))).hasSize(12);
        List<JsonNode> graded = lines(model.resolve("gsm8k-test.jsonl"));
        assertThat(graded).hasSize(12).extracting(n -> n.get("id").asText()).doesNotHaveDuplicates().contains("gsm8k-test-0000#s2#1");
        assertThat(model.resolve("math500.summary.json")).exists();
        JsonNode sent = server.received().getFirst().json();
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.6);
        assertThat(sent.get("top_p").asDouble()).isEqualTo(0.95);
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(32768);

        JsonNode summary = JsonCodec.MAPPER.readTree(runDir.resolve("summary.json").toFile()).get("models").get("student");
        JsonNode gsm8k = summary.get("gsm8k:test");
        assertThat(gsm8k.get("n").asInt()).isEqualTo(12);
        assertThat(gsm8k.get("accuracy").asDouble()).isEqualTo(8.0 / 12);
        assertThat(gsm8k.get("accuracy_ci")).hasSize(2);
        assertThat(gsm8k.get("mean_tokens").asDouble()).isPositive();
        assertThat(gsm8k.get("mean_tokens_ci")).hasSize(2);
        assertThat(gsm8k.get("failures").asInt()).isZero();
        assertThat(summary.has("math500")).isTrue();

        // a second model joins the summary; a rerun of the first costs no request
        server.clearReceived();
        CliRun greedy = run("eval", "--model", StageFixtures.endpoint(server, "student"), "--model",
                StageFixtures.endpoint(server, "other"), "--benchmarks", "gsm8k", "--seeds", "1,2", "--samples", "2",
                "--limit", "3", "--out", runDir.toString(), "--data", data.toString());
        assertThat(greedy.exitCode()).as(greedy.err()).isZero();
        assertThat(server.count("/chat/completions")).as("only the new model's outputs").isEqualTo(12);
        JsonNode both = JsonCodec.MAPPER.readTree(runDir.resolve("summary.json").toFile()).get("models");
        assertThat(both.has("student")).isTrue();
        assertThat(both.has("other")).isTrue();
        assertThat(both.get("student").has("math500")).isTrue();
    }

    @Test
    void evalCountsOutputsWhoseCallsFailedAsFailuresAndARerunCompletesThem() throws IOException {
        server.whenBodyContains("Compute 20 + 3.", Reply.status(500), Reply.status(500), Reply.status(500), Reply.status(500));
        Path runDir = dir.resolve("eval");
        CliRun r = run("eval", "--model", StageFixtures.endpoint(server, "student"), "--benchmarks", "gsm8k",
                "--greedy", "--limit", "3", "--out", runDir.toString(), "--data", data.toString(), "--concurrency", "1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("1 outputs not done: their calls failed");
        JsonNode entry = JsonCodec.MAPPER.readTree(runDir.resolve("summary.json").toFile()).get("models").get("student").get("gsm8k:test");
        assertThat(entry.get("n").asInt()).isEqualTo(2);
        assertThat(entry.get("failures").asInt()).isEqualTo(1);

        CliRun again = run("eval", "--model", StageFixtures.endpoint(server, "student"), "--benchmarks", "gsm8k",
                "--greedy", "--limit", "3", "--out", runDir.toString(), "--data", data.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        entry = JsonCodec.MAPPER.readTree(runDir.resolve("summary.json").toFile()).get("models").get("student").get("gsm8k:test");
        assertThat(entry.get("n").asInt()).isEqualTo(3);
        assertThat(entry.get("failures").asInt()).isZero();
        assertThat(server.received().getLast().json().get("temperature").asDouble()).isZero();
    }

    @Test
    void badCombinationsAreUsageErrors() {
        CliRun greedyMany = CliRun.of("eval", "--model", "openai:http://127.0.0.1:1/v1#m", "--benchmarks", "gsm8k",
                "--greedy", "--samples", "3", "--out", dir.resolve("x").toString(), "--data", data.toString());
        assertThat(greedyMany.exitCode()).isEqualTo(2);
        assertThat(greedyMany.err()).contains("would draw the same output 3 times");
        CliRun unknown = CliRun.of("sample", "--model", "gpt-4o", "--dataset", "gsm8k:train", "--data", data.toString(),
                "--out", dir.resolve("y").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown endpoint 'gpt-4o'");
    }

    @Test
    void modelsCheckReportsWhatTheServerSupports() {
        CliRun r = CliRun.of("models", "check", StageFixtures.endpoint(server, "student"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("chat         yes,", "completions  yes", "json schema  ", "reasoning    <think> tags in the text",
                "usage        reported", "seed         ",
                "scoring      no: ", "the server ignores echo with logprobs");

        server.reasoningField(true);
        assertThat(CliRun.of("models", "check", StageFixtures.endpoint(server, "student")).out())
                .contains("reasoning    separate field (reasoning_content)");

        server.fallback(Reply.status(404));
        CliRun missing = CliRun.of("models", "check", StageFixtures.endpoint(server, "nope"), "--max-attempts", "1");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.out()).contains("chat         no:");
    }

    @Test
    void anInProcessGgufModelIsAnEndpointToo() throws IOException {
        Path gguf = drp.core.testing.SharedData.require("models/llama-2-tiny-random.gguf");
        Path runDir = dir.resolve("gguf");
        CliRun r = CliRun.of("sample", "--model", "gguf:" + gguf + "?ctx=256&threads=1", "--dataset", "gsm8k:train",
                "--limit", "2", "--max-tokens", "6", "--out", runDir.toString(), "--data", data.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("Extracted"); // the binding's own chatter stays off standard output
        List<JsonNode> records = lines(runDir.resolve("completions.jsonl"));
        assertThat(records).hasSize(2).allSatisfy(n -> {
            assertThat(n.get("model").asText()).isEqualTo("llama-2-tiny-random");
            assertThat(n.get("output_tokens").asInt()).isBetween(1, 6);
        });
        CliRun again = CliRun.of("sample", "--model", "gguf:" + gguf + "?ctx=256&threads=1", "--dataset", "gsm8k:train",
                "--limit", "2", "--max-tokens", "6", "--out", runDir.toString(), "--data", data.toString());
        assertThat(again.out()).contains("cache              0 hits, 0 misses", "outputs            2 in");
        assertThat(CliRun.of("models", "check", "gguf:" + gguf + "?ctx=256&threads=1").out())
                .contains("scoring      no: ", "de.kherud:llama", "only of generated tokens");
    }
}
