package drp.llm.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One OpenAI-compatible server and the model it serves.
 *
 * @param baseUrl the API root, e.g. {@code http://127.0.0.1:8000/v1}; no credentials in it
 * @param model the model name the server knows
 * @param apiKey the key, or null for servers that need none (a local vLLM)
 * @param timeout the most one request may take, connecting and reading included
 * @param connectTimeout the most connecting may take
 * @param maxTokensField which field carries the token limit on the chat endpoint
 * @param maxConnections idle connections kept open for reuse; match the concurrency you run at
 */
public record OpenAiEndpoint(URI baseUrl, String model, ApiKey apiKey, Duration timeout, Duration connectTimeout,
        MaxTokensField maxTokensField, int maxConnections) {

    public OpenAiEndpoint {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(maxTokensField, "maxTokensField");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("base URL must be http or https: " + baseUrl);
        }
        if (baseUrl.getHost() == null) {
            throw new IllegalArgumentException("base URL has no host: " + baseUrl);
        }
        if (baseUrl.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    "base URL must not carry credentials (user:password@); give the key through the environment");
        }
        if (model.isBlank()) {
            throw new IllegalArgumentException("model name must not be blank (base URL " + baseUrl + ")");
        }
        if (timeout.isZero() || timeout.isNegative() || connectTimeout.isZero() || connectTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be > 0, got " + timeout + " and " + connectTimeout);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1, got " + maxConnections);
        }
    }

    /** An endpoint with defaults: no key, 10 minute timeout, 10 s to connect, {@code max_tokens}, 64 connections. */
    public static OpenAiEndpoint of(String baseUrl, String model) {
        return new OpenAiEndpoint(URI.create(baseUrl), model, null, Duration.ofMinutes(10), Duration.ofSeconds(10),
                MaxTokensField.MAX_TOKENS, 64);
    }

    public OpenAiEndpoint withApiKey(ApiKey key) {
        return new OpenAiEndpoint(baseUrl, model, key, timeout, connectTimeout, maxTokensField, maxConnections);
    }

    public OpenAiEndpoint withTimeouts(Duration request, Duration connect) {
        return new OpenAiEndpoint(baseUrl, model, apiKey, request, connect, maxTokensField, maxConnections);
    }

    public OpenAiEndpoint withMaxTokensField(MaxTokensField field) {
        return new OpenAiEndpoint(baseUrl, model, apiKey, timeout, connectTimeout, field, maxConnections);
    }

    public OpenAiEndpoint withMaxConnections(int connections) {
        return new OpenAiEndpoint(baseUrl, model, apiKey, timeout, connectTimeout, maxTokensField, connections);
    }

    public Optional<ApiKey> key() {
        return Optional.ofNullable(apiKey);
    }

    /** The base URL without a trailing slash, as it appears in ids and cache keys. */
    public String location() {
        String s = baseUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Says whether a key is set, never which. */
    @Override
    public String toString() {
        return "OpenAiEndpoint[" + location() + "#" + model + (apiKey == null ? ", no key" : ", key set")
                + ", timeout " + timeout + "]";
    }
}
