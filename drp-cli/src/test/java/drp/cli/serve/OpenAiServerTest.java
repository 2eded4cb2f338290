package drp.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.FinishReason;
import drp.llm.endpoint.ChatModelStack;
import drp.llm.endpoint.InlineEndpoint;
import drp.tiny.Reply;
import drp.tiny.TinyStudent;
import drp.tiny.base.BaseStudentRecipe;
import drp.tiny.chat.TinyChatModel;
import drp.tiny.sample.SamplingOptions;
import drp.tiny.world.Trace;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
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
 * The shipped base student behind {@link OpenAiServer} on loopback, talked to by drp-llm's real
 * OpenAI adapter (the official SDK over HTTP) and by a raw HTTP client for streaming and errors.
 */
class OpenAiServerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static OpenAiServer server;
    static TinyStudent base;
    static List<String> log = new ArrayList<>();
    static HttpClient http = HttpClient.newHttpClient();
    static WordProblem problem;

    @BeforeAll
    static void start() throws IOException {
        base = TinyStudent.loadBase();
        server = OpenAiServer.start(new ServedModel("tiny", new TinyChatModel(base, new drp.core.chat.ModelId("tiny:base", "base"))),
                "127.0.0.1", 0, line -> {
                    synchronized (log) {
                        log.add(line);
                    }
                });
        problem = new World(BaseStudentRecipe.defaults().world()).test(1, 1).getFirst();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ChatModel client() {
        return ChatModelStack.of(InlineEndpoint.parse("openai:" + server.baseUrl() + "#tiny", null))
                .environment(name -> null).build();
    }

    @Test
    void theOpenAiAdapterGetsTheStudentsRealAnswerUsageAndFinishReason() {
        try (ChatModel model = client()) {
            ChatResponse response = model.chat(ChatRequest.builder().user(problem.question()).temperature(0.0)
                    .maxTokens(448).build());
            Reply direct = base.answer(List.of(problem.question()), SamplingOptions.greedy(448)).getFirst();

            assertThat(response.text()).isEqualTo(direct.text()).contains("</think>").contains("The answer is");
            assertThat(response.first().reasoning()).isNotBlank();
            assertThat(response.first().answer()).startsWith("The answer is");
            assertThat(Trace.parseAnswer(response.text())).isPresent();
            assertThat(response.first().finishReason()).isEqualTo(FinishReason.STOP);
            assertThat(response.usage().completionTokens()).isEqualTo(direct.outputTokens());
            assertThat(response.usage().promptTokens()).isEqualTo(base.chat().prompt(problem.question()).length);
            assertThat(response.model()).isEqualTo("tiny");

            ChatResponse cut = model.chat(ChatRequest.builder().user(problem.question()).maxTokens(5).seed(3L).build());
            assertThat(cut.first().finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(cut.usage().completionTokens()).isEqualTo(5);

            ChatResponse two = model.chat(ChatRequest.builder().user(problem.question()).temperature(1.0).seed(9L).n(2)
                    .maxTokens(448).build());
            assertThat(two.choices()).hasSize(2);
            assertThat(two.choices().get(0).text()).isNotEqualTo(two.choices().get(1).text());
        }
    }

    @Test
    void theOpenAiAdapterCompletesARawPromptThroughTheCompletionsEndpoint() {
        String prompt = "<s><|user|>" + problem.question() + "<|assistant|><think>\n";
        try (ChatModel model = client()) {
            ChatResponse response = model.chat(ChatRequest.builder().rawPrompt(prompt).temperature(0.0).maxTokens(448).build());
            assertThat(response.text()).contains("</think>").contains("The answer is");
            assertThat(response.usage().promptTokens()).isEqualTo(base.tokenizer().encode(prompt).length);
        }
        assertThat(log).anyMatch(line -> line.startsWith("POST /v1/completions 200"));
    }

    @Test
    void streamsChatDeltasThatAddUpToTheSameAnswerThenUsageThenDone() throws Exception {
        String body = """
                {"model": "tiny", "stream": true, "stream_options": {"include_usage": true}, "temperature": 0.7,
                 "seed": 11, "max_tokens": 448, "messages": [{"role": "user", "content": %s}]}"""
                .formatted(JSON.writeValueAsString(problem.question()));
        HttpResponse<String> response = post("/chat/completions", body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> events = events(response.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        for (String e : events.subList(0, events.size() - 1)) {
            chunks.add(JSON.readTree(e));
        }
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            text.append(chunk.at("/choices/0/delta/content").asText(""));
        }
        assertThat(chunks.size()).as("one chunk per token or so").isGreaterThan(20);
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = chunks.getLast();
        assertThat(usage.get("choices")).isEmpty();

        Reply direct = base.answer(List.of(problem.question()), new SamplingOptions(0.7f, 1f, 448, 11)).getFirst();
        assertThat(text.toString()).isEqualTo(direct.text());
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(direct.outputTokens());
        assertThat(usage.at("/usage/total_tokens").asInt())
                .isEqualTo(direct.outputTokens() + usage.at("/usage/prompt_tokens").asInt());
    }

    @Test
    void streamsCompletionsToo() throws Exception {
        String body = """
                {"model": "tiny", "stream": true, "prompt": "<s><|user|>%s<|assistant|>", "max_tokens": 12, "temperature": 0}"""
                .formatted(problem.question());
        HttpResponse<String> response = post("/completions", body);
        List<String> events = events(response.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (String e : events.subList(0, events.size() - 1)) {
            JsonNode chunk = JSON.readTree(e);
            assertThat(chunk.get("object").asText()).isEqualTo("text_completion");
            text.append(chunk.at("/choices/0/text").asText());
            if (!chunk.at("/choices/0/finish_reason").isNull()) {
                finish = chunk.at("/choices/0/finish_reason").asText();
            }
        }
        assertThat(text.toString()).startsWith("<think>");
        assertThat(finish).isEqualTo("length");
    }

    @Test
    void listsTheModel() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.at("/data/0/id").asText()).isEqualTo("tiny");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models/tiny")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void answersErrorsAsOpenAiDoesWithTheirStatus() throws Exception {
        assertError(post("/chat/completions", "{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                404, "model_not_found", "does not exist");
        assertError(post("/chat/completions", "{\"model\": \"tiny\", \"messages\": [{\"role\": \"user\""), 400, null, "not valid JSON");
        assertError(post("/chat/completions", "{\"model\": \"tiny\"}"), 400, null, "'messages' is required");
        assertError(post("/chat/completions", "{\"model\": \"tiny\", \"max_tokens\": \"many\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                400, null, "'max_tokens' must be an integer");
        assertError(post("/chat/completions", """
                {"model": "tiny", "messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
                 {"role": "user", "content": "c"}]}"""), 400, null, "assistant turns");
        assertError(post("/chat/completions", "{\"model\": \"tiny\", \"tools\": [], \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}"),
                400, null, "'tools' is not supported");
        assertError(post("/embeddings", "{}"), 404, "unknown_url", "unknown path");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertError(get, 405, "method_not_allowed", "use POST");
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

    static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The data of each server-sent event, in order. */
    static List<String> events(String stream) {
        List<String> data = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            if (!block.isBlank()) {
                assertThat(block).startsWith("data: ");
                data.add(block.substring("data: ".length()));
            }
        }
        return data;
    }
}
