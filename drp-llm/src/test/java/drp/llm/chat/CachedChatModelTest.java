package drp.llm.chat;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.llm.cache.CacheMode;
import drp.llm.cache.CallCache;
import drp.llm.openai.OpenAiChatModel;
import drp.llm.openai.OpenAiEndpoint;
import drp.llm.testing.Reply;
import drp.llm.testing.ScriptedOpenAiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachedChatModelTest {

    @TempDir
    Path dir;

    ScriptedOpenAiServer server;
    CallCache cache;

    @BeforeEach
    void start() {
        server = ScriptedOpenAiServer.start();
        cache = CallCache.open(dir.resolve("calls.sqlite"));
    }

    @AfterEach
    void stop() {
        cache.close();
        server.close();
    }

    ChatModel model(CacheMode mode) {
        return new CachedChatModel(new OpenAiChatModel(OpenAiEndpoint.of(server.baseUrl(), "echo")), cache, mode);
    }

    @Test
    void aSecondCallIsAnsweredWithoutARequest() {
        try (ChatModel model = model(CacheMode.USE)) {
            ChatResponse first = model.chat(ChatRequest.ofUser("q"));
            ChatResponse second = model.chat(ChatRequest.ofUser("q"));
            assertThat(second).isEqualTo(first);
        }
        assertThat(server.count("/chat/completions")).isEqualTo(1);
        assertThat(cache.stats().hits()).isEqualTo(1);
    }

    @Test
    void identicalCallsInFlightAreMadeOnce() throws Exception {
        server.fallback(Reply.slow(Duration.ofMillis(150)));
        try (ChatModel model = model(CacheMode.USE); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ChatResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(pool.submit(() -> model.chat(ChatRequest.ofUser("same"))));
            }
            ChatResponse first = futures.getFirst().get();
            for (Future<ChatResponse> f : futures) {
                assertThat(f.get()).isEqualTo(first);
            }
        }
        assertThat(server.count("/chat/completions")).isEqualTo(1);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void refreshAsksAgainAndOverwrites() {
        try (ChatModel use = model(CacheMode.USE); ChatModel refresh = model(CacheMode.REFRESH)) {
            use.chat(ChatRequest.ofUser("q"));
            server.enqueue(Reply.content("fresh"));
            assertThat(refresh.chat(ChatRequest.ofUser("q")).text()).isEqualTo("fresh");
            assertThat(use.chat(ChatRequest.ofUser("q")).text()).isEqualTo("fresh");
        }
        assertThat(server.count("/chat/completions")).isEqualTo(2);
    }

    @Test
    void offNeitherReadsNorWrites() {
        try (ChatModel off = model(CacheMode.OFF)) {
            off.chat(ChatRequest.ofUser("q"));
            off.chat(ChatRequest.ofUser("q"));
        }
        assertThat(server.count("/chat/completions")).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aFailedCallStoresNothing() {
        server.enqueue(Reply.status(400));
        try (ChatModel model = model(CacheMode.USE)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.chat(ChatRequest.ofUser("q")));
            assertThat(cache.size()).isZero();
            model.chat(ChatRequest.ofUser("q"));
        }
        assertThat(cache.size()).isEqualTo(1);
        try (ChatModel model = model(CacheMode.USE)) {
            assertThat(model.id()).isEqualTo(new ModelId("openai:" + server.baseUrl(), "echo"));
        }
    }
}
