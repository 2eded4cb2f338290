package drp.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.chat.ChatModel;
import drp.core.chat.NonRetriableChatException;
import drp.core.chat.RetriableChatException;
import drp.core.chat.ScoreRequest;
import drp.core.chat.ScoredToken;
import drp.core.chat.TargetScore;
import drp.core.chat.Usage;
import drp.llm.chat.RetryPolicy;
import drp.llm.chat.RetryStats;
import drp.llm.chat.RetryingChatModel;
import drp.llm.testing.FakeTime;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scoring against a scripted server that answers as vLLM's {@code /v1/completions} does with
 * {@code echo} and {@code logprobs}: decoded token texts starting with the beginning-of-sentence
 * token, {@code null} first, {@code text_offset} counted over the token texts, one generated token
 * after the prompt, and {@code prompt_logprobs} beside; then the ways such a server misbehaves.
 */
class OpenAiScoringTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOS = "<｜begin▁of▁sentence｜>";
    private static final String PROMPT = "Q: 2+2?\nThe answer i";
    /** Begins inside the prompt's last word, so " is" straddles the seam; the emoji is two UTF-16 chars. */
    private static final String TARGET = "s 4 🙂.";
    /** The prompt's tokens as vLLM decodes them: BOS, then the text; one generated token follows. */
    private static final List<Object[]> TOKENS = List.of(
            new Object[] {BOS, null}, new Object[] {"Q", -7.25}, new Object[] {":", -2.5}, new Object[] {" ", -3.0},
            new Object[] {"2", -1.5}, new Object[] {"+", -0.75}, new Object[] {"2", -0.125}, new Object[] {"?", -0.5},
            new Object[] {"\n", -0.25}, new Object[] {"The", -2.0}, new Object[] {" answer", -1.0},
            new Object[] {" is", -0.0625}, new Object[] {" ", -4.5}, new Object[] {"4", -0.015625},
            new Object[] {" 🙂", -9.0}, new Object[] {".", -0.5});
    private static final Object[] GENERATED = {"\n\n", -0.3};

    private record Answer(int status, String body) {}

    private HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final FakeTime time = new FakeTime();
    private OpenAiChatModel transport;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                bodies.add(JSON.readTree(exchange.getRequestBody()));
                Answer answer;
                synchronized (script) {
                    answer = script.isEmpty() ? new Answer(200, vllm(true, true)) : script.poll();
                }
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                if (answer.status() == 429) {
                    exchange.getResponseHeaders().set("Retry-After", "2");
                }
                exchange.sendResponseHeaders(answer.status(), bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        transport = new OpenAiChatModel(OpenAiEndpoint.of("http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                "deepseek-r1-distill-qwen-1.5b"));
    }

    @AfterEach
    void stop() {
        transport.close();
        server.stop(0);
    }

    private ChatModel retrying() {
        return new RetryingChatModel(transport,
                new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5), 2, 0, Duration.ofSeconds(30)), time,
                new SplittableRandom(1), new RetryStats());
    }

    private static ScoreRequest request() {
        return ScoreRequest.afterText(PROMPT, TARGET);
    }

    /**
     * A vLLM answer: {@code echo} gives the legacy logprobs over prompt and generated token (top
     * logprobs holding the token itself and the best other), and vLLM fills {@code
     * prompt_logprobs} whenever echo asks for logprobs.
     */
    private static String vllm(boolean legacy, boolean promptLogprobs) {
        ObjectNode body = JSON.createObjectNode().put("id", "cmpl-8c1f").put("object", "text_completion")
                .put("created", 1733100000).put("model", "deepseek-r1-distill-qwen-1.5b");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0)
                .put("text", PROMPT + TARGET + GENERATED[0]);
        List<Object[]> all = new ArrayList<>(TOKENS);
        all.add(GENERATED);
        if (legacy) {
            ObjectNode logprobs = choice.putObject("logprobs");
            ArrayNode offsets = logprobs.putArray("text_offset");
            ArrayNode values = logprobs.putArray("token_logprobs");
            ArrayNode tokens = logprobs.putArray("tokens");
            ArrayNode tops = logprobs.putArray("top_logprobs");
            int offset = 0;
            for (Object[] t : all) {
                String text = (String) t[0];
                offsets.add(offset);
                offset += text.codePointCount(0, text.length());
                tokens.add(text);
                if (t[1] == null) {
                    values.addNull();
                    tops.addNull();
                } else {
                    values.add((Double) t[1]);
                    tops.addObject().put(text, (Double) t[1]).put(" the", -0.01);
                }
            }
        } else {
            choice.putNull("logprobs");
        }
        choice.put("finish_reason", "length").putNull("stop_reason");
        if (promptLogprobs) {
            ArrayNode prompt = choice.putArray("prompt_logprobs");
            int id = 100;
            for (Object[] t : TOKENS) {
                if (t[1] == null) {
                    prompt.addNull();
                    continue;
                }
                ObjectNode entry = prompt.addObject();
                double logprob = (Double) t[1];
                // the prompt's own token, ranked below the top one unless it is the top one
                entry.putObject(String.valueOf(id++)).put("logprob", logprob).put("rank", logprob > -0.1 ? 1 : 7)
                        .put("decoded_token", (String) t[0]);
                if (logprob <= -0.1) {
                    entry.putObject(String.valueOf(id++)).put("logprob", -0.05).put("rank", 1).put("decoded_token", " the");
                }
            }
        } else {
            choice.putNull("prompt_logprobs");
        }
        body.putObject("usage").put("prompt_tokens", TOKENS.size()).put("completion_tokens", 1)
                .put("total_tokens", TOKENS.size() + 1);
        return body.toString();
    }

    private static void assertTargetTokens(TargetScore score) {
        assertThat(score.tokens()).containsExactly(
                new ScoredToken(" is", 0, -0.0625),
                new ScoredToken(" ", 1, -4.5),
                new ScoredToken("4", 2, -0.015625),
                new ScoredToken(" 🙂", 3, -9.0),
                new ScoredToken(".", 6, -0.5));
    }

    @Test
    void theEchoedPromptIsReadFromTheSeamOnWithTheStraddlingTokenAtOffsetZero() {
        TargetScore score = transport.score(request());

        assertTargetTokens(score);
        assertThat(score.model()).isEqualTo("deepseek-r1-distill-qwen-1.5b");
        assertThat(score.usage()).isEqualTo(new Usage(TOKENS.size(), 1));
        JsonNode sent = bodies.getFirst();
        assertThat(sent.path("prompt").asText()).isEqualTo(PROMPT + TARGET);
        assertThat(sent.path("model").asText()).isEqualTo("deepseek-r1-distill-qwen-1.5b");
        assertThat(sent.path("echo").asBoolean()).isTrue();
        assertThat(sent.path("logprobs").asInt()).isEqualTo(1);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(1);
        assertThat(sent.path("temperature").asDouble()).isZero();
        assertThat(transport.scoreForm(request())).isEqualTo("echo + logprobs, 5 tokens");
    }

    @Test
    void withoutTheLegacyLogprobsVllmsPromptLogprobsAreRead() {
        script.add(new Answer(200, vllm(false, true)));
        script.add(new Answer(200, vllm(false, true)));

        assertTargetTokens(transport.score(request()));
        assertThat(transport.scoreForm(request())).isEqualTo("prompt_logprobs, 5 tokens");
    }

    @Test
    void aRateLimitIsWaitedOutAndRetried() {
        script.add(new Answer(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}"));

        assertTargetTokens(retrying().score(request()));
        assertThat(bodies).hasSize(2);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aGarbageBodyIsMalformedAndRetried() {
        script.add(new Answer(200, "<html>502 Bad Gateway</html>"));
        assertThatThrownBy(() -> transport.score(request())).isInstanceOfSatisfying(RetriableChatException.class,
                e -> assertThat(e.failure()).isEqualTo(ChatFailure.MALFORMED_RESPONSE));

        script.add(new Answer(200, "<html>502 Bad Gateway</html>"));
        assertTargetTokens(retrying().score(request()));
        assertThat(bodies).hasSize(3);
    }

    /** An echo of the given prompt tokens and one generated token, as a body. */
    private static String echoOf(List<String> tokens, List<Double> logprobs) {
        ObjectNode body = JSON.createObjectNode().put("id", "c").put("object", "text_completion").put("created", 1)
                .put("model", "m");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("text", PROMPT + TARGET + "\n");
        ObjectNode lp = choice.putObject("logprobs");
        tokens.forEach(lp.putArray("tokens")::add);
        ArrayNode values = lp.putArray("token_logprobs");
        logprobs.forEach(v -> {
            if (v == null) {
                values.addNull();
            } else {
                values.add(v);
            }
        });
        choice.put("finish_reason", "length");
        body.putObject("usage").put("prompt_tokens", tokens.size() - 1).put("completion_tokens", 1);
        return body.toString();
    }

    /** An echo of {@code text}'s tokens (BOS first, null) and one generated token, its usage counting the prompt's. */
    private static String echo(String text, List<String> tokens, List<Double> logprobs) {
        ObjectNode body = JSON.createObjectNode().put("id", "c").put("object", "text_completion").put("created", 1)
                .put("model", "m");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("text", text + "\n");
        ObjectNode lp = choice.putObject("logprobs");
        ArrayNode t = lp.putArray("tokens");
        tokens.forEach(t::add);
        t.add("\n");
        ArrayNode values = lp.putArray("token_logprobs").addNull();
        logprobs.forEach(values::add);
        values.add(-0.1);
        choice.put("finish_reason", "length");
        body.putObject("usage").put("prompt_tokens", tokens.size()).put("completion_tokens", 1);
        return body.toString();
    }

    @Test
    void whenTheEchoedTextsCannotSpellTheTargetThePromptAloneSaysWhereItBegins() {
        // a byte-level tokenizer splits the emoji in two tokens that each decode to U+FFFD: counting
        // characters back from the end would land inside the prompt
        String prompt = "Q: 2+2?\nThe answer is";
        String target = " 4 \uD83D\uDE42.";
        script.add(new Answer(200, echo(prompt + target, List.of(BOS, prompt, " ", "4", " \uFFFD", "\uFFFD", "."),
                List.of(-7.0, -4.5, -0.015625, -9.0, -1.0, -0.5))));
        script.add(new Answer(200, echo(prompt, List.of(BOS, prompt), List.of(-7.0))));

        TargetScore score = transport.score(ScoreRequest.afterText(prompt, target));

        assertThat(score.tokens()).extracting(ScoredToken::text).containsExactly(" ", "4", " \uFFFD", "\uFFFD", ".");
        assertThat(score.totalNll()).isEqualTo(4.5 + 0.015625 + 9.0 + 1.0 + 0.5);
        assertThat(bodies).hasSize(2);
        assertThat(bodies.get(1).path("prompt").asText()).isEqualTo(prompt);
        assertThat(bodies.get(1).path("echo").asBoolean()).isTrue();
    }

    @Test
    void anEchoThatDoesNotSpellTheTargetIsMalformed() {
        // the texts do not spell the target, and the prompt alone is more tokens than the whole echo
        script.add(new Answer(200, echoOf(List.of("s", ".", "\n"), Arrays.asList(-1.0, -0.5, -0.1))));
        assertThatThrownBy(() -> transport.score(request())).isInstanceOfSatisfying(RetriableChatException.class,
                e -> assertThat(e.failure()).isEqualTo(ChatFailure.MALFORMED_RESPONSE))
                .hasMessageContaining("the prompt alone is 16 tokens, but prompt and target echo only 2");

        // the target reaches back to the first token, which nothing predicts
        script.add(new Answer(200, echoOf(List.of(PROMPT + "s 4 \uD83D\uDE42", ".", "\n"), Arrays.asList(null, -0.5, -0.1))));
        assertThatThrownBy(() -> transport.score(request())).isInstanceOfSatisfying(RetriableChatException.class,
                e -> assertThat(e.failure()).isEqualTo(ChatFailure.MALFORMED_RESPONSE))
                .hasMessageContaining("has no logprob");
    }

    @Test
    void aServerThatIgnoresEchoCannotScore() {
        // what a server without echo support answers: the generated token alone, with its logprob
        script.add(new Answer(200, """
                {"id":"cmpl-1","object":"text_completion","created":1,"model":"m","choices":[{"index":0,
                "text":"\\n\\n","logprobs":{"tokens":["\\n\\n"],"token_logprobs":[-0.3],"text_offset":[0],
                "top_logprobs":[{"\\n\\n":-0.3}]},"finish_reason":"length"}],
                "usage":{"prompt_tokens":16,"completion_tokens":1,"total_tokens":17}}"""));
        assertThatThrownBy(() -> retrying().score(request())).isInstanceOfSatisfying(NonRetriableChatException.class,
                e -> assertThat(e.failure()).isEqualTo(ChatFailure.UNSUPPORTED))
                .hasMessageContaining("ignores echo with logprobs");

        script.add(new Answer(200, """
                {"id":"cmpl-2","object":"text_completion","created":1,"model":"m","choices":[{"index":0,
                "text":"\\n\\n","logprobs":null,"finish_reason":"length"}]}"""));
        assertThatThrownBy(() -> transport.score(request())).isInstanceOfSatisfying(NonRetriableChatException.class,
                e -> assertThat(e.failure()).isEqualTo(ChatFailure.UNSUPPORTED))
                .hasMessageContaining("no log-probabilities of the prompt");
        assertThat(bodies).hasSize(2);
    }

    @Test
    void aConversationIsRefusedWithoutARequest() {
        assertThatThrownBy(() -> transport.score(ScoreRequest.reply("What is 2+2?", "4")))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.failure()).isEqualTo(ChatFailure.UNSUPPORTED))
                .hasMessageContaining("student's chat template").hasMessageContaining("R1-Distill");
        assertThat(bodies).isEmpty();
    }
}
