package drp.llm.chat;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ModelId;
import drp.llm.openai.OpenAiChatModel;
import drp.llm.openai.OpenAiEndpoint;
import drp.llm.testing.FakeTime;
import drp.llm.testing.Reply;
import drp.llm.testing.ScriptedOpenAiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class BalancedChatModelTest {

    static final ModelId GROUP = new ModelId("openai:pool", "echo");

    static List<ChatModel> transports(ScriptedOpenAiServer... servers) {
        List<ChatModel> out = new ArrayList<>();
        for (ScriptedOpenAiServer s : servers) {
            out.add(new OpenAiChatModel(OpenAiEndpoint.of(s.baseUrl(), "echo")
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))));
        }
        return out;
    }

    @Test
    void spreadsConcurrentCallsOverTheReplicas() throws Exception {
        try (ScriptedOpenAiServer a = ScriptedOpenAiServer.start().fallback(Reply.slow(Duration.ofMillis(20)));
                ScriptedOpenAiServer b = ScriptedOpenAiServer.start().fallback(Reply.slow(Duration.ofMillis(20)));
                BalancedChatModel model = new BalancedChatModel(GROUP, transports(a, b), Duration.ofSeconds(5), Ticker.SYSTEM);
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                futures.add(callers.submit(() -> model.chat(ChatRequest.ofUser("call " + n))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertThat(a.count("/chat/completions") + b.count("/chat/completions")).isEqualTo(40);
            assertThat(a.count("/chat/completions")).isBetween(12L, 28L);
            assertThat(model.served()).containsExactly(a.count("/chat/completions"), b.count("/chat/completions"));
            assertThat(model.id()).isEqualTo(GROUP);
        }
    }

    @Test
    void aDeadReplicaIsAvoidedAndTheRetryLandsOnALiveOne() {
        FakeTime time = new FakeTime();
        ScriptedOpenAiServer dead = ScriptedOpenAiServer.start();
        dead.close();
        try (ScriptedOpenAiServer live = ScriptedOpenAiServer.start();
                ChatModel model = new RetryingChatModel(
                        new BalancedChatModel(GROUP, transports(dead, live), Duration.ofSeconds(30), time),
                        new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), 1, 0, Duration.ZERO),
                        time, new SplittableRandom(1), new RetryStats())) {
            for (int i = 0; i < 10; i++) {
                assertThat(model.chat(ChatRequest.ofUser("q" + i)).text()).endsWith("q" + i);
            }
            assertThat(live.count("/chat/completions")).isEqualTo(10);
            assertThat(time.waits()).as("only the first call met the dead replica").hasSizeLessThanOrEqualTo(1);
        }
    }
}
