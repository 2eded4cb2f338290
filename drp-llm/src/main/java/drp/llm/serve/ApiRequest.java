package drp.llm.serve;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.chat.ChatMessage;
import drp.core.chat.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code /v1/chat/completions} or {@code /v1/completions} body read into a {@link ChatRequest},
 * with what the server needs besides: the model asked for and how to stream.
 *
 * @param model        the model name asked for
 * @param request      the call
 * @param stream       whether to answer as server-sent events
 * @param includeUsage whether the stream ends with a usage chunk ({@code stream_options.include_usage})
 * @param echo         what {@code echo: true} asks of a completion; null when it is not set
 */
record ApiRequest(String model, ChatRequest request, boolean stream, boolean includeUsage, Echo echo) {

    /**
     * A completion that repeats its prompt before the generated text, as vLLM's does.
     *
     * @param logprobs whether each token comes with its log-probability ({@code logprobs} set), the
     *     prompt's first token with none
     * @param generate false for {@code max_tokens: 0}: the prompt alone, nothing generated
     */
    record Echo(boolean logprobs, boolean generate) {}

    /** Fields of the OpenAI schema the server cannot honour: refused rather than silently ignored. */
    private static final Set<String> REFUSED = Set.of("tools", "tool_choice", "functions", "function_call", "suffix",
            "best_of", "logit_bias");

    /** OpenAI's default {@code max_tokens} of the completions endpoint. */
    static final int COMPLETIONS_DEFAULT_MAX_TOKENS = 16;

    static ApiRequest chat(JsonNode body) {
        JsonNode messages = require(body, "messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.invalid("'messages' must be a non-empty array", "messages");
        }
        ChatRequest.Builder builder = ChatRequest.builder();
        for (int i = 0; i < messages.size(); i++) {
            builder.message(message(messages.get(i), "messages[" + i + "]"));
        }
        Integer maxTokens = integer(body, "max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = integer(body, "max_tokens");
        }
        if (body.path("logprobs").asBoolean(false)) {
            throw ApiError.invalid("log-probabilities are not available from this server", "logprobs");
        }
        if (body.path("echo").asBoolean(false)) {
            // vLLM's chat echo repeats the last message; only the completions echo is served here
            throw ApiError.invalid("'echo' is not supported by this server on chat completions (use /v1/completions)",
                    "echo");
        }
        JsonNode format = body.path("response_format");
        if (!format.isMissingNode() && !format.isNull() && !"text".equals(format.path("type").asText())) {
            throw ApiError.invalid("only response_format {\"type\": \"text\"} is available from this server",
                    "response_format");
        }
        return common(body, builder, maxTokens, null);
    }

    static ApiRequest completion(JsonNode body) {
        JsonNode prompt = require(body, "prompt");
        String text;
        if (prompt.isTextual()) {
            text = prompt.asText();
        } else if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
            text = prompt.get(0).asText();
        } else {
            throw ApiError.invalid("'prompt' must be a string (or an array of one string)", "prompt");
        }
        boolean echo = body.path("echo").asBoolean(false);
        Integer logprobs = integer(body, "logprobs");
        if (logprobs != null && !echo) {
            throw ApiError.invalid("log-probabilities are not available from this server for generated tokens (echo: "
                    + "true with logprobs gives those of the prompt)", "logprobs");
        }
        if (logprobs != null && logprobs < 0) {
            throw ApiError.invalid("'logprobs' must be >= 0", "logprobs");
        }
        Integer maxTokens = integer(body, "max_tokens");
        // vLLM takes max_tokens 0 with echo as the prompt alone; the call itself needs one
        boolean generate = !(echo && maxTokens != null && maxTokens == 0);
        ApiRequest request = common(body, ChatRequest.builder().rawPrompt(text),
                maxTokens == null ? COMPLETIONS_DEFAULT_MAX_TOKENS : generate ? maxTokens : 1,
                echo ? new Echo(logprobs != null, generate) : null);
        if (echo && request.stream()) {
            throw ApiError.invalid("echo is not streamed by this server", "echo");
        }
        return request;
    }

    private static ApiRequest common(JsonNode body, ChatRequest.Builder builder, Integer maxTokens, Echo echo) {
        for (String field : REFUSED) {
            if (body.has(field) && !body.get(field).isNull()) {
                throw ApiError.invalid("'" + field + "' is not supported by this server", field);
            }
        }
        JsonNode model = require(body, "model");
        if (!model.isTextual() || model.asText().isBlank()) {
            throw ApiError.invalid("'model' must be a model name", "model");
        }
        builder.temperature(number(body, "temperature")).topP(number(body, "top_p")).maxTokens(maxTokens)
                .stop(stops(body)).seed(longValue(body, "seed"));
        Integer n = integer(body, "n");
        builder.n(n == null ? 1 : n);
        boolean stream = body.path("stream").asBoolean(false);
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        try {
            return new ApiRequest(model.asText(), builder.build(), stream, includeUsage, echo);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ApiError.invalid(e.getMessage(), null);
        }
    }

    private static ChatMessage message(JsonNode node, String where) {
        if (!node.isObject()) {
            throw ApiError.invalid(where + " must be an object with 'role' and 'content'", "messages");
        }
        String role = node.path("role").asText("");
        ChatMessage.Role parsed = switch (role.toLowerCase(Locale.ROOT)) {
            case "system", "developer" -> ChatMessage.Role.SYSTEM;
            case "user" -> ChatMessage.Role.USER;
            case "assistant" -> ChatMessage.Role.ASSISTANT;
            default -> throw ApiError.invalid(where + ".role '" + role + "' is not one of system, user, assistant",
                    "messages");
        };
        JsonNode content = node.path("content");
        String text;
        if (content.isTextual()) {
            text = content.asText();
        } else if (content.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText())) {
                    throw ApiError.invalid(where + ".content: only text parts are supported, got '"
                            + part.path("type").asText() + "'", "messages");
                }
                joined.append(part.path("text").asText());
            }
            text = joined.toString();
        } else {
            throw ApiError.invalid(where + ".content must be a string or an array of text parts", "messages");
        }
        return new ChatMessage(parsed, text);
    }

    private static List<String> stops(JsonNode body) {
        JsonNode stop = body.path("stop");
        if (stop.isMissingNode() || stop.isNull()) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        if (stop.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : stop) {
                if (!s.isTextual()) {
                    throw ApiError.invalid("'stop' must be a string or an array of strings", "stop");
                }
                out.add(s.asText());
            }
            return out;
        }
        throw ApiError.invalid("'stop' must be a string or an array of strings", "stop");
    }

    private static JsonNode require(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiError.invalid("'" + field + "' is required", field);
        }
        return node;
    }

    private static Double number(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw ApiError.invalid("'" + field + "' must be a number", field);
        }
        return node.asDouble();
    }

    private static Integer integer(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw ApiError.invalid("'" + field + "' must be an integer", field);
        }
        return node.asInt();
    }

    private static Long longValue(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiError.invalid("'" + field + "' must be an integer", field);
        }
        return node.asLong();
    }
}
