package drp.llm.chat;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.chat.ChatRequest;
import drp.llm.openai.OpenAiChatModel;
import drp.llm.openai.OpenAiEndpoint;
import drp.llm.testing.Reply;
import drp.llm.testing.ScriptedOpenAiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyLimitedChatModelTest {

    @Test
    void neverLetsMoreThanTheLimitThrough() throws Exception {
        try (ScriptedOpenAiServer server = ScriptedOpenAiServer.start().fallback(Reply.slow(Duration.ofMillis(60)));
                ConcurrencyLimitedChatModel model = new ConcurrencyLimitedChatModel(
                        new OpenAiChatModel(OpenAiEndpoint.of(server.baseUrl(), "echo")), 4);
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                futures.add(callers.submit(() -> model.chat(ChatRequest.ofUser("call " + n))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertThat(model.peak()).isEqualTo(4);
            assertThat(model.inFlight()).isZero();
            assertThat(server.count("/chat/completions")).isEqualTo(24);
        }
    }
}
