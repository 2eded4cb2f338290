package drp.llm.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.LogLevel;
import com.openai.core.Timeout;
import com.openai.errors.OpenAIException;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.core.chat.Prompt;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A model behind one OpenAI-compatible server (OpenAI, vLLM, SGLang, llama.cpp server, Ollama,
 * DeepSeek...), through the official {@code openai-java} SDK. Messages go to {@code
 * /chat/completions}, raw prompts to {@code /completions}. Scoring ({@link #score}) echoes a raw
 * prompt with its log-probabilities on {@code /completions}, as vLLM offers it ({@link
 * OpenAiScoring}).
 *
 * <p>The SDK's own retries are off (zero retries, no silent reconnects): {@code RetryingChatModel}
 * is the one place that retries, so attempts are counted and bounded once.
 */
public final class OpenAiChatModel implements ChatModel {

    private final OpenAiEndpoint endpoint;
    private final ModelId id;
    private final OpenAIClient client;
    private final OpenAiRequests requests;
    private final OpenAiErrors errors;

    public OpenAiChatModel(OpenAiEndpoint endpoint) {
        this.endpoint = endpoint;
        this.id = new ModelId("openai:" + endpoint.location(), endpoint.model());
        this.client = client(endpoint);
        this.requests = new OpenAiRequests(endpoint);
        this.errors = new OpenAiErrors(id, endpoint.apiKey());
    }

    /** An SDK client for {@code endpoint} with retries off; shared with the batch adapter. */
    public static OpenAIClient client(OpenAiEndpoint endpoint) {
        OpenAIOkHttpClient.Builder b = OpenAIOkHttpClient.builder()
                .baseUrl(endpoint.location())
                .maxRetries(0)
                .timeout(Timeout.builder()
                        .connect(endpoint.connectTimeout())
                        .read(endpoint.timeout())
                        .write(endpoint.timeout())
                        .request(endpoint.timeout())
                        .build())
                // the SDK would follow OPENAI_LOG; at debug it logs bodies, where servers echo keys
                .logLevel(LogLevel.OFF)
                .maxIdleConnections(endpoint.maxConnections())
                .keepAliveDuration(Duration.ofMinutes(5));
        endpoint.key().ifPresentOrElse(
                key -> b.apiKey(key.reveal()),
                // a local server started without --api-key needs no header; the SDK insists on a
                // credential, so it gets a placeholder whose header is then removed
                () -> b.apiKey("no-key").removeHeaders("Authorization"));
        return b.build();
    }

    @Override
    public ModelId id() {
        return id;
    }

    public OpenAiEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        try {
            return switch (request.prompt()) {
                case Prompt.Messages m -> {
                    var params = build(() -> requests.chat(request, m));
                    yield convert(() -> OpenAiResponses.chat(client.chat().completions().create(params)));
                }
                case Prompt.Text t -> {
                    var params = build(() -> requests.completion(request, t));
                    yield convert(() -> OpenAiResponses.completion(client.completions().create(params)));
                }
            };
        } catch (OpenAIException e) {
            throw errors.map(e);
        }
    }

    /**
     * Scores a raw prompt's target by echoing prompt and target with their log-probabilities (see
     * {@link OpenAiScoring}). A conversation is refused: the server would render it with its own
     * chat template, which may differ from the one the student is trained with, and R1-Distill's
     * drops the reasoning from assistant turns; render it client-side with the student's template
     * and score the text.
     */
    @Override
    public TargetScore score(ScoreRequest request) {
        return scored(request).score();
    }

    /** {@link #score}, with the form the server gave the log-probabilities in ({@code drp models check}). */
    public String scoreForm(ScoreRequest request) {
        OpenAiScoring.Scored scored = scored(request);
        return switch (scored.form()) {
            case ECHO -> "echo + logprobs, " + scored.score().tokenCount() + " tokens";
            case PROMPT_LOGPROBS -> "prompt_logprobs, " + scored.score().tokenCount() + " tokens";
        };
    }

    private OpenAiScoring.Scored scored(ScoreRequest request) {
        if (!(request.prompt() instanceof Prompt.Text text)) {
            throw ChatModel.unsupportedScoring(id, "a conversation is scored only after its chat template is applied, "
                    + "and the server's own template may not be the student's (R1-Distill's drops the reasoning from "
                    + "assistant turns); render the prompt client-side with the student's chat template and score it as "
                    + "a raw prompt");
        }
        try {
            var params = OpenAiScoring.request(endpoint.model(), text.text(), request.target());
            var completion = client.completions().create(params);
            try {
                // asked only when the echoed texts cannot locate the seam: the prompt alone, echoed
                return OpenAiScoring.read(completion, text.text(), request.target(), () -> OpenAiScoring.promptTokens(
                        client.completions().create(OpenAiScoring.request(endpoint.model(), text.text(), "")), text.text()));
            } catch (OpenAiScoring.Unsupported e) {
                throw ChatModel.unsupportedScoring(id, e.getMessage());
            } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
                throw errors.malformed(e);
            }
        } catch (OpenAIException e) {
            throw errors.map(e);
        }
    }

    /**
     * The request's parameters, built before anything is sent: a request this adapter cannot send
     * (an extra parameter shadowing a standard field) is the caller's mistake, never worth a retry,
     * and must not pass for a malformed response as it would inside {@link #convert}.
     */
    private <P> P build(Supplier<P> params) {
        try {
            return params.get();
        } catch (IllegalArgumentException e) {
            throw errors.unsendable(e);
        }
    }

    private interface Call {
        ChatResponse run();
    }

    /** A response that breaks drp's invariants (no choices, gaps in indices) is malformed, not a bug here. */
    private ChatResponse convert(Call call) {
        try {
            return call.run();
        } catch (OpenAIException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException | ArithmeticException e) {
            throw errors.malformed(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[" + id + "]";
    }
}
