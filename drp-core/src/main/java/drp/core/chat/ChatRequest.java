package drp.core.chat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One call to a model. Unset sampling fields ({@code null}) leave the server's default; the model
 * itself is chosen by the endpoint, not by the request.
 *
 * <p>Two equal requests are the same call: a cache answers the second from the first. To draw
 * {@code k} different samples of one prompt, ask for {@code n = k} or vary the {@code seed}.
 *
 * @param prompt messages (chat endpoint) or a raw prompt (completions endpoint)
 * @param temperature sampling temperature, {@code >= 0}; 0 is greedy
 * @param topP nucleus sampling mass, in {@code (0, 1]}
 * @param maxTokens the most tokens to generate per choice, {@code >= 1}
 * @param stop sequences that end generation (not included in the text); may be empty
 * @param seed sampling seed, for servers that honour it
 * @param n how many choices to generate, {@code >= 1}
 * @param logprobs {@code null}: no log-probabilities; {@code k >= 0}: the chosen token's
 *     log-probability and the {@code k} most likely alternatives per position
 * @param responseFormat free text or JSON following a schema
 * @param extra engine parameters this record has no field for, passed to the engine by name, e.g.
 *     vLLM's {@code top_k}, {@code min_p}, {@code repetition_penalty}, {@code guided_json},
 *     {@code chat_template_kwargs}. Values are JSON: strings, numbers, booleans, lists and maps.
 *     Which names an engine reserves is its adapter's business: the adapter that writes the
 *     request's wire form refuses a name that one of the fields above already sets.
 */
