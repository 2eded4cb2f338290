package drp.llm.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.chat.BudgetExceededException;
import drp.core.chat.ChatException;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.llm.cache.CacheMode;
import drp.llm.cache.CallCache;
import drp.llm.meter.Budget;
import drp.llm.meter.Price;
import drp.llm.meter.PriceTable;
import drp.llm.meter.UsageMeter;
import drp.llm.testing.ScriptedOpenAiServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetAndSecretsTest {

    static final String KEY = "sk-proj-SECRETVALUE-0123456789";

    @TempDir
    Path dir;

    ScriptedOpenAiServer server;

    @BeforeEach
    void start() {
        server = ScriptedOpenAiServer.start().requireKey(KEY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    EndpointSpec spec() {
        return EndpointSpec.of("teacher", "echo", List.of(URI.create(server.baseUrl())), new KeySource.Env("TEACHER_KEY", true));
    }

    @Test
    void theBudgetStopsCleanlyAndKeepsWhatWasDone() {
        // $1000 per million tokens: each call uses 2 + 7 tokens ($0.009) and could use 7 + 20 ($0.027)
        // by the estimate; after 9 calls ($0.081) a tenth could reach $0.108, over the $0.1 cap
        Price price = new Price(1000, 1000);
        Budget budget = new Budget(0.1);
        UsageMeter meter = new UsageMeter();
        Path file = dir.resolve("calls.sqlite");
        int done = 0;
        try (CallCache cache = CallCache.open(file);
                ChatModel model = ChatModelStack.of(spec()).environment(Map.of("TEACHER_KEY", KEY)::get)
                        .prices(new PriceTable(Map.of("echo", price))).cache(cache, CacheMode.USE).meter(meter)
                        .budget(budget).build()) {
            for (int i = 0; i < 20; i++) {
                ChatRequest request = ChatRequest.builder().user("trace " + i).maxTokens(20).build();
                try {
                    model.chat(request);
                    done++;
                } catch (BudgetExceededException e) {
                    assertThat(e.getMessage()).contains("budget of $0.1000 would be exceeded");
                    break;
                }
            }
            assertThat(done).isEqualTo(9);
            assertThat(budget.spent()).isLessThanOrEqualTo(0.1).isEqualTo(meter.totalCost());
            assertThat(cache.size()).as("every finished call is kept").isEqualTo(done);
            assertThat(server.count("/chat/completions")).as("the refused call was never sent").isEqualTo(done);
        }

        // a rerun with a fresh budget answers the finished calls from the cache for free
        Budget second = new Budget(0.1);
        try (CallCache cache = CallCache.open(file);
                ChatModel model = ChatModelStack.of(spec().withPrice(price)).environment(Map.of("TEACHER_KEY", KEY)::get)
                        .cache(cache, CacheMode.USE).budget(second).build()) {
            for (int i = 0; i < done; i++) {
                model.chat(ChatRequest.builder().user("trace " + i).maxTokens(20).build());
            }
            assertThat(second.spent()).isZero();
        }
    }

    @Test
    void aBudgetNeedsAPrice() {
        assertThatThrownBy(() -> ChatModelStack.of(spec()).environment(Map.of("TEACHER_KEY", KEY)::get)
                .budget(new Budget(1)).build()).hasMessageContaining("needs the price of model echo");
    }

    @Test
    void aMissingKeyVariableFailsBeforeAnyWork() {
        assertThatThrownBy(() -> ChatModelStack.of(spec()).environment(name -> null).build())
                .hasMessage("environment variable TEACHER_KEY (the API key of endpoint teacher) is not set");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void theKeyNeverReachesCacheKeysFilesMessagesOrNames() throws Exception {
        Path file = dir.resolve("calls.sqlite");
        ChatRequest request = ChatRequest.ofUser("hello");
        String wrong = "sk-proj-WRONGVALUE-9876543210";
        try (CallCache cache = CallCache.open(file);
                ChatModel model = ChatModelStack.of(spec()).environment(Map.of("TEACHER_KEY", KEY)::get)
                        .cache(cache, CacheMode.USE).build();
                ChatModel other = ChatModelStack.of(spec()).environment(Map.of("TEACHER_KEY", wrong)::get)
                        .cache(cache, CacheMode.USE).build()) {
            model.chat(request);
            // same call, another key: the key is no part of the address, so this is a hit
            assertThat(other.chat(request)).isEqualTo(model.chat(request));
            assertThat(server.count("/chat/completions")).isEqualTo(1);

            ChatException failure = null;
            try {
                other.chat(ChatRequest.ofUser("not cached"));
            } catch (ChatException e) {
                failure = e;
            }
            assertThat(failure).isNotNull();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong).doesNotContain("WRONGVALUE");
                assertThat(t.toString()).doesNotContain("WRONGVALUE");
            }
            for (Object named : List.of(model, model.id(), spec(), spec().key(), other)) {
                assertThat(named.toString()).doesNotContain("SECRETVALUE").doesNotContain("WRONGVALUE");
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(f.getFileName().toString()).doesNotContain("SECRETVALUE").doesNotContain("WRONGVALUE");
            }
        }
    }
}
