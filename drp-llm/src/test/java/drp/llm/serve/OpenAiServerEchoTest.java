package drp.llm.serve;

import static drp.llm.serve.OpenAiServerTest.ECHO;
import static drp.llm.serve.OpenAiServerTest.assertError;
import static drp.llm.serve.OpenAiServerTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.chat.ScoreRequest;
import drp.core.chat.ScoredToken;
import drp.core.chat.TargetScore;
import drp.llm.openai.OpenAiChatModel;
import drp.llm.openai.OpenAiEndpoint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code echo} on drp's own {@code /v1/completions}, as vLLM answers it: the prompt repeated
 * before what was generated, and with {@code logprobs} every token of it, the beginning-of-text
 * token first with none. The served model here reads one token per character.
 */
class OpenAiServerEchoTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One token per character after {@code <s>}, the i-th with log-probability {@code -(i % 7 + 1) / 10}. */
    static List<ServedModel.EchoedToken> characters(String text) {
        List<ServedModel.EchoedToken> tokens = new ArrayList<>();
        tokens.add(new ServedModel.EchoedToken("<s>", null));
        int i = 1;
        for (int at = 0; at < text.length(); at = text.offsetByCodePoints(at, 1), i++) {
            tokens.add(new ServedModel.EchoedToken(text.substring(at, text.offsetByCodePoints(at, 1)), logprob(i)));
        }
        return tokens;
    }

    static double logprob(int i) {
        return -(i % 7 + 1) / 10.0;
    }

    static OpenAiServer scoring;
    static OpenAiServer plain;

    @BeforeAll
    static void start() throws IOException {
        scoring = OpenAiServer.start(new ServedModel("echo", ECHO, (request, listener) -> ECHO.chat(request),
                OpenAiServerEchoTest::characters), "127.0.0.1", 0, line -> { });
        plain = OpenAiServer.start(new ServedModel("echo", ECHO), "127.0.0.1", 0, line -> { });
    }

    @AfterAll
    static void stop() {
        scoring.close();
        plain.close();
    }

    @Test
    void echoWithLogprobsRepeatsThePromptTokenByTokenAsVllmDoes() throws Exception {
        JsonNode body = JSON.readTree(post(scoring, "/completions",
                "{\"model\": \"echo\", \"prompt\": \"2+2=4\", \"echo\": true, \"logprobs\": 1, \"max_tokens\": 1,"
                        + " \"temperature\": 0}").body());

        JsonNode choice = body.at("/choices/0");
        String generated = choice.get("text").asText().substring("2+2=4".length());
        assertThat(choice.get("text").asText()).startsWith("2+2=4");
        JsonNode logprobs = choice.get("logprobs");
        assertThat(logprobs.get("tokens").get(0).asText()).isEqualTo("<s>");
        assertThat(logprobs.get("tokens").get(1).asText()).isEqualTo("2");
        assertThat(logprobs.get("token_logprobs").get(0).isNull()).isTrue();
        assertThat(logprobs.get("token_logprobs").get(1).asDouble()).isEqualTo(logprob(1));
        assertThat(logprobs.get("text_offset").get(0).asInt()).isZero();
        assertThat(logprobs.get("text_offset").get(1).asInt()).as("after the <s> text").isEqualTo(3);
        assertThat(logprobs.get("top_logprobs").isNull()).isTrue();
        assertThat(logprobs.get("tokens")).hasSize(1 + 5 + generated.length());
        assertThat(body.at("/usage/prompt_tokens").asInt()).isEqualTo(6);
        assertThat(body.at("/usage/completion_tokens").asInt()).isEqualTo(generated.length());
    }

    @Test
    void maxTokensZeroEchoesThePromptAloneAndEchoWithoutLogprobsOnlyRepeatsIt() throws Exception {
        JsonNode alone = JSON.readTree(post(scoring, "/completions",
                "{\"model\": \"echo\", \"prompt\": \"2+2=4\", \"echo\": true, \"logprobs\": 0, \"max_tokens\": 0}").body());
        assertThat(alone.at("/choices/0/text").asText()).isEqualTo("2+2=4");
        assertThat(alone.at("/choices/0/logprobs/tokens")).hasSize(6);
        assertThat(alone.at("/usage/completion_tokens").asInt()).isZero();

        JsonNode repeated = JSON.readTree(post(plain, "/completions",
                "{\"model\": \"echo\", \"prompt\": \"2+2=4\", \"echo\": true, \"max_tokens\": 3}").body());
        assertThat(repeated.at("/choices/0/text").asText()).startsWith("2+2=4");
        assertThat(repeated.at("/choices/0/logprobs").isNull()).isTrue();
    }

    @Test
    void aModelThatCannotScoreRefusesEchoedLogprobs() throws Exception {
        assertError(post(plain, "/completions", "{\"model\": \"echo\", \"prompt\": \"hi\", \"echo\": true, \"logprobs\": 1}"),
                400, null, "cannot report the log-probabilities of a prompt");
        assertError(post(scoring, "/completions", "{\"model\": \"echo\", \"prompt\": \"hi\", \"echo\": true, \"logprobs\": 1,"
                + " \"stream\": true}"), 400, null, "echo is not streamed");
        assertError(post(scoring, "/chat/completions", "{\"model\": \"echo\", \"echo\": true, \"messages\": [{\"role\":"
                + " \"user\", \"content\": \"hi\"}]}"), 400, null, "'echo' is not supported by this server on chat");
        assertError(post(scoring, "/completions", "{\"model\": \"echo\", \"prompt\": \"hi\", \"logprobs\": 1}"),
                400, null, "echo: true with logprobs gives those of the prompt");
    }

    @Test
    void theOpenAiAdapterScoresATargetThroughTheEcho() {
        try (OpenAiChatModel model = new OpenAiChatModel(OpenAiEndpoint.of(scoring.baseUrl().toString(), "echo"))) {
            TargetScore score = model.score(ScoreRequest.afterText("Hello wor", "ld!"));

            // "<s>" is token 0 and the prompt's 9 characters tokens 1..9: the target is tokens 10..12
            assertThat(score.tokens()).containsExactly(new ScoredToken("l", 0, logprob(10)),
                    new ScoredToken("d", 1, logprob(11)), new ScoredToken("!", 2, logprob(12)));
            assertThat(score.usage().promptTokens()).isEqualTo(13);
            assertThat(model.scoreForm(ScoreRequest.afterText("Hello wor", "ld!"))).isEqualTo("echo + logprobs, 3 tokens");
        }
    }
}
