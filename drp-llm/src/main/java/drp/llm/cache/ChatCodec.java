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
        ObjectNode root = canonical(null, id, request.prompt());
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
        ObjectNode root = canonical("score", id, request.prompt());
        root.put("target", request.target());
        return write(root);
    }

    /** The start of a canonical form, in a fixed field order: format, kind (chat calls have none), what answers, the prompt. */
    private static ObjectNode canonical(String kind, ModelId id, Prompt prompt) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        if (kind != null) {
            root.put("kind", kind);
        }
        root.put("endpoint", id.endpoint());
        root.put("model", id.model());
        switch (prompt) {
            case Prompt.Messages m -> {
                ArrayNode messages = root.putArray("messages");
                for (ChatMessage message : m.messages()) {
                    messages.addObject().put("role", message.role().wireName()).put("content", message.content());
                }
            }
            case Prompt.Text t -> root.put("prompt", t.text());
        }
        return root;
    }

    /** A target's score as JSON, every token kept: {@code [text, offset, logprob]}. */
    public static String score(TargetScore score) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", score.model());
        ArrayNode tokens = root.putArray("tokens");
        for (ScoredToken t : score.tokens()) {
            tokens.addArray().add(t.text()).add(t.offset()).add(t.logprob());
        }
        putUsage(root, score.usage());
        return write(root);
    }

    /**
     * Reads a score written by {@link #score(TargetScore)}.
     *
     * @throws IllegalArgumentException when the text is not such a score
     */
    public static TargetScore parseScore(String json) {
        return parse(json, "score", root -> {
            List<ScoredToken> tokens = new ArrayList<>();
            for (JsonNode t : required(root, "tokens")) {
                tokens.add(new ScoredToken(t.path(0).textValue(), t.path(1).intValue(), t.path(2).doubleValue()));
            }
            return new TargetScore(required(root, "model").textValue(), tokens, usage(root));
        });
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
        putUsage(root, response.usage());
        return write(root);
    }

    /**
     * Reads a response written by {@link #response(ChatResponse)}.
     *
     * @throws IllegalArgumentException when the text is not such a response
     */
    public static ChatResponse parseResponse(String json) {
        return parse(json, "response", root -> {
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
            return new ChatResponse(required(root, "model").textValue(), choices, usage(root));
        });
    }

    /** Reads stored JSON with {@code read}; anything that is not such a stored {@code what} is an IllegalArgumentException. */
    private static <T> T parse(String json, String what, java.util.function.Function<JsonNode, T> read) {
        try {
            return read.apply(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored " + what + ": " + e.getOriginalMessage(), e);
        } catch (NullPointerException | IllegalStateException e) {
            throw new IllegalArgumentException("not a stored " + what + ": " + e.getMessage(), e);
        }
    }

    private static void putUsage(ObjectNode root, Usage usage) {
        root.putObject("usage").put("prompt_tokens", usage.promptTokens()).put("completion_tokens", usage.completionTokens());
    }

    private static Usage usage(JsonNode root) {
        JsonNode usage = required(root, "usage");
        return new Usage(required(usage, "prompt_tokens").longValue(), required(usage, "completion_tokens").longValue());
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
