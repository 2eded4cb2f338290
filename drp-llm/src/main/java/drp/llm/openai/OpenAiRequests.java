package drp.llm.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.JsonValue;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionCreateParams;
import drp.core.chat.ChatMessage;
import drp.core.chat.ChatRequest;
import drp.core.chat.Prompt;
import drp.core.chat.ResponseFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a {@link ChatRequest} into the SDK's request parameters for one endpoint. */
final class OpenAiRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiEndpoint endpoint;

    OpenAiRequests(OpenAiEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Parameters for {@code POST /chat/completions}; the prompt must be messages.
     *
     * @throws IllegalArgumentException when an extra parameter would shadow a standard field
     */
    ChatCompletionCreateParams chat(ChatRequest request, Prompt.Messages messages) {
        checkExtra(request);
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(endpoint.model());
        for (ChatMessage message : messages.messages()) {
            switch (message.role()) {
                case SYSTEM -> b.addSystemMessage(message.content());
                case USER -> b.addUserMessage(message.content());
                case ASSISTANT -> b.addAssistantMessage(message.content());
            }
        }
        if (request.temperature() != null) {
            b.temperature(request.temperature());
        }
        if (request.topP() != null) {
            b.topP(request.topP());
        }
        if (request.maxTokens() != null) {
            switch (endpoint.maxTokensField()) {
                case MAX_COMPLETION_TOKENS -> b.maxCompletionTokens(request.maxTokens().longValue());
                // the SDK marks max_tokens deprecated (OpenAI's reasoning models refuse it), yet it is
                // the field every other OpenAI-compatible server reads
                case MAX_TOKENS -> b.putAdditionalBodyProperty("max_tokens", JsonValue.from(request.maxTokens()));
            }
        }
        if (!request.stop().isEmpty()) {
            b.stopOfStrings(request.stop());
        }
        if (request.seed() != null) {
            // deprecated by OpenAI, still honoured by vLLM, SGLang and llama.cpp
            b.putAdditionalBodyProperty("seed", JsonValue.from(request.seed()));
        }
        if (request.n() != 1) {
            b.n(request.n());
        }
        if (request.logprobs() != null) {
            b.logprobs(true);
            b.topLogprobs(request.logprobs().longValue());
        }
        if (request.responseFormat() instanceof ResponseFormat.JsonSchema schema) {
            b.responseFormat(ResponseFormatJsonSchema.builder()
                    .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                            .name(schema.name())
                            .strict(schema.strict())
                            .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                    .additionalProperties(schemaProperties(schema))
                                    .build())
                            .build())
                    .build());
        }
        request.extra().forEach((name, value) -> b.putAdditionalBodyProperty(name, JsonValue.from(value)));
        return b.build();
    }

    /**
     * Parameters for {@code POST /completions}; the prompt must be raw text.
     *
     * @throws IllegalArgumentException when an extra parameter would shadow a standard field
     */
    CompletionCreateParams completion(ChatRequest request, Prompt.Text prompt) {
        checkExtra(request);
        CompletionCreateParams.Builder b = CompletionCreateParams.builder().model(endpoint.model()).prompt(prompt.text());
        if (request.temperature() != null) {
            b.temperature(request.temperature());
        }
        if (request.topP() != null) {
            b.topP(request.topP());
        }
        if (request.maxTokens() != null) {
            b.maxTokens(request.maxTokens().longValue());
        }
        if (!request.stop().isEmpty()) {
            b.stopOfStrings(request.stop());
        }
        if (request.seed() != null) {
            b.seed(request.seed());
        }
        if (request.n() != 1) {
            b.n(request.n());
        }
        if (request.logprobs() != null) {
            b.logprobs(request.logprobs().longValue());
        }
        if (request.responseFormat() instanceof ResponseFormat.JsonSchema schema) {
            // not in the legacy schema; vLLM and SGLang read it on /completions too
            Map<String, Object> format = new LinkedHashMap<>();
            format.put("type", "json_schema");
            format.put("json_schema", Map.of("name", schema.name(), "strict", schema.strict(), "schema", parse(schema)));
            b.putAdditionalBodyProperty("response_format", JsonValue.from(format));
        }
        request.extra().forEach((name, value) -> b.putAdditionalBodyProperty(name, JsonValue.from(value)));
        return b.build();
    }

    /**
     * Extra parameters become top-level body fields, written last: one named like a standard field
     * would silently replace what the request's own field says (or send {@code max_tokens} beside
     * {@code max_completion_tokens}), so it is refused before anything is sent.
     */
    private static void checkExtra(ChatRequest request) {
        for (String name : request.extra().keySet()) {
            if (OpenAiWire.STANDARD_FIELDS.contains(name)) {
                throw new IllegalArgumentException("extra parameter '" + name
                        + "' has a field of its own in ChatRequest; set that instead");
            }
        }
    }

    private static Map<String, JsonValue> schemaProperties(ResponseFormat.JsonSchema schema) {
        Map<String, JsonValue> properties = new LinkedHashMap<>();
        parse(schema).forEach((k, v) -> properties.put(k, JsonValue.from(v)));
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(ResponseFormat.JsonSchema schema) {
        try {
            return JSON.readValue(schema.schema(), LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical schema '" + schema.name() + "' no longer parses", e);
        }
    }
}
