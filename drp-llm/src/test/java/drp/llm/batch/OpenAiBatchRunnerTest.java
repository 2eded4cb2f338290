package drp.llm.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.chat.ChatFailure;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.NonRetriableChatException;
import drp.core.testing.EchoChatModel;
import drp.llm.cache.CacheMode;
import drp.llm.cache.CallCache;
import drp.llm.chat.CachedChatModel;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;
import drp.llm.openai.OpenAiChatModel;
import drp.llm.openai.OpenAiEndpoint;
import drp.llm.testing.ScriptedBatchApi;
import drp.llm.testing.ScriptedOpenAiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Batch API flow against the scripted files and batches endpoints, over real HTTP. */
class OpenAiBatchRunnerTest {

    @TempDir
    Path dir;

    ScriptedOpenAiServer server;
    ScriptedBatchApi api;
    BatchOptions options = BatchOptions.DEFAULT.withPollInterval(Duration.ZERO).withMaxRequestsPerFile(3);

    @BeforeEach
    void start() {
        server = ScriptedOpenAiServer.start();
        api = ScriptedBatchApi.on(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    OpenAiEndpoint endpoint() {
        return OpenAiEndpoint.of(server.baseUrl(), "gpt-4o").withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    static List<BatchItem> items(int n) {
        List<BatchItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new BatchItem("trace-" + i, ChatRequest.builder().system("Split the trace into steps.")
                    .user("trace number " + i).temperature(0.0).maxTokens(200).build()));
        }
        return items;
    }

    static void assertEachAnswerIsItsOwn(Map<String, BatchResult> results, List<BatchItem> items) {
        EchoChatModel echo = new EchoChatModel();
        for (BatchItem item : items) {
            assertThat(results.get(item.customId())).as(item.customId())
                    .isInstanceOfSatisfying(BatchResult.Answered.class, a -> assertThat(a.response().first().answer())
                            .isEqualTo(echo.chat(item.request()).first().answer()));
        }
    }

    @Test
    void shardsJoinsOutOfOrderAnswersAndResubmitsOnlyTheFailedLine() {
        List<BatchItem> items = items(7);
        api.failOnce("trace-4");
        List<BatchProgress> seen = new ArrayList<>();
        UsageMeter meter = new UsageMeter();

        Map<String, BatchResult> results;
        try (OpenAiBatchRunner runner = new OpenAiBatchRunner(endpoint(), dir.resolve("batch.sqlite"), options)
                .progress(seen::add).meter(meter, new Price(2.5, 10).times(0.5))) {
            results = runner.run(items);
        }

        assertThat(results.keySet()).containsExactly("trace-0", "trace-1", "trace-2", "trace-3", "trace-4", "trace-5", "trace-6");
        assertEachAnswerIsItsOwn(results, items);
        assertThat(api.uploads()).containsExactly(
                List.of("trace-0", "trace-1", "trace-2"), List.of("trace-3", "trace-4", "trace-5"), List.of("trace-6"),
                List.of("trace-4"));
        assertThat(results.get("trace-4").attempts()).isEqualTo(2);
        assertThat(results.get("trace-0").attempts()).isEqualTo(1);
        assertThat(seen.getLast()).isEqualTo(new BatchProgress(7, 7, 0, 0, 4, 0, 0));
        assertThat(seen).anySatisfy(p -> assertThat(p.inFlight()).isPositive());
        assertThat(meter.snapshot().getFirst().requests()).isEqualTo(7);
        assertThat(meter.snapshot().getFirst().failures()).isEqualTo(1);
    }

    @Test
    void aStoppedRunResumesWithoutUploadingAgain() {
        List<BatchItem> items = items(5);
        api.pollsUntilDone(4);
        Path state = dir.resolve("batch.sqlite");
        AtomicInteger sleeps = new AtomicInteger();

        try (OpenAiBatchRunner first = new OpenAiBatchRunner(endpoint(), state, options).sleeper(d -> {
            if (sleeps.incrementAndGet() == 2) {
                throw new InterruptedException("drp stopped");
            }
        })) {
            assertThatThrownBy(() -> first.run(items))
                    .isInstanceOfSatisfying(NonRetriableChatException.class,
                            e -> assertThat(e.failure()).isEqualTo(ChatFailure.CANCELLED))
                    .hasMessageContaining("state is kept");
            assertThat(Thread.interrupted()).isTrue();
        }
        assertThat(api.uploads()).hasSize(2);
        assertThat(api.batchesCreated()).isEqualTo(2);

        Map<String, BatchResult> results;
        try (OpenAiBatchRunner second = new OpenAiBatchRunner(endpoint(), state, options)) {
            results = second.run(items);
        }
        assertEachAnswerIsItsOwn(results, items);
        assertThat(api.uploads()).as("nothing uploaded twice").hasSize(2);
        assertThat(api.batchesCreated()).isEqualTo(2);
    }

    @Test
    void aBatchCreatedJustBeforeAStopIsAdoptedNotCreatedTwice() throws Exception {
        List<BatchItem> items = items(2);
        Path state = dir.resolve("batch.sqlite");
        try (OpenAiBatchRunner first = new OpenAiBatchRunner(endpoint(), state, options).sleeper(d -> {
            throw new InterruptedException();
        })) {
            assertThatThrownBy(() -> first.run(items)).isInstanceOf(NonRetriableChatException.class);
            Thread.interrupted();
        }
        // as if drp stopped between creating the batch and recording its id: the state knows the file only
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + state);
                java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE shards SET batch_id = NULL, status = 'uploaded'");
        }
        try (OpenAiBatchRunner second = new OpenAiBatchRunner(endpoint(), state, options)) {
            assertEachAnswerIsItsOwn(second.run(items), items);
        }
        assertThat(api.batchesCreated()).isEqualTo(1);
        assertThat(api.uploads()).hasSize(1);
    }

    @Test
    void expiredItemsComeBackAndRejectedOnesFailWithTheServersReason() {
        List<BatchItem> items = items(4);
        api.expireOnce("trace-1").reject("trace-2");

        Map<String, BatchResult> results;
        try (OpenAiBatchRunner runner = new OpenAiBatchRunner(endpoint(), dir.resolve("batch.sqlite"), options)) {
            results = runner.run(items);
        }

        assertThat(results.get("trace-1")).isInstanceOf(BatchResult.Answered.class);
        assertThat(results.get("trace-2")).isInstanceOfSatisfying(BatchResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("HTTP 400 invalid_request_error: Invalid 'max_tokens': too large.");
            assertThat(f.attempts()).isEqualTo(1);
        });
        assertThat(api.uploads()).containsExactly(List.of("trace-0", "trace-1", "trace-2"), List.of("trace-3"), List.of("trace-1"));
    }

    @Test
    void cancellingKeepsWhatWasAnsweredAndSubmitsNothingMore() {
        List<BatchItem> items = items(6);
        api.pollsUntilDone(50);
        AtomicInteger polls = new AtomicInteger();
        Map<String, BatchResult> results;
        try (OpenAiBatchRunner runner = new OpenAiBatchRunner(endpoint(), dir.resolve("batch.sqlite"),
                options.withMaxRequestsPerFile(6))) {
            runner.sleeper(d -> {
                if (polls.incrementAndGet() == 2) {
                    runner.cancel();
                }
            });
            results = runner.run(items);
        }
        long answered = results.values().stream().filter(BatchResult.Answered.class::isInstance).count();
        assertThat(answered).isEqualTo(3);
        assertThat(results.values()).filteredOn(BatchResult.Failed.class::isInstance)
                .allSatisfy(r -> assertThat(((BatchResult.Failed) r).reason()).startsWith("cancelled"));
        assertThat(api.uploads()).hasSize(1);
    }

    @Test
    void answersGoToTheCallCacheSoALiveRerunCostsNothing() {
        List<BatchItem> items = items(3);
        try (CallCache cache = CallCache.open(dir.resolve("calls.sqlite"))) {
            try (OpenAiBatchRunner runner = new OpenAiBatchRunner(endpoint(), dir.resolve("batch.sqlite"), options).cache(cache)) {
                runner.run(items);
            }
            server.clearReceived();
            try (ChatModel live = new CachedChatModel(new OpenAiChatModel(endpoint()), cache, CacheMode.USE)) {
                for (BatchItem item : items) {
                    live.chat(item.request());
                }
            }
            assertThat(server.received()).isEmpty();

            // and a second batch job over the same requests submits nothing
            try (OpenAiBatchRunner again = new OpenAiBatchRunner(endpoint(), dir.resolve("batch-2.sqlite"), options).cache(cache)) {
                Map<String, BatchResult> results = again.run(items);
                assertThat(results.values()).allSatisfy(r -> assertThat(r.attempts()).isZero());
            }
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void shardsRespectTheByteLimitAndAnOversizedRequestFailsAlone() {
        List<BatchItem> items = new ArrayList<>(items(4));
        items.add(new BatchItem("huge", ChatRequest.ofUser("x".repeat(5000))));
        Map<String, BatchResult> results;
        try (OpenAiBatchRunner runner = new OpenAiBatchRunner(endpoint(), dir.resolve("batch.sqlite"),
                options.withMaxRequestsPerFile(100).withMaxBytesPerFile(700))) {
            results = runner.run(items);
        }
        assertThat(api.uploads()).allSatisfy(u -> assertThat(u).hasSizeLessThanOrEqualTo(2)).hasSize(2);
        assertThat(results.get("huge")).isInstanceOfSatisfying(BatchResult.Failed.class,
                f -> assertThat(f.reason()).contains("more than a batch file may hold (700)"));
        assertEachAnswerIsItsOwn(results, items.subList(0, 4));
    }

    @Test
    void theStackBuildsARunnerForItsEndpointWithTheBatchDiscount() {
        drp.llm.endpoint.EndpointSpec spec = drp.llm.endpoint.InlineEndpoint.parse("openai:" + server.baseUrl() + "#gpt-4o", "BATCH_KEY")
                .withPrice(new Price(2.5, 10));
        UsageMeter meter = new UsageMeter();
        try (OpenAiBatchRunner runner = drp.llm.endpoint.ChatModelStack.of(spec).environment(Map.of("BATCH_KEY", "sk-batch-123456")::get)
                .meter(meter).batch(dir.resolve("batch.sqlite"), options)) {
            assertEachAnswerIsItsOwn(runner.run(items(2)), items(2));
        }
        var usage = meter.snapshot().getFirst();
        assertThat(usage.cost()).isEqualTo(new Price(1.25, 5).cost(usage.promptTokens(), usage.completionTokens()));
        assertThat(server.received()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer sk-batch-123456"));
    }

    @Test
    void refusesChangedRequestsAndStateOfAnotherModel() {
        Path state = dir.resolve("batch.sqlite");
        try (OpenAiBatchRunner runner = new OpenAiBatchRunner(endpoint(), state, options)) {
            runner.run(items(1));
            assertThatThrownBy(() -> runner.run(List.of(new BatchItem("trace-0", ChatRequest.ofUser("changed")))))
                    .hasMessageContaining("custom_id 'trace-0' was submitted with another request");
            assertThatThrownBy(() -> runner.run(List.of(new BatchItem("a", ChatRequest.ofUser("q")),
                    new BatchItem("a", ChatRequest.ofUser("q"))))).hasMessageContaining("appears twice");
        }
        assertThatThrownBy(() -> new OpenAiBatchRunner(OpenAiEndpoint.of(server.baseUrl(), "other-model"), state, options))
                .hasMessageContaining("belongs to openai:" + server.baseUrl() + "#gpt-4o");
    }
}
