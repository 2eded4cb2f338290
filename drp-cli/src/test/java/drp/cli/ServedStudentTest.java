package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.FinishReason;
import drp.core.chat.ScoreRequest;
import drp.core.chat.ScoredToken;
import drp.core.chat.TargetScore;
import drp.llm.endpoint.ChatModelStack;
import drp.llm.endpoint.InlineEndpoint;
import drp.llm.serve.OpenAiServer;
import drp.llm.testing.EventStream;
import drp.llm.testing.LogLines;
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
 * The shipped base student behind drp-llm's {@link OpenAiServer} on loopback, served as {@code drp
 * serve} serves it ({@link ServeCommand#served}: token by token), talked to by drp-llm's real OpenAI
 * adapter (the official SDK over HTTP) and by a raw HTTP client for streaming. The server's own
 * protocol (listing, errors, any model) is tested in drp-llm; this is what needs the student.
 */
class ServedStudentTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static OpenAiServer server;
    static TinyStudent base;
    static List<String> log = new ArrayList<>();
    static HttpClient http = HttpClient.newHttpClient();
    static WordProblem problem;

    @BeforeAll
    static void start() throws IOException {
        base = TinyStudent.loadBase();
        server = OpenAiServer.start(ServeCommand.served("tiny", new TinyChatModel(base, new drp.core.chat.ModelId("tiny:base", "base"))),
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
        LogLines.await(log, "POST /v1/completions 200");
    }

    @Test
    void scoringThroughTheServersEchoGivesTheStudentsOwnLogprobs() {
        TinyChatModel tiny = new TinyChatModel(base, new drp.core.chat.ModelId("tiny:base", "base"));
        String prompt = "<s><|user|>" + problem.question() + "<|assistant|>";
        String target = tiny.chat(ChatRequest.builder().rawPrompt(prompt).temperature(0.0).maxTokens(448).build()).text();
        ScoreRequest request = ScoreRequest.afterText(prompt, target);
        TargetScore direct = tiny.score(request);
        try (ChatModel model = client()) {
            TargetScore served = model.score(request);

            assertThat(served.tokenCount()).isEqualTo(direct.tokenCount()).isGreaterThan(20);
            for (int i = 0; i < direct.tokenCount(); i++) {
                ScoredToken d = direct.tokens().get(i);
                ScoredToken s = served.tokens().get(i);
                assertThat(s.text()).as("token %d", i).isEqualTo(d.text());
                assertThat(s.offset()).as("token %d", i).isEqualTo(d.offset());
                // floats printed as JSON doubles and read back
                assertThat(s.logprob()).as("token %d", i).isCloseTo(d.logprob(), within(1e-6));
            }
            assertThat(ModelsCommand.Check.scoring(model)).matches("yes \\(echo \\+ logprobs, \\d+ tokens\\)");
        }
        assertThat(ModelsCommand.Check.scoring(tiny)).isEqualTo("yes (in process, 2 tokens)");
        LogLines.await(log, "POST /v1/completions 200 echoed");
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
        List<JsonNode> chunks = EventStream.chunks(response.body());
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
        StringBuilder text = new StringBuilder();
        String finish = null;
        for (JsonNode chunk : EventStream.chunks(post("/completions", body).body())) {
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
    void theStudentsOwnRefusalIsABadRequest() throws Exception {
        // the student cannot continue a conversation with assistant turns; drp-llm maps its refusal
        HttpResponse<String> response = post("/chat/completions", """
                {"model": "tiny", "messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"},
                 {"role": "user", "content": "c"}]}""");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/message").asText()).contains("assistant turns");
    }

    static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
