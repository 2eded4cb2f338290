package drp.llm.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.chat.ChatException;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.RetriableChatException;
import drp.core.testing.EchoChatModel;
import drp.llm.cache.CacheMode;
import drp.llm.cache.CallCache;
import drp.llm.chat.RetryPolicy;
import drp.llm.chat.RetryStats;
import drp.llm.meter.ModelUsage;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;
import drp.llm.testing.FakeTime;
import drp.llm.testing.Reply;
import drp.llm.testing.ScriptedOpenAiServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole stack under each fault a real server shows, over real HTTP with a real SQLite cache:
 * a batch of calls runs concurrently while some of them meet the fault; every call ends with its
 * own answer, retries are counted, nothing is stored twice, and a rerun is answered from the cache
 * without a single request.
 */
class FaultToleranceTest {

    static final int CALLS = 12;

    @TempDir
    Path dir;

    ScriptedOpenAiServer server;
    FakeTime time = new FakeTime();

    @BeforeEach
    void start() {
        server = ScriptedOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> faults() {
        return Stream.of(
                Arguments.of("slow answer past the timeout", Reply.slow(Duration.ofSeconds(2))),
                Arguments.of("429 with Retry-After", Reply.rateLimited("3")),
                Arguments.of("500", Reply.status(500)),
                Arguments.of("dropped connection", Reply.drop()),
                Arguments.of("malformed JSON", Reply.malformedJson()),
                Arguments.of("truncated body", Reply.truncated()));
    }

    ChatModel stack(CallCache cache, UsageMeter meter, RetryStats stats) {
        EndpointSpec spec = EndpointSpec.of("faulty", "echo", List.of(URI.create(server.baseUrl())), new KeySource.None())
                .withTimeout(Duration.ofMillis(600)).withPrice(new Price(1, 1));
        return ChatModelStack.of(spec).cache(cache, CacheMode.USE).meter(meter).retryStats(stats)
                .retry(new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20), 2, 0.5, Duration.ofSeconds(10)))
                .time(time, time).random(new SplittableRandom(7)).build();
    }

    static ChatRequest request(int i) {
        return ChatRequest.builder().user("item " + i + " of the batch").temperature(0.0).maxTokens(64).build();
    }

    /** Runs every call at once; returns each call's answer or failure by index. */
    static Map<Integer, Object> runAll(ChatModel model) throws Exception {
        Map<Integer, Object> results = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                ChatRequest r = request(i);
                futures.add(pool.submit(() -> {
                    try {
                        return model.chat(r);
                    } catch (ChatException e) {
                        return e;
                    }
                }));
            }
            for (int i = 0; i < CALLS; i++) {
                results.put(i, futures.get(i).get());
            }
        }
        return results;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void everyCallFinishesOnceAndARerunCostsNothing(String name, Reply fault) throws Exception {
        // items 2 and 7 meet the fault twice, item 5 once; the others never
        server.whenBodyContains("item 2 ", fault, fault).whenBodyContains("item 7 ", fault, fault)
                .whenBodyContains("item 5 ", fault);
        Path file = dir.resolve("calls.sqlite");
        UsageMeter meter = new UsageMeter();
        RetryStats stats = new RetryStats();

        try (CallCache cache = CallCache.open(file); ChatModel model = stack(cache, meter, stats)) {
            Map<Integer, Object> results = runAll(model);
            for (int i = 0; i < CALLS; i++) {
                assertThat(results.get(i)).as(name + ": call " + i).isInstanceOf(ChatResponse.class);
                ChatResponse answer = (ChatResponse) results.get(i);
                assertThat(answer.first().answer()).as("call " + i + " got its own answer")
                        .isEqualTo(new EchoChatModel().chat(request(i)).first().answer());
            }
            assertThat(stats.retries()).as(name + ": retries").isEqualTo(5);
            assertThat(stats.attempts()).isEqualTo(CALLS + 5);
            assertThat(server.count("/chat/completions")).as(name + ": requests").isEqualTo(CALLS + 5);
            assertThat(cache.size()).as(name + ": one row per call").isEqualTo(CALLS);
            ModelUsage usage = meter.snapshot().getFirst();
            assertThat(usage.requests()).isEqualTo(CALLS);
            assertThat(usage.failures()).isEqualTo(5);
        }

        server.clearReceived();
        try (CallCache cache = CallCache.open(file); ChatModel rerun = stack(cache, new UsageMeter(), new RetryStats())) {
            Map<Integer, Object> again = runAll(rerun);
            assertThat(again.values()).allMatch(ChatResponse.class::isInstance);
            assertThat(server.received()).as(name + ": the rerun sends nothing").isEmpty();
            assertThat(cache.stats().hits()).isEqualTo(CALLS);
        }
    }

    @Test
    void aCallThatNeverSucceedsFailsClearlyAndTheRestIsKept() throws Exception {
        server.whenBodyContains("item 4 ", Reply.status(503), Reply.status(503), Reply.status(503), Reply.status(503));
        Path file = dir.resolve("calls.sqlite");

        try (CallCache cache = CallCache.open(file); ChatModel model = stack(cache, new UsageMeter(), new RetryStats())) {
            Map<Integer, Object> results = runAll(model);
            assertThat(results.get(4)).isInstanceOfSatisfying(RetriableChatException.class, e -> assertThat(e.getMessage())
                    .startsWith("gave up after 4 attempts; last: openai:" + server.baseUrl() + "#echo: HTTP 503"));
            assertThat(results.values().stream().filter(ChatResponse.class::isInstance)).hasSize(CALLS - 1);
            assertThat(cache.size()).isEqualTo(CALLS - 1);
        }

        server.clearReceived();
        try (CallCache cache = CallCache.open(file); ChatModel rerun = stack(cache, new UsageMeter(), new RetryStats())) {
            Map<Integer, Object> again = runAll(rerun);
            assertThat(again.values()).allMatch(ChatResponse.class::isInstance);
            assertThat(server.received()).as("only the failed call is asked again").hasSize(1);
            assertThat(server.received().getFirst().body()).contains("item 4 ");
        }
    }
}
