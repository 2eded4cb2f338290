package drp.llm.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.core.chat.ChatMessage;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.FinishReason;
import drp.core.chat.ModelId;
import drp.core.chat.Prompt;
import drp.core.chat.ScoreRequest;
import drp.core.chat.ScoredToken;
import drp.core.chat.TargetScore;
import drp.core.chat.ResponseFormat;
import drp.core.chat.TokenLogprob;
import drp.core.chat.Usage;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON forms of calls: a canonical request (fixed field order, sorted maps, unset fields left out)
 * whose hash is the cache key, and a lossless response for the cache's rows.
 */
public final class ChatCodec {

    /** Bump when the canonical form changes, so old rows are not mistaken for new ones. */
    static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ChatCodec() {}

    /** The canonical JSON of a call: what answers it and what it asks. Never holds a secret. */
    public static String canonicalRequest(ModelId id, ChatRequest request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("endpoint", id.endpoint());
        root.put("model", id.model());
        switch (request.prompt()) {
            case Prompt.Messages m -> {
                ArrayNode messages = root.putArray("messages");
                for (ChatMessage message : m.messages()) {
                    messages.addObject().put("role", message.role().wireName()).put("content", message.content());
                }
            }
            case Prompt.Text t -> root.put("prompt", t.text());
        }
        if (request.temperature() != null) {
            root.put("temperature", request.temperature());
        }
        if (request.topP() != null) {
            root.put("top_p", request.topP());
        }
        if (request.maxTokens() != null) {
            root.put("max_tokens", request.maxTokens());
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = root.putArray("stop");
            request.stop().forEach(stop::add);
        }
        if (request.seed() != null) {
            root.put("seed", request.seed());
        }
        root.put("n", request.n());
        if (request.logprobs() != null) {
            root.put("logprobs", request.logprobs());
        }
        if (request.responseFormat() instanceof ResponseFormat.JsonSchema schema) {
            ObjectNode format = root.putObject("json_schema");
            format.put("name", schema.name()).put("strict", schema.strict());
            format.set("schema", schema.schemaTree());
        }
        if (!request.extra().isEmpty()) {
            root.set("extra", JSON.valueToTree(request.extra()));
        }
        return write(root);
    }

    /**
     * The canonical JSON of a scoring call ({@code kind: score}, so it never equals a chat call's):
     * what scores, the prompt and the target.
     */
    public static String canonicalScore(ModelId id, ScoreRequest request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", "score");
        root.put("endpoint", id.endpoint());
        root.put("model", id.model());
        switch (request.prompt()) {
            case Prompt.Messages m -> {
                ArrayNode messages = root.putArray("messages");
                for (ChatMessage message : m.messages()) {
                    messages.addObject().put("role", message.role().wireName()).put("content", message.content());
                }
            }
            case Prompt.Text t -> root.put("prompt", t.text());
        }
        root.put("target", request.target());
        return write(root);
    }

    /** A target's score as JSON, every token kept: {@code [text, offset, logprob]}. */
    public static String score(TargetScore score) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", score.model());
        ArrayNode tokens = root.putArray("tokens");
        for (ScoredToken t : score.tokens()) {
            tokens.addArray().add(t.text()).add(t.offset()).add(t.logprob());
        }
        root.putObject("usage").put("prompt_tokens", score.usage().promptTokens())
                .put("completion_tokens", score.usage().completionTokens());
        return write(root);
    }

    /**
     * Reads a score written by {@link #score(TargetScore)}.
     *
     * @throws IllegalArgumentException when the text is not such a score
     */
    public static TargetScore parseScore(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<ScoredToken> tokens = new ArrayList<>();
            for (JsonNode t : required(root, "tokens")) {
                tokens.add(new ScoredToken(t.path(0).textValue(), t.path(1).intValue(), t.path(2).doubleValue()));
            }
            JsonNode usage = required(root, "usage");
            return new TargetScore(required(root, "model").textValue(), tokens,
                    new Usage(required(usage, "prompt_tokens").longValue(), required(usage, "completion_tokens").longValue()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored score: " + e.getOriginalMessage(), e);
        } catch (NullPointerException | IllegalStateException e) {
            throw new IllegalArgumentException("not a stored score: " + e.getMessage(), e);
        }
    }

    /** A response as JSON, every field kept. */
    public static String response(ChatResponse response) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", response.model());
        ArrayNode choices = root.putArray("choices");
        for (Choice c : response.choices()) {
            ObjectNode choice = choices.addObject();
            choice.put("index", c.index()).put("text", c.text()).put("reasoning", c.reasoning())
                    .put("finish_reason", c.finishReason().name());
            if (!c.logprobs().isEmpty()) {
                ArrayNode logprobs = choice.putArray("logprobs");
                for (TokenLogprob t : c.logprobs()) {
                    logprobs.add(logprob(t));
                }
            }
        }
        root.putObject("usage").put("prompt_tokens", response.usage().promptTokens())
                .put("completion_tokens", response.usage().completionTokens());
        return write(root);
    }

    /**
     * Reads a response written by {@link #response(ChatResponse)}.
     *
     * @throws IllegalArgumentException when the text is not such a response
     */
    public static ChatResponse parseResponse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            List<Choice> choices = new ArrayList<>();
            for (JsonNode c : required(root, "choices")) {
                List<TokenLogprob> logprobs = new ArrayList<>();
                for (JsonNode t : c.path("logprobs")) {
                    logprobs.add(logprob(t));
                }
                choices.add(new Choice(required(c, "index").intValue(), required(c, "text").textValue(),
                        required(c, "reasoning").textValue(), FinishReason.valueOf(required(c, "finish_reason").textValue()),
                        logprobs));
            }
            JsonNode usage = required(root, "usage");
            return new ChatResponse(required(root, "model").textValue(), choices,
                    new Usage(required(usage, "prompt_tokens").longValue(), required(usage, "completion_tokens").longValue()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored response: " + e.getOriginalMessage(), e);
        } catch (NullPointerException | IllegalStateException e) {
            throw new IllegalArgumentException("not a stored response: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("stored response lacks '" + field + "'");
        }
        return value;
    }

    private static ArrayNode logprob(TokenLogprob t) {
        ArrayNode node = JSON.createArrayNode().add(t.token()).add(t.logprob());
        if (!t.top().isEmpty()) {
            ArrayNode top = node.addArray();
            t.top().forEach(alt -> top.add(logprob(alt)));
        }
        return node;
    }

    private static TokenLogprob logprob(JsonNode node) {
        List<TokenLogprob> top = new ArrayList<>();
        for (JsonNode alt : node.path(2)) {
            top.add(logprob(alt));
        }
        JsonNode lp = node.path(1);
        double value = lp.isNumber() ? lp.doubleValue() : Double.parseDouble(lp.asText());
        return new TokenLogprob(node.path(0).textValue(), value, top);
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
