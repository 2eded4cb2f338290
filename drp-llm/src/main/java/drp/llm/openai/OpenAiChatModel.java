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
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A model behind one OpenAI-compatible server (OpenAI, vLLM, SGLang, llama.cpp server, Ollama,
 * DeepSeek...), through the official {@code openai-java} SDK. Messages go to {@code
 * /chat/completions}, raw prompts to {@code /completions}.
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
