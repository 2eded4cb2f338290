package drp.llm.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.chat.ChatFailure;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.FinishReason;
import drp.core.chat.ModelId;
import drp.core.chat.NonRetriableChatException;
import drp.core.chat.RetriableChatException;
import drp.core.testing.EchoChatModel;
import drp.llm.endpoint.ChatModelStack;
import drp.llm.endpoint.InlineEndpoint;
import drp.llm.testing.EventStream;
import drp.llm.testing.LogLines;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenAiServer} on loopback over models from drp-core's test doubles, talked to by this
 * module's real OpenAI adapter (the official SDK over HTTP) and by a raw HTTP client for streaming
 * and errors. The embedded student behind it is tested in drp-cli ({@code ServedStudentTest}).
 */
class OpenAiServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final EchoChatModel ECHO = new EchoChatModel(new ModelId("echo:memory", "echo"));
    static final String QUESTION = "There are 6 cows on the farm. 4 cows leave. How many cows are on the farm now?";

    /** {@code model} streaming word by word, as an engine streams token by token. */
    static ServedModel.Streaming wordByWord(ChatModel model) {
        return (request, listener) -> {
            ChatResponse response = model.chat(request);
            for (Choice c : response.choices()) {
                for (String piece : c.text().split("(?<=\\s)")) {
                    listener.text(c.index(), piece);
                }
            }
            return response;
        };
    }

    /**
     * Fails as a question says: "bad" (the model refuses the request), "busy" (rate limited), "bug"
     * (a defect, no ChatException), else echoes.
     */
    static final ChatModel FAILING = new ChatModel() {
        @Override
        public ModelId id() {
            return ECHO.id();
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            String question = EchoChatModel.source(request);
            return switch (question) {
                case "bad" -> throw new NonRetriableChatException(ChatFailure.BAD_REQUEST, "cannot continue assistant turns", 0, null);
                case "busy" -> throw new RetriableChatException(ChatFailure.RATE_LIMITED, "too many requests", 0, null, null);
                case "bug" -> throw new IllegalStateException("index out of step");
                default -> ECHO.chat(request);
            };
        }
    };

    static OpenAiServer streaming;
    static OpenAiServer whole;
    static OpenAiServer failing;
    static final List<String> log = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        streaming = OpenAiServer.start(new ServedModel("echo", ECHO, wordByWord(ECHO)), "127.0.0.1", 0, line -> {
            synchronized (log) {
                log.add(line);
            }
        });
        whole = OpenAiServer.start(new ServedModel("whole", ECHO), "127.0.0.1", 0, line -> { });
        failing = OpenAiServer.start(new ServedModel("failing", FAILING, wordByWord(FAILING)), "127.0.0.1", 0, line -> { });
    }

    @AfterAll
    static void stop() {
        streaming.close();
        whole.close();
        failing.close();
    }

    static ChatModel client(OpenAiServer server, String name) {
        return ChatModelStack.of(InlineEndpoint.parse("openai:" + server.baseUrl() + "#" + name, null))
                .environment(variable -> null).build();
    }

    @Test
    void theOpenAiAdapterGetsTheModelsOwnAnswerUsageAndFinishReason() {
        try (ChatModel model = client(streaming, "echo")) {
            ChatRequest request = ChatRequest.builder().system("Be brief.").user(QUESTION).temperature(0.0).maxTokens(448).build();
            ChatResponse response = model.chat(request);
            ChatResponse direct = ECHO.chat(request);

            assertThat(response.text()).isEqualTo(direct.text()).contains("</think>").endsWith(QUESTION);
            assertThat(response.first().reasoning()).isEqualTo(direct.first().reasoning()).contains("Restating: " + QUESTION);
            assertThat(response.first().finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(response.usage()).isEqualTo(direct.usage());
            assertThat(response.model()).isEqualTo("echo");

            ChatResponse cut = model.chat(ChatRequest.builder().user(QUESTION).maxTokens(5).seed(3L).build());
            assertThat(cut.first().finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(cut.usage().completionTokens()).isEqualTo(5);

            ChatResponse two = model.chat(ChatRequest.builder().user(QUESTION).temperature(1.0).seed(9L).n(2).build());
            assertThat(two.choices()).hasSize(2);
            assertThat(two.choices().get(0).text()).isNotEqualTo(two.choices().get(1).text());
        }
    }

    @Test
    void theOpenAiAdapterCompletesARawPromptThroughTheCompletionsEndpoint() {
        String prompt = "<s><|user|>" + QUESTION + "<|assistant|>";
        try (ChatModel model = client(streaming, "echo")) {
            ChatRequest request = ChatRequest.builder().rawPrompt(prompt).temperature(0.0).maxTokens(448).build();
            ChatResponse response = model.chat(request);
            assertThat(response.text()).isEqualTo(ECHO.chat(request).text()).endsWith(prompt);
            assertThat(response.usage()).isEqualTo(ECHO.chat(request).usage());
        }
        LogLines.await(log, "POST /v1/completions 200");
    }

    @Test
    void streamsChatDeltasThatAddUpToTheSameAnswerThenUsageThenDone() throws Exception {
        String body = """
                {"model": "echo", "stream": true, "stream_options": {"include_usage": true}, "temperature": 0.7,
                 "seed": 11, "max_tokens": 448, "messages": [{"role": "user", "content": %s}]}"""
                .formatted(JSON.writeValueAsString(QUESTION));
        HttpResponse<String> response = post(streaming, "/chat/completions", body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<JsonNode> chunks = EventStream.chunks(response.body());
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        int pieces = 0;
        for (JsonNode chunk : chunks) {
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            String piece = chunk.at("/choices/0/delta/content").asText("");
            text.append(piece);
            pieces += piece.isEmpty() ? 0 : 1;
        }
        ChatResponse direct = ECHO.chat(ChatRequest.builder().user(QUESTION).temperature(0.7).seed(11L).maxTokens(448).build());
        assertThat(text.toString()).isEqualTo(direct.text());
        assertThat(pieces).as("one chunk per word").isEqualTo(direct.text().split("(?<=\\s)").length);
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = chunks.getLast();
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asLong()).isEqualTo(direct.usage().completionTokens());
        assertThat(usage.at("/usage/total_tokens").asLong()).isEqualTo(direct.usage().totalTokens());
    }

    @Test
    void streamsCompletionsToo() throws Exception {
        String body = """
                {"model": "echo", "stream": true, "prompt": "<s><|user|>%s<|assistant|>", "max_tokens": 4, "temperature": 0}"""
                .formatted(QUESTION);
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (JsonNode chunk : EventStream.chunks(post(streaming, "/completions", body).body())) {
            assertThat(chunk.get("object").asText()).isEqualTo("text_completion");
            text.append(chunk.at("/choices/0/text").asText());
            if (!chunk.at("/choices/0/finish_reason").isNull()) {
                finish = chunk.at("/choices/0/finish_reason").asText();
            }
        }
        assertThat(text.toString()).isEqualTo("<think>\nRestating: <s><|user|>There are ");
        assertThat(finish).isEqualTo("length");
    }

    @Test
    void aModelWithoutStreamingOfItsOwnSendsEachChoiceWhole() throws Exception {
        String body = """
                {"model": "whole", "stream": true, "n": 2, "temperature": 1, "seed": 5,
                 "messages": [{"role": "user", "content": "two ways"}]}""";
        List<String> pieces = new ArrayList<>(List.of("", ""));
        int contentChunks = 0;
        for (JsonNode chunk : EventStream.chunks(post(whole, "/chat/completions", body).body())) {
            String piece = chunk.at("/choices/0/delta/content").asText("");
            if (!piece.isEmpty()) {
                contentChunks++;
                int index = chunk.at("/choices/0/index").asInt();
                pieces.set(index, pieces.get(index) + piece);
            }
        }
        ChatResponse direct = ECHO.chat(ChatRequest.builder().user("two ways").n(2).temperature(1.0).seed(5L).build());
        assertThat(contentChunks).isEqualTo(2);
        assertThat(pieces).containsExactly(direct.choices().get(0).text(), direct.choices().get(1).text());
    }

    @Test
    void listsTheModel() throws Exception {
        HttpResponse<String> response = get(streaming, "/models");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.at("/data/0/id").asText()).isEqualTo("echo");
        assertThat(get(streaming, "/models/echo").statusCode()).isEqualTo(200);
        assertError(get(streaming, "/models/gpt-4o"), 404, "model_not_found", "does not exist");
    }

    @Test
    void answersRequestErrorsAsOpenAiDoesWithTheirStatus() throws Exception {
        assertError(post(streaming, "/chat/completions", "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                404, "model_not_found", "does not exist");
        assertError(post(streaming, "/chat/completions", "{\"model\": \"echo\", \"messages\": [{\"role\": \"user\""), 400, null, "not valid JSON");
        assertError(post(streaming, "/chat/completions", "{\"model\": \"echo\"}"), 400, null, "'messages' is required");
        assertError(post(streaming, "/chat/completions", "{\"model\": \"echo\", \"max_tokens\": \"many\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                400, null, "'max_tokens' must be an integer");
        assertError(post(streaming, "/chat/completions", "{\"model\": \"echo\", \"tools\": [], \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                400, null, "'tools' is not supported");
        assertError(post(streaming, "/completions", "{\"model\": \"echo\", \"prompt\": \"hi\", \"logprobs\": 2}"),
                400, null, "log-probabilities are not available");
        assertError(post(streaming, "/embeddings", "{}"), 404, "unknown_url", "unknown path");
        assertError(get(streaming, "/chat/completions"), 405, "method_not_allowed", "use POST");
    }

    @Test
    void aFailingModelIsAnsweredWithTheStatusItsFailureMeans() throws Exception {
        assertError(post(failing, "/chat/completions", ask("bad", false)), 400, null, "cannot continue assistant turns");
        assertError(post(failing, "/chat/completions", ask("busy", false)), 429, null, "too many requests");
        assertError(post(failing, "/chat/completions", ask("bug", false)), 500, null, "the model failed: index out of step");
        assertThat(post(failing, "/chat/completions", ask("fine", false)).statusCode()).isEqualTo(200);

        // once a stream has begun its status is sent: the error comes as the stream's last event
        HttpResponse<String> stream = post(failing, "/chat/completions", ask("busy", true));
        assertThat(stream.statusCode()).isEqualTo(200);
        List<String> events = EventStream.events(stream.body());
        JsonNode error = JSON.readTree(events.getLast()).get("error");
        assertThat(error.get("message").asText()).contains("too many requests");
        assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
    }

    static String ask(String question, boolean stream) {
        return "{\"model\": \"failing\", \"stream\": " + stream + ", \"messages\": [{\"role\": \"user\", \"content\": \""
                + question + "\"}]}";
    }

    static void assertError(HttpResponse<String> response, int status, String code, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("message").asText()).contains(message);
        assertThat(error.get("type").asText()).isNotBlank();
        if (code != null) {
            assertThat(error.get("code").asText()).isEqualTo(code);
        }
    }

    static HttpResponse<String> post(OpenAiServer server, String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(OpenAiServer server, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
