package drp.llm.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.chat.ChatFailure;
import drp.core.chat.ChatRequest;
import drp.core.chat.NonRetriableChatException;
import drp.core.chat.RetriableChatException;
import drp.llm.openai.OpenAiChatModel;
import drp.llm.openai.OpenAiEndpoint;
import drp.llm.testing.FakeTime;
import drp.llm.testing.Reply;
import drp.llm.testing.ScriptedOpenAiServer;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries over real HTTP: the server fails as scripted, the clock is fake so back-off takes no time. */
class RetryingChatModelTest {

    ScriptedOpenAiServer server;
    FakeTime time = new FakeTime();
    RetryStats stats = new RetryStats();
    RetryingChatModel model;

    @BeforeEach
    void start() {
        server = ScriptedOpenAiServer.start();
        OpenAiChatModel transport = new OpenAiChatModel(OpenAiEndpoint.of(server.baseUrl(), "echo")
                .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)));
        model = new RetryingChatModel(transport,
                new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(10), 2.0, 0.0, Duration.ofSeconds(60)),
                time, new SplittableRandom(3), stats);
    }

    @AfterEach
    void stop() {
        model.close();
        server.close();
    }

    @Test
    void failsTwiceThenSucceeds() {
        server.enqueue(Reply.status(500), Reply.drop());

        assertThat(model.chat(ChatRequest.ofUser("q")).text()).endsWith("q");

        assertThat(server.count("/chat/completions")).isEqualTo(3);
        assertThat(stats.attempts()).isEqualTo(3);
        assertThat(stats.retries()).isEqualTo(2);
        assertThat(time.waits()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void honoursRetryAfter() {
        server.enqueue(Reply.rateLimited("7"), Reply.retryAfterMillis(503, 1500));

        model.chat(ChatRequest.ofUser("q"));

        assertThat(time.waits()).containsExactly(Duration.ofSeconds(7), Duration.ofMillis(1500));
    }

    @Test
    void retriesTimeoutsMalformedAndTruncatedAnswers() {
        server.enqueue(Reply.slow(Duration.ofSeconds(2)), Reply.malformedJson(), Reply.truncated());

        assertThat(model.chat(ChatRequest.ofUser("q")).text()).endsWith("q");
        assertThat(stats.retries()).isEqualTo(3);
    }

    @Test
    void givesUpAfterTheLastAttemptSayingHowManyThereWere() {
        server.enqueue(Reply.status(502), Reply.status(502), Reply.status(502), Reply.status(502), Reply.normal());

        assertThatThrownBy(() -> model.chat(ChatRequest.ofUser("q")))
                .isInstanceOfSatisfying(RetriableChatException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ChatFailure.SERVER_ERROR);
                    assertThat(e.getMessage()).startsWith("gave up after 4 attempts; last: ").contains("HTTP 502");
                });
        assertThat(server.count("/chat/completions")).isEqualTo(4);
        assertThat(stats.exhausted()).isEqualTo(1);
    }

    @Test
    void neverRetriesWhatCannotPass() {
        server.enqueue(Reply.status(400));

        assertThatThrownBy(() -> model.chat(ChatRequest.ofUser("q"))).isInstanceOf(NonRetriableChatException.class);
        assertThat(server.count("/chat/completions")).isEqualTo(1);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void anInterruptedWaitCancelsTheCall() {
        server.enqueue(Reply.status(500));
        RetryingChatModel interruptible = new RetryingChatModel(
                new OpenAiChatModel(OpenAiEndpoint.of(server.baseUrl(), "echo")), RetryPolicy.DEFAULT,
                d -> {
                    throw new InterruptedException();
                }, new SplittableRandom(1), new RetryStats());
        try {
            assertThatThrownBy(() -> interruptible.chat(ChatRequest.ofUser("q")))
                    .isInstanceOfSatisfying(NonRetriableChatException.class,
                            e -> assertThat(e.failure()).isEqualTo(ChatFailure.CANCELLED));
            assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
        } finally {
            interruptible.close();
        }
    }
}
