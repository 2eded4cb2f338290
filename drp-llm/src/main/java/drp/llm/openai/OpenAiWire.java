package drp.llm.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.openai.core.ObjectMappers;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.completions.Completion;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Prompt;
import java.util.Set;

/**
 * The OpenAI wire format of one call, for those that do not send it themselves: the Batch API
 * writes request bodies into files and reads response bodies back from files. Same mapping as
 * {@link OpenAiChatModel}, through the SDK's own types and JSON mapper.
 */
public final class OpenAiWire {

    /**
     * The body fields drp writes from a {@link ChatRequest}'s own fields (and {@code stream}, which
     * it never sets): an extra parameter of the same name would overwrite or contradict them, so
     * {@link OpenAiRequests} refuses it, and a server that reads a body takes every other field as
     * an extra parameter.
     */
    public static final Set<String> STANDARD_FIELDS = Set.of(
            "model", "messages", "prompt", "temperature", "top_p", "max_tokens",
            "max_completion_tokens", "stop", "seed", "n", "logprobs", "top_logprobs",
            "response_format", "stream");

    private final OpenAiRequests requests;

    public OpenAiWire(OpenAiEndpoint endpoint) {
        this.requests = new OpenAiRequests(endpoint);
    }

    /** The path a request goes to: {@code /v1/chat/completions} or {@code /v1/completions}. */
    public static String path(ChatRequest request) {
        return request.prompt() instanceof Prompt.Messages ? "/v1/chat/completions" : "/v1/completions";
    }

    /**
     * The request body as JSON.
     *
     * @throws IllegalArgumentException when an extra parameter would shadow a standard field
     */
    public String body(ChatRequest request) {
        Object body = switch (request.prompt()) {
            case Prompt.Messages m -> requests.chat(request, m)._body();
            case Prompt.Text t -> requests.completion(request, t)._body();
        };
        try {
            return ObjectMappers.jsonMapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the SDK cannot write its own request body", e);
        }
    }

    /**
     * A response body (JSON) for a request sent to {@code path}.
     *
     * @throws IllegalArgumentException when the body is not a valid response
     */
    public static ChatResponse response(String path, String json) {
        try {
            return path.endsWith("/chat/completions")
                    ? OpenAiResponses.chat(ObjectMappers.jsonMapper().readValue(json, ChatCompletion.class))
                    : OpenAiResponses.completion(ObjectMappers.jsonMapper().readValue(json, Completion.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a response body: " + e.getOriginalMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid response: " + e.getMessage(), e);
        }
    }
}
