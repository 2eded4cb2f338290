package drp.llm.endpoint;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatModelContract;
import drp.llm.cache.CacheMode;
import drp.llm.cache.CallCache;
import drp.llm.meter.Budget;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;
import drp.llm.testing.ScriptedOpenAiServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The ChatModel contract holds for the whole decorated stack, on one server and balanced over two. */
class ChatModelStackContractTest {

    static final String KEY = "sk-stack-0123456789abcdef";
    static ScriptedOpenAiServer a;
    static ScriptedOpenAiServer b;

    @BeforeAll
    static void start() {
        a = ScriptedOpenAiServer.start().requireKey(KEY);
        b = ScriptedOpenAiServer.start().requireKey(KEY);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    abstract static class Stack extends ChatModelContract {
        @TempDir
        Path dir;
        CallCache cache;

        abstract List<URI> urls();

        @Override
        protected ChatModel createModel() {
            if (cache == null) {
                cache = CallCache.open(dir.resolve("calls.sqlite"));
            }
            EndpointSpec spec = EndpointSpec.of("test", "echo", urls(), new KeySource.Env("K", true))
                    .withPrice(new Price(1, 2));
            return ChatModelStack.of(spec).environment(Map.of("K", KEY)::get).cache(cache, CacheMode.USE)
                    .meter(new UsageMeter()).budget(new Budget(100)).build();
        }

        @Override
        protected Set<String> secrets() {
            return Set.of(KEY);
        }

        @AfterEach
        void closeCache() {
            if (cache != null) {
                cache.close();
            }
        }
    }

    @Nested
    class OneServer extends Stack {
        @Override
        List<URI> urls() {
            return List.of(URI.create(a.baseUrl()));
        }
    }

    @Nested
    class TwoServers extends Stack {
        @Override
        List<URI> urls() {
            return List.of(URI.create(a.baseUrl()), URI.create(b.baseUrl()));
        }
    }
}
