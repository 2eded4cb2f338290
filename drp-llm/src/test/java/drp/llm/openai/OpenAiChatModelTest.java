package drp.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.FinishReason;
import drp.core.chat.NonRetriableChatException;
import drp.core.chat.RetriableChatException;
import drp.core.chat.TokenLogprob;
import drp.llm.testing.Reply;
import drp.llm.testing.ScriptedOpenAiServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK adapter on the wire: what it sends, what it reads back, and how each failure maps. */
class OpenAiChatModelTest {

    static final String KEY = "sk-test-SECRET0123456789";

    ScriptedOpenAiServer server;
    OpenAiChatModel model;

    @BeforeEach
    void start() {
        server = ScriptedOpenAiServer.start().requireKey(KEY);
        model = new OpenAiChatModel(endpoint());
    }

    @AfterEach
    void stop() {
        model.close();
        server.close();
    }

    OpenAiEndpoint endpoint() {
        return OpenAiEndpoint.of(server.baseUrl(), "echo").withApiKey(ApiKey.of(KEY))
                .withTimeouts(Duration.ofMillis(700), Duration.ofMillis(500));
    }

    JsonNode lastBody() {
        return server.received().getLast().json();
    }

    @Test
    void sendsEverySamplingFieldAndTheEngineExtras() {
        model.chat(ChatRequest.builder().system("sys").user("q").temperature(0.6).topP(0.95).maxTokens(50)
                .stop("a", "b").seed(11L).n(2).logprobs(3).jsonSchema("answer", "{\"type\":\"object\"}")
                .extra("top_k", 20).extra("min_p", 0.05).extra("repetition_penalty", 1.1)
                .extra("chat_template_kwargs", Map.of("enable_thinking", false)).build());

        JsonNode body = lastBody();
        assertThat(server.received().getLast().path()).isEqualTo("/v1/chat/completions");
        assertThat(server.received().getLast().authorization()).isEqualTo("Bearer " + KEY);
        assertThat(body.path("model").asText()).isEqualTo("echo");
        assertThat(body.path("messages").toString())
                .isEqualTo("[{\"content\":\"sys\",\"role\":\"system\"},{\"content\":\"q\",\"role\":\"user\"}]");
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.6);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.95);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(body.has("max_completion_tokens")).isFalse();
        assertThat(body.path("stop").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(body.path("seed").asLong()).isEqualTo(11);
        assertThat(body.path("n").asInt()).isEqualTo(2);
        assertThat(body.path("logprobs").asBoolean()).isTrue();
        assertThat(body.path("top_logprobs").asInt()).isEqualTo(3);
        assertThat(body.path("response_format").toString()).isEqualTo(
                "{\"json_schema\":{\"name\":\"answer\",\"schema\":{\"type\":\"object\"},\"strict\":true},\"type\":\"json_schema\"}");
        assertThat(body.path("top_k").asInt()).isEqualTo(20);
        assertThat(body.path("min_p").asDouble()).isEqualTo(0.05);
        assertThat(body.path("repetition_penalty").asDouble()).isEqualTo(1.1);
        assertThat(body.path("chat_template_kwargs").toString()).isEqualTo("{\"enable_thinking\":false}");
    }

    @Test
    void leavesUnsetFieldsToTheServer() {
        model.chat(ChatRequest.ofUser("q"));

        assertThat(lastBody().fieldNames()).toIterable().containsExactlyInAnyOrder("model", "messages");
    }

    @Test
    void usesMaxCompletionTokensWhenTheEndpointSaysSo() {
        try (OpenAiChatModel o1 = new OpenAiChatModel(endpoint().withMaxTokensField(MaxTokensField.MAX_COMPLETION_TOKENS))) {
            o1.chat(ChatRequest.builder().user("q").maxTokens(9).build());
        }
        assertThat(lastBody().path("max_completion_tokens").asInt()).isEqualTo(9);
        assertThat(lastBody().has("max_tokens")).isFalse();
    }

    @Test
    void readsTextReasoningFinishUsageAndLogprobsOfAChatCompletion() {
        ChatResponse response = model.chat(ChatRequest.builder().user("two plus three").maxTokens(7).logprobs(2).build());

        assertThat(response.model()).isEqualTo("echo");
        assertThat(response.text()).isEqualTo("<think>\nRestating: two plus three\n</think>\n\ntwo ");
        assertThat(response.first().reasoning()).isEqualTo("Restating: two plus three");
        assertThat(response.first().answer()).isEqualTo("two ");
        assertThat(response.first().finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(response.usage().completionTokens()).isEqualTo(7);
        assertThat(response.usage().promptTokens()).isEqualTo(3);
        assertThat(response.first().logprobs()).hasSize(7);
        TokenLogprob first = response.first().logprobs().getFirst();
        assertThat(first.token()).isEqualTo("<think>\n");
        assertThat(first.top()).extracting(TokenLogprob::token).containsExactly("<think>\n", "alt1");
    }

    @Test
    void readsReasoningContentFromTheMessagesExtraField() {
        server.reasoningField(true);

        ChatResponse response = model.chat(ChatRequest.ofUser("two plus three"));

        assertThat(response.text()).isEqualTo("two plus three");
        assertThat(response.first().reasoning()).isEqualTo("Restating: two plus three");
        assertThat(response.first().finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void sendsRawPromptsToTheCompletionsEndpoint() {
        ChatResponse response = model.chat(ChatRequest.builder().rawPrompt("<|user|>hi<|assistant|>").n(2)
                .temperature(0.7).seed(5L).logprobs(1).extra("top_k", 5).maxTokens(40).build());

        assertThat(server.received().getLast().path()).isEqualTo("/v1/completions");
        JsonNode body = lastBody();
        assertThat(body.path("prompt").asText()).isEqualTo("<|user|>hi<|assistant|>");
        assertThat(body.path("seed").asLong()).isEqualTo(5);
        assertThat(body.path("logprobs").asInt()).isEqualTo(1);
        assertThat(body.path("top_k").asInt()).isEqualTo(5);
        assertThat(response.choices()).hasSize(2);
        assertThat(response.choices().get(1).reasoning()).isEqualTo("Sample 1 with seed 5. Restating: <|user|>hi<|assistant|>");
        assertThat(response.first().logprobs()).isNotEmpty();
        assertThat(response.first().logprobs().getFirst().top()).hasSize(1);
    }

    @Test
    void anExtraParameterThatShadowsAStandardFieldIsRefusedBeforeSending() {
        // each would overwrite (or, for max_completion_tokens, contradict) what a field of the request says
        for (String shadowing : java.util.List.of("temperature", "max_tokens", "max_completion_tokens", "top_p",
                "messages", "stream")) {
            ChatRequest chat = ChatRequest.builder().user("q").temperature(0.0).extra(shadowing, 1).build();
            ChatRequest raw = ChatRequest.builder().rawPrompt("q").extra(shadowing, 1).build();
            for (ChatRequest request : java.util.List.of(chat, raw)) {
                assertThatThrownBy(() -> model.chat(request)).as(shadowing)
                        .isInstanceOfSatisfying(NonRetriableChatException.class,
                                e -> assertThat(e.failure()).isEqualTo(ChatFailure.BAD_REQUEST))
                        .hasMessageContaining("extra parameter '" + shadowing + "' has a field of its own in ChatRequest;"
                                + " set that instead");
                // the Batch API writes the same body into its files, and refuses the same way
                assertThatThrownBy(() -> new OpenAiWire(endpoint()).body(request)).as(shadowing)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("extra parameter '" + shadowing + "' has a field of its own");
            }
        }
        assertThat(server.received()).isEmpty();
    }

    @Test
    void rateLimitIsRetriableAndCarriesRetryAfter() {
        server.enqueue(Reply.rateLimited("7"), Reply.retryAfterMillis(503, 250));

        assertThatThrownBy(() -> model.chat(ChatRequest.ofUser("q")))
                .isInstanceOfSatisfying(RetriableChatException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ChatFailure.RATE_LIMITED);
                    assertThat(e.httpStatus()).hasValue(429);
                    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7));
                    assertThat(e.getMessage()).contains("openai:" + server.baseUrl() + "#echo", "HTTP 429", "Rate limit");
                });
        assertThatThrownBy(() -> model.chat(ChatRequest.ofUser("q")))
                .isInstanceOfSatisfying(RetriableChatException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ChatFailure.SERVER_ERROR);
                    assertThat(e.retryAfter()).hasValue(Duration.ofMillis(250));
                });
        assertThat(server.count("/chat/completions")).as("the SDK itself must not retry").isEqualTo(2);
    }

    @Test
    void eachFaultMapsToItsFailure() {
        record Case(Reply reply, ChatFailure failure) {}
        for (Case c : new Case[] {
                new Case(Reply.status(500), ChatFailure.SERVER_ERROR),
                new Case(Reply.status(502), ChatFailure.SERVER_ERROR),
                new Case(Reply.status(408), ChatFailure.SERVER_ERROR),
                new Case(Reply.drop(), ChatFailure.CONNECTION),
                new Case(Reply.truncated(), ChatFailure.CONNECTION),
                new Case(Reply.malformedJson(), ChatFailure.MALFORMED_RESPONSE),
                new Case(Reply.slow(Duration.ofSeconds(2)), ChatFailure.TIMEOUT),
                new Case(Reply.status(400), ChatFailure.BAD_REQUEST),
                new Case(Reply.status(422), ChatFailure.BAD_REQUEST),
                new Case(Reply.status(404), ChatFailure.NOT_FOUND),
                new Case(Reply.status(403), ChatFailure.AUTHENTICATION)}) {
            server.enqueue(c.reply());
            long before = server.count("/chat/completions");
            assertThatThrownBy(() -> model.chat(ChatRequest.ofUser("q"))).as(c.toString())
                    .isInstanceOfSatisfying(ChatException.class, e -> {
                        assertThat(e.failure()).as(c + ": " + e.getMessage()).isEqualTo(c.failure());
                        assertThat(e.retriable()).isEqualTo(c.failure().retriable());
                        assertThat(e.getMessage()).contains(server.baseUrl());
                    });
            assertThat(server.count("/chat/completions") - before).as(c + " sent once").isEqualTo(1);
        }
        assertThat(model.chat(ChatRequest.ofUser("q")).text()).endsWith("q");
    }

    @Test
    void aClosedPortIsAConnectionFailure() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (OpenAiChatModel nowhere = new OpenAiChatModel(OpenAiEndpoint.of("http://127.0.0.1:" + port + "/v1", "m")
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)))) {
            assertThatThrownBy(() -> nowhere.chat(ChatRequest.ofUser("q")))
                    .isInstanceOfSatisfying(RetriableChatException.class,
                            e -> assertThat(e.failure()).isEqualTo(ChatFailure.CONNECTION))
                    .hasMessageContaining("cannot connect");
        }
    }

    @Test
    void aWrongKeyIsNonRetriableAndNeverQuoted() {
        String wrong = "sk-wrong-KEY9876543210";
        try (OpenAiChatModel bad = new OpenAiChatModel(endpoint().withApiKey(ApiKey.of(wrong)))) {
            assertThatThrownBy(() -> bad.chat(ChatRequest.ofUser("q")))
                    .isInstanceOfSatisfying(NonRetriableChatException.class, e -> {
                        assertThat(e.failure()).isEqualTo(ChatFailure.AUTHENTICATION);
                        assertThat(e.httpStatus()).hasValue(401);
                        assertThat(e.getMessage()).contains("Incorrect API key provided: ***").doesNotContain(wrong);
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong).doesNotContain("KEY987");
                        }
                    });
            assertThat(bad.toString()).doesNotContain(wrong);
            assertThat(bad.endpoint().toString()).doesNotContain(wrong).contains("key set");
        }
    }

    @Test
    void aScriptedContentReplacesTheEcho() {
        server.enqueue(Reply.content("not the protocol"));
        assertThat(model.chat(ChatRequest.ofUser("q")).text()).isEqualTo("not the protocol");
    }

    @Test
    void aKeylessEndpointSendsNoAuthorization() {
        server.requireKey(null);
        try (OpenAiChatModel local = new OpenAiChatModel(OpenAiEndpoint.of(server.baseUrl(), "echo"))) {
            assertThat(local.chat(ChatRequest.ofUser("q")).text()).endsWith("q");
        }
        assertThat(server.received().getLast().authorization()).isNull();
    }
}
