package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.ModelId;
import drp.core.io.JsonCodec;
import drp.core.testing.EchoChatModel;
import drp.core.testing.Fixtures;
import drp.core.testing.ProtocolTeacherModel;
import drp.llm.testing.Reply;
import drp.llm.testing.ScriptedBatchApi;
import drp.llm.testing.ScriptedOpenAiServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code drp prune --teacher ENDPOINT} against a scripted OpenAI-compatible server on loopback that
 * plays the teacher, and fails on demand. Under each fault the stage finishes or stops with a clear
 * message, loses and duplicates nothing, and a rerun is answered from the call cache.
 */
class LlmPruneCommandTest {

    @TempDir
    Path dir;

    private ScriptedOpenAiServer server;
    private Path input;

    @BeforeEach
    void start() {
        server = ScriptedOpenAiServer.start().answerWith(new ProtocolTeacherModel());
        input = Fixtures.copy("r1-style-traces.jsonl", dir);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String teacher() {
        return StageFixtures.endpoint(server, "gpt-4o");
    }

    private CliRun prune(Path run, String... more) {
        List<String> args = new ArrayList<>(List.of("prune", "--in", input.toString(), "--out", run.toString(),
                "--teacher", teacher()));
        args.addAll(List.of(more));
        if (!args.contains("--max-attempts")) {
            args.addAll(List.of(StageFixtures.FAST));
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<JsonNode> records(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("pruned.jsonl"))) {
            out.add(JsonCodec.MAPPER.readTree(line));
        }
        return out;
    }

    private static JsonNode json(Path file) throws IOException {
        return JsonCodec.MAPPER.readTree(file.toFile());
    }

    @Test
    void anLlmTeacherPrunesWithTwoCallsPerTraceAndARerunIsAnsweredFromTheCache() throws IOException {
        Path run = dir.resolve("run");
        CliRun r = prune(run);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("prune: estimate 4 requests", "no price for model gpt-4o");
        assertThat(r.out()).contains("traces pruned      2", "answers preserved  2 / 2", "calls              4 answered, 0 failed",
                "cache              0 hits, 4 misses, 4 stored");
        assertThat(server.count("/chat/completions")).isEqualTo(4);
        JsonNode sent = server.received().getFirst().json();
        assertThat(sent.path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(sent.path("temperature").asDouble()).isZero();

        List<JsonNode> records = records(run);
        assertThat(records).hasSize(2).allSatisfy(n -> {
            assertThat(n.get("status").asText()).isEqualTo("ok");
            assertThat(n.get("teacher").asText()).startsWith("llm llm-teacher-1 model=openai:http://127.0.0.1:");
            assertThat(n.get("attempts").asInt()).isEqualTo(2);
        });
        JsonNode manifest = json(run.resolve("run.json"));
        assertThat(manifest.get("components").get("prompt:decompose-v1.txt").asText()).startsWith("sha256:").hasSize(71);
        JsonNode config = manifest.get("config").get("prune");
        assertThat(config.get("protocol").asText()).isEqualTo("TWO_CALL");
        assertThat(config.get("usage").get("requests").asInt()).isEqualTo(4);
        assertThat(config.get("usage").get("cache").get("writes").asInt()).isEqualTo(4);
        assertThat(Files.readString(run.resolve("run.json"))).doesNotContain("sk-");

        // a rerun into a fresh output file: every call comes from the cache, the server sees nothing
        Files.delete(run.resolve("pruned.jsonl"));
        server.clearReceived();
        CliRun again = prune(run);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(server.received()).isEmpty();
        assertThat(again.out()).contains("cache              4 hits, 0 misses");
        assertThat(records(run)).extracting(n -> n.get("synthesized").asText())
                .containsExactlyInAnyOrderElementsOf(records.stream().map(n -> n.get("synthesized").asText()).toList());
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("slow", Reply.slow(Duration.ofMillis(150))),
                Arguments.of("429 with Retry-After", Reply.retryAfterMillis(429, 5)),
                Arguments.of("500", Reply.status(500)),
                Arguments.of("dropped connection", Reply.drop()),
                Arguments.of("malformed JSON", Reply.malformedJson()),
                Arguments.of("truncated body", Reply.truncated()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void underEachTransportFaultTheStageFinishesWithNothingLostOrDuplicated(String name, Reply fault) throws IOException {
        server.enqueue(fault);
        Path run = dir.resolve("run");
        // the JDK server leaves a truncated body's connection open: the time-out ends the wait
        CliRun r = prune(run, "--concurrency", "1", "--timeout", "1s");
        assertThat(r.exitCode()).as(name + ": " + r.err()).isZero();
        List<JsonNode> records = records(run);
        assertThat(records).hasSize(2).extracting(n -> n.get("id").asText()).doesNotHaveDuplicates();
        assertThat(records).allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("ok"));
        assertThat(server.count("/chat/completions")).as(name).isEqualTo(name.equals("slow") ? 4 : 5);

        server.clearReceived();
        Files.delete(run.resolve("pruned.jsonl"));
        CliRun again = prune(run);
        assertThat(again.exitCode()).isZero();
        assertThat(server.received()).as("a rerun is answered from the cache").isEmpty();
        assertThat(records(run)).hasSize(2);
    }

    @Test
    void callsThatKeepFailingLeaveTheirTracesUnrecordedAndARerunDoesThem() throws IOException {
        server.fallback(Reply.status(503));
        Path run = dir.resolve("run");
        CliRun r = prune(run, "--max-attempts", "2", "--backoff", "1ms");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("drp: 2 traces not done: their calls failed", "HTTP 503",
                "rerunning the same command does them");
        assertThat(Files.readAllLines(run.resolve("pruned.jsonl"))).isEmpty();
        assertThat(json(run.resolve("run.json")).get("stages").get("prune").get(0).get("counts").get("call_failures").asInt())
                .isEqualTo(2);

        server.fallback(Reply.normal());
        CliRun again = prune(run);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(records(run)).hasSize(2);
    }

    @Test
    void aRefusedKeyStopsTheStageAtOnce() {
        server.requireKey("sk-right");
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("prune", "--in", input.toString(), "--out", run.toString(), "--teacher", teacher(),
                "--api-key-env", "PATH", "--backoff", "1ms");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("prune stopped:", "401").doesNotContain(System.getenv("PATH"));
        assertThat(server.count("/chat/completions")).isLessThanOrEqualTo(2); // one per trace in flight, no retries
    }

    @Test
    void answersThatBreakTheProtocolAreSentBackAndRetried() throws IOException {
        // the first decomposition of the Natalia trace is prose; the second is a paraphrase, not a copy
        server.whenBodyContains("Natalia sold 48 clips in April", Reply.content("I would split it into a few steps."),
                Reply.content("{\"steps\": [{\"text\": \"Natalia sold forty-eight clips.\", \"skill\": \"READ\"}]}"));
        Path run = dir.resolve("run");
        CliRun r = prune(run, "--concurrency", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode natalia = records(run).stream().filter(n -> n.get("id").asText().equals("fx-1")).findFirst().orElseThrow();
        assertThat(natalia.get("status").asText()).isEqualTo("ok");
        assertThat(natalia.get("attempts").asInt()).isEqualTo(4);
        List<String> bodies = server.received().stream().map(ScriptedOpenAiServer.Received::body)
                .filter(b -> b.contains("Natalia")).toList();
        assertThat(bodies.get(1)).contains("Your answer cannot be used as it is", "neither a JSON object");
        assertThat(bodies.get(2)).contains("is not a verbatim copy of the chain of thought");
    }

    @Test
    void aTeacherThatChangesTheAnswerIsRecordedAsFailedWithItsReasonAndNoText() throws IOException {
        ProtocolTeacherModel honest = new ProtocolTeacherModel();
        server.answerWith(new ChatModel() {
            @Override
            public ModelId id() {
                return honest.id();
            }

            @Override
            public ChatResponse chat(ChatRequest request) {
                ChatResponse real = honest.chat(request);
                if (!EchoChatModel.source(request).contains("<answer>5</answer>")
                        && !request.promptText().contains("<answer>5</answer>")) {
                    return real;
                }
                String changed = real.text().replace("\\\\boxed{5}", "\\\\boxed{6}");
                return new ChatResponse(real.model(), List.of(Choice.of(0, changed, null, real.first().finishReason(), List.of())),
                        real.usage());
            }
        });
        Path run = dir.resolve("run");
        CliRun r = prune(run);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("traces pruned      1", "ANSWER_CHANGED=1");
        JsonNode roots = records(run).stream().filter(n -> n.get("id").asText().equals("fx-2")).findFirst().orElseThrow();
        assertThat(roots.get("status").asText()).isEqualTo("failed");
        assertThat(roots.get("failure_reason").asText()).isEqualTo("ANSWER_CHANGED");
        assertThat(roots.get("failure_detail").asText()).contains("states '6'");
        assertThat(roots.has("synthesized")).isFalse();
        assertThat(roots.get("validation_errors").get(0).asText()).contains("ANSWER_CHANGED");
        assertThat(roots.get("attempts").asInt()).isEqualTo(4);
    }

    @Test
    void plainTextRepliesAndTheOneCallVariantWork() throws IOException {
        Path run = dir.resolve("run");
        CliRun r = prune(run, "--reply-form", "PLAIN_TEXT", "--protocol", "ONE_CALL");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(records(run)).hasSize(2).allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("ok"));
        assertThat(server.count("/chat/completions")).isEqualTo(2);
        assertThat(server.received().getFirst().json().has("response_format")).isFalse();
    }

    @Test
    void theCostCapStopsCleanlyAndAHigherCapResumes() throws IOException {
        Path config = dir.resolve("drp.yaml");
        Files.writeString(config, """
                prices:
                  gpt-4o: {input: 100, output: 100}
                """);
        Path run = dir.resolve("run");
        CliRun r = prune(run, "--config", config.toString(), "--max-cost", "0.3", "--teacher-max-tokens", "1000",
                "--concurrency", "1");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).contains("prune: estimate 4 requests", "about $", "prune stopped: budget of $0.3000 would be exceeded",
                "rerun with a higher --max-cost");
        int done = Files.readAllLines(run.resolve("pruned.jsonl")).size();
        assertThat(done).isLessThan(2);
        long sent = server.count("/chat/completions");
        assertThat(json(run.resolve("run.json")).get("config").get("prune").get("usage").get("cost_usd").asDouble())
                .isPositive().isLessThanOrEqualTo(0.3);

        CliRun more = prune(run, "--config", config.toString(), "--max-cost", "5", "--teacher-max-tokens", "1000");
        assertThat(more.exitCode()).as(more.err()).isZero();
        assertThat(records(run)).hasSize(2).extracting(n -> n.get("id").asText()).doesNotHaveDuplicates();
        assertThat(sent).isLessThan(4);
        assertThat(server.count("/chat/completions")).as("only the calls not answered before").isEqualTo(4);
    }

    @Test
    void noCacheLeavesNoCacheFileAndBatchRefusesIt() {
        Path run = dir.resolve("run");
        CliRun r = prune(run, "--no-cache");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(run.resolve("calls.sqlite")).doesNotExist();
        assertThat(r.out()).contains("cache              off");
        CliRun batch = prune(dir.resolve("b"), "--no-cache", "--batch");
        assertThat(batch.exitCode()).isEqualTo(2);
        assertThat(batch.err()).contains("--batch hands answers from one round to the next through the call cache");
    }

    @Test
    void theBatchApiRunsTheTwoCallsAsTwoRoundsAndARerunCostsNothing() throws IOException {
        ScriptedBatchApi api = ScriptedBatchApi.on(server).pollsUntilDone(1);
        Path run = dir.resolve("run");
        CliRun r = prune(run, "--batch", "--batch-poll", "1ms");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("prune: batch round 1: 2 requests", "prune: batch round 2: 2 requests");
        assertThat(api.uploads()).hasSize(2);
        assertThat(server.count("/chat/completions")).as("no live calls").isZero();
        assertThat(records(run)).hasSize(2).allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("ok"));

        Files.delete(run.resolve("pruned.jsonl"));
        CliRun again = prune(run, "--batch", "--batch-poll", "1ms");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(api.uploads()).as("answered from the cache, nothing uploaded").hasSize(2);
        assertThat(records(run)).hasSize(2);
    }

    @Test
    void aBatchJobStoppedInFlightResumesWithoutUploadingAgain() throws Exception {
        ScriptedBatchApi api = ScriptedBatchApi.on(server).pollsUntilDone(1_000_000);
        Path run = dir.resolve("run");
        AtomicReference<CliRun> first = new AtomicReference<>();
        Thread drp = Thread.ofPlatform().start(() -> first.set(prune(run, "--batch", "--batch-poll", "5ms")));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (api.batchesCreated() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(api.batchesCreated()).isEqualTo(1);
        Thread.sleep(30);
        while (drp.isAlive() && System.nanoTime() < deadline) {
            drp.interrupt(); // what stopping drp does to a job in flight (again, should it land in a call)
            drp.join(50);
        }
        assertThat(first.get().exitCode()).isEqualTo(1);
        assertThat(first.get().err()).contains("prune stopped:", "interrupted", "state is kept in", "rerun the same command to resume");
        assertThat(Files.readAllLines(run.resolve("pruned.jsonl"))).isEmpty();

        api.pollsUntilDone(1);
        CliRun resumed = prune(run, "--batch", "--batch-poll", "1ms");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(api.uploads()).as("round 1's file is not uploaded again").hasSize(2);
        assertThat(api.batchesCreated()).isEqualTo(2);
        assertThat(records(run)).hasSize(2).extracting(n -> n.get("id").asText()).doesNotHaveDuplicates();
    }
}