public record ChatRequest(
        Prompt prompt,
        Double temperature,
        Double topP,
        Integer maxTokens,
        List<String> stop,
        Long seed,
        int n,
        Integer logprobs,
        ResponseFormat responseFormat,
        Map<String, Object> extra) {

    public ChatRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (temperature != null && !(temperature >= 0 && Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be a finite number >= 0, got " + temperature);
        }
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be >= 1, got " + maxTokens);
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
        for (String s : stop) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("a stop sequence must not be empty");
            }
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (logprobs != null && logprobs < 0) {
            throw new IllegalArgumentException("logprobs must be >= 0 (alternatives per token), got " + logprobs);
        }
        responseFormat = responseFormat == null ? ResponseFormat.TEXT : responseFormat;
        extra = extra == null ? Map.of() : normalizeExtra(extra);
    }

    /** A builder with nothing set but the prompt to come. */
    public static Builder builder() {
        return new Builder();
    }

    /** A single user message with the server's default sampling. */
    public static ChatRequest ofUser(String content) {
        return builder().user(content).build();
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        switch (prompt) {
            case Prompt.Text t -> b.rawPrompt = t.text();
            case Prompt.Messages m -> b.messages.addAll(m.messages());
        }
        b.temperature = temperature;
        b.topP = topP;
        b.maxTokens = maxTokens;
        b.stop = new ArrayList<>(stop);
        b.seed = seed;
        b.n = n;
        b.logprobs = logprobs;
        b.responseFormat = responseFormat;
        b.extra = new TreeMap<>(extra);
        return b;
    }

    /** The messages, or a one-message view of a raw prompt (for token estimates and logs). */
    public String promptText() {
        return switch (prompt) {
            case Prompt.Text t -> t.text();
            case Prompt.Messages m -> {
                StringBuilder sb = new StringBuilder();
                for (ChatMessage message : m.messages()) {
                    sb.append(message.content()).append('\n');
                }
                yield sb.toString();
            }
        };
    }

    private static Map<String, Object> normalizeExtra(Map<String, Object> extra) {
        TreeMap<String, Object> sorted = new TreeMap<>();
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "extra parameter name");
            if (key.isBlank()) {
                throw new IllegalArgumentException("an extra parameter name must not be blank");
            }
            sorted.put(key, jsonValue(key, e.getValue()));
        }
        return Collections.unmodifiableMap(sorted);
    }

    /** A deep, immutable copy of a JSON value; whole numbers become Long so 20 and 20.0 are equal. */
    private static Object jsonValue(String path, Object value) {
        return switch (value) {
            case null -> throw new IllegalArgumentException("extra parameter '" + path + "' is null; leave it out instead");
            case String s -> s;
            case Boolean b -> b;
            case Number number -> number(path, number);
            case List<?> list -> {
                List<Object> copy = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    copy.add(jsonValue(path + "[" + i + "]", list.get(i)));
                }
                yield Collections.unmodifiableList(copy);
            }
            case Map<?, ?> map -> {
                TreeMap<String, Object> copy = new TreeMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String k)) {
                        throw new IllegalArgumentException("extra parameter '" + path + "' has a non-string key " + e.getKey());
                    }
                    copy.put(k, jsonValue(path + "." + k, e.getValue()));
                }
                yield Collections.unmodifiableMap(copy);
            }
            default -> throw new IllegalArgumentException("extra parameter '" + path + "' is a "
                    + value.getClass().getSimpleName() + "; use strings, numbers, booleans, lists or maps");
        };
    }

    private static Object number(String path, Number number) {
        BigDecimal exact = switch (number) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            case Double d when !Double.isFinite(d) ->
                    throw new IllegalArgumentException("extra parameter '" + path + "' is " + d);
            case Float f when !Float.isFinite(f) ->
                    throw new IllegalArgumentException("extra parameter '" + path + "' is " + f);
            case Double d -> BigDecimal.valueOf(d);
            case Float f -> new BigDecimal(f.toString());
            default -> BigDecimal.valueOf(number.longValue());
        };
        try {
            return exact.longValueExact();
        } catch (ArithmeticException notWholeOrTooBig) {
            return exact.doubleValue();
        }
    }

    /** Builds a {@link ChatRequest}; {@link #build()} validates. */
    public static final class Builder {
        private String rawPrompt;
        private final List<ChatMessage> messages = new ArrayList<>();
        private Double temperature;
        private Double topP;
        private Integer maxTokens;
        private List<String> stop = new ArrayList<>();
        private Long seed;
        private int n = 1;
        private Integer logprobs;
        private ResponseFormat responseFormat = ResponseFormat.TEXT;
        private Map<String, Object> extra = new TreeMap<>();

        private Builder() {}

        public Builder system(String content) {
            return message(ChatMessage.system(content));
        }

        public Builder user(String content) {
            return message(ChatMessage.user(content));
        }

        public Builder assistant(String content) {
            return message(ChatMessage.assistant(content));
        }

        /** Appends a message; a raw prompt set before is dropped. */
        public Builder message(ChatMessage message) {
            rawPrompt = null;
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /** Replaces the conversation. */
        public Builder messages(List<ChatMessage> all) {
            rawPrompt = null;
            messages.clear();
            messages.addAll(all);
            return this;
        }

        /** A raw prompt for the completions endpoint; replaces any messages. */
        public Builder rawPrompt(String text) {
            messages.clear();
            rawPrompt = Objects.requireNonNull(text, "text");
            return this;
        }

        public Builder temperature(Double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder topP(Double topP) {
            this.topP = topP;
            return this;
        }

        public Builder maxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
            return this;
        }

        public Builder stop(List<String> stop) {
            this.stop = new ArrayList<>(stop);
            return this;
        }

        public Builder stop(String... stop) {
            return stop(List.of(stop));
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder n(int n) {
            this.n = n;
            return this;
        }

        public Builder logprobs(Integer alternatives) {
            this.logprobs = alternatives;
            return this;
        }

        public Builder responseFormat(ResponseFormat format) {
            this.responseFormat = format;
            return this;
        }

        /** A JSON-schema response format, strict. */
        public Builder jsonSchema(String name, String schemaJson) {
            return responseFormat(new ResponseFormat.JsonSchema(name, schemaJson, true));
        }

        /** One engine parameter, e.g. {@code extra("top_k", 20)}. */
        public Builder extra(String name, Object value) {
            extra.put(name, value);
            return this;
        }

        public Builder extra(Map<String, Object> parameters) {
            extra.putAll(parameters);
            return this;
        }

        public ChatRequest build() {
            if (rawPrompt == null && messages.isEmpty()) {
                throw new IllegalStateException("a request needs messages or a raw prompt");
            }
            Prompt p = rawPrompt != null ? new Prompt.Text(rawPrompt) : new Prompt.Messages(messages);
            return new ChatRequest(p, temperature, topP, maxTokens, stop, seed, n, logprobs, responseFormat, extra);
        }
    }
}
