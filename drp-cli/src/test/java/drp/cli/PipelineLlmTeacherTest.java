package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import drp.core.testing.ProtocolTeacherModel;
import drp.llm.testing.ScriptedBatchApi;
import drp.llm.testing.ScriptedOpenAiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drp run} with an LLM teacher on a scripted OpenAI-compatible server on loopback (the
 * embedded student samples): live calls, and the Batch API's rounds, with the prompts' hashes and
 * the teacher in run.json.
 */
class PipelineLlmTeacherTest {

    @TempDir
    Path dir;

    private ScriptedOpenAiServer server;

    @BeforeEach
    void start() {
        server = ScriptedOpenAiServer.start().answerWith(new ProtocolTeacherModel());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path pipeline(boolean batch) throws IOException {
        return Files.writeString(dir.resolve("pipeline.yaml"), """
                name: llm-teacher
                student: tiny:base
                answer_format: the_answer_is
                checker: basic
                sample: {dataset: tiny-world:train, limit: 6, seeds: [7], temperature: 0.6, max_tokens: 448}
                prune: {teacher: %s, batch: %s, batch_poll: 1ms, concurrency: 4}
                distill: {trainer: tiny}
                eval: {benchmarks: [tiny-world:test], limit: 4}
                prices: {gpt-4o: {input: 2.5, output: 10}}
                """.formatted(StageFixtures.endpoint(server, "gpt-4o"), batch));
    }

    @Test
    void theBatchApiPrunesInRoundsWithNoLiveCall() throws IOException {
        ScriptedBatchApi api = ScriptedBatchApi.on(server).pollsUntilDone(1);
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("run", pipeline(true).toString(), "--until", "build", "--out", run.toString(),
                "--backoff", "1ms");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("prune drp: batch round 1:", "prune drp: batch round 2:");
        assertThat(server.count("/chat/completions")).as("no live calls").isZero();
        assertThat(api.uploads()).hasSize(2);
        long correct = Files.readAllLines(run.resolve("completions.jsonl")).stream()
                .filter(l -> l.contains("\"correct\":true")).count();
        assertThat(Files.readAllLines(run.resolve("pruned.jsonl"))).hasSize((int) correct);
        JsonNode manifest = JsonCodec.MAPPER.readTree(run.resolve("run.json").toFile());
        assertThat(manifest.at("/components/teacher").asText()).contains("llm-teacher-1", "protocol=TWO_CALL", "#gpt-4o");
        assertThat(manifest.get("components").fieldNames()).toIterable().anyMatch(k -> k.startsWith("prompt:"));
        assertThat(run.resolve("batch.sqlite")).exists();
    }

    @Test
    void aLiveTeacherPrunesAndTheDryRunPricesItsCalls() throws IOException {
        Path run = dir.resolve("live");
        CliRun plan = CliRun.of("run", pipeline(false).toString(), "--dry-run", "--out", run.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("12 calls", ": at most $");
        CliRun r = CliRun.of("run", pipeline(false).toString(), "--until", "build", "--out", run.toString(),
                "--backoff", "1ms");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(server.count("/chat/completions")).isPositive();
        assertThat(run.resolve("sft.jsonl")).isNotEmptyFile();
    }
}
