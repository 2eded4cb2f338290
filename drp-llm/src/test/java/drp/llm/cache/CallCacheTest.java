package drp.llm.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.core.testing.EchoChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite call cache on real files. */
class CallCacheTest {

    static final ModelId ID = new ModelId("openai:http://127.0.0.1:8000/v1", "echo");
    static final EchoChatModel ECHO = new EchoChatModel(ID);

    @TempDir
    Path dir;

    static ChatRequest request(int i) {
        return ChatRequest.builder().user("question " + i).temperature(0.6).seed((long) i).logprobs(1).maxTokens(50).build();
    }

    @Test
    void aReopenedCacheReturnsTheSameAnswer() {
        Path file = dir.resolve("sub/calls.sqlite");
        ChatRequest request = request(1);
        ChatResponse answer = ECHO.chat(request);
        CacheKey key = CacheKey.of(ID, request);
        try (CallCache cache = CallCache.open(file)) {
            assertThat(cache.get(key)).isEmpty();
            assertThat(cache.putIfAbsent(key, ID, request, answer)).isEqualTo(answer);
            assertThat(cache.stats()).isEqualTo(new CacheStats(0, 1, 1, 0));
        }
        try (CallCache reopened = CallCache.open(file)) {
            assertThat(reopened.get(key)).contains(answer);
            assertThat(reopened.size()).isEqualTo(1);
            assertThat(reopened.stats().hits()).isEqualTo(1);
        }
        assertThat(Files.exists(file)).isTrue();
    }

    @Test
    void theFirstStoredAnswerWins() {
        ChatRequest request = request(2);
        CacheKey key = CacheKey.of(ID, request);
        ChatResponse first = ECHO.chat(request);
        ChatResponse other = ECHO.chat(request.toBuilder().user("different").build());
        try (CallCache cache = CallCache.open(dir.resolve("c.sqlite"))) {
            cache.putIfAbsent(key, ID, request, first);
            assertThat(cache.putIfAbsent(key, ID, request, other)).isEqualTo(first);
            assertThat(cache.put(key, ID, request, other)).isEqualTo(other);
            assertThat(cache.get(key)).contains(other);
        }
    }

    @Test
    void refusesAKeyThatIsNotTheCallsOwn() {
        try (CallCache cache = CallCache.open(dir.resolve("c.sqlite"))) {
            assertThatThrownBy(() -> cache.putIfAbsent(CacheKey.of(ID, request(1)), ID, request(2), ECHO.chat(request(2))))
                    .hasMessageContaining("is not the key of this call");
        }
    }

    @Test
    void concurrentWritersThroughOneAndThroughSeveralConnections() throws Exception {
        Path file = dir.resolve("shared.sqlite");
        try (CallCache a = CallCache.open(file); CallCache b = CallCache.open(file);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                CallCache cache = t % 2 == 0 ? a : b;
                int offset = t % 4;
                futures.add(pool.submit(() -> {
                    // two threads per range: every row is raced by both connections
                    for (int i = offset * 50; i < offset * 50 + 50; i++) {
                        ChatRequest r = request(i);
                        CacheKey key = CacheKey.of(ID, r);
                        ChatResponse stored = cache.putIfAbsent(key, ID, r, ECHO.chat(r));
                        assertThat(cache.get(key)).contains(stored);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertThat(a.size()).isEqualTo(200);
            assertThat(a.stats().writes() + b.stats().writes()).isEqualTo(200);
            assertThat(a.stats().corrupt() + b.stats().corrupt()).isZero();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("PRAGMA journal_mode");
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void aDamagedRowIsDroppedCountedAndRefilled() throws Exception {
        Path file = dir.resolve("damaged.sqlite");
        ChatRequest r1 = request(1);
        ChatRequest r2 = request(2);
        CacheKey k1 = CacheKey.of(ID, r1);
        CacheKey k2 = CacheKey.of(ID, r2);
        try (CallCache cache = CallCache.open(file)) {
            cache.putIfAbsent(k1, ID, r1, ECHO.chat(r1));
            cache.putIfAbsent(k2, ID, r2, ECHO.chat(r2));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            // a flipped character: still JSON, wrong checksum
            s.executeUpdate("UPDATE calls SET response = replace(response, 'question', 'questiom') WHERE key = '" + k1.sha256() + "'");
            // not JSON at all, with a checksum that matches the damage
            s.executeUpdate("UPDATE calls SET response = '{\"choices\": [', checksum = '"
                    + CacheKey.sha256("{\"choices\": [") + "' WHERE key = '" + k2.sha256() + "'");
        }
        try (CallCache cache = CallCache.open(file)) {
            assertThat(cache.get(k1)).isEmpty();
            assertThat(cache.get(k2)).isEmpty();
            assertThat(cache.stats()).isEqualTo(new CacheStats(0, 2, 0, 2));
            assertThat(cache.size()).isZero();
            cache.putIfAbsent(k1, ID, r1, ECHO.chat(r1));
            assertThat(cache.get(k1)).contains(ECHO.chat(r1));
        }
    }

    @Test
    void theKeyDependsOnEndpointModelAndEveryRequestField() {
        ChatRequest base = request(1);
        CacheKey key = CacheKey.of(ID, base);
        assertThat(CacheKey.of(ID, request(1))).isEqualTo(key);
        assertThat(CacheKey.of(new ModelId("openai:http://other/v1", "echo"), base)).isNotEqualTo(key);
        assertThat(CacheKey.of(new ModelId(ID.endpoint(), "echo-2"), base)).isNotEqualTo(key);
        for (ChatRequest changed : List.of(
                base.toBuilder().temperature(0.7).build(),
                base.toBuilder().topP(0.9).build(),
                base.toBuilder().maxTokens(51).build(),
                base.toBuilder().stop("x").build(),
                base.toBuilder().seed(2L).build(),
                base.toBuilder().n(2).build(),
                base.toBuilder().logprobs(null).build(),
                base.toBuilder().jsonSchema("s", "{}").build(),
                base.toBuilder().extra("top_k", 20).build(),
                base.toBuilder().system("sys").build(),
                base.toBuilder().rawPrompt("question 1").build())) {
            assertThat(CacheKey.of(ID, changed)).as(changed.toString()).isNotEqualTo(key);
        }
    }

    @Test
    void aCacheOfAnotherSchemaIsRefusedWithAClearMessage() throws Exception {
        Path file = dir.resolve("future.sqlite");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = 99");
        }
        assertThatThrownBy(() -> CallCache.open(file)).hasMessageContaining("schema 99");
    }
}
