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
        checkBaseUrl("for model " + model, baseUrl);
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
        return location(baseUrl);
    }

    /** {@code url} without a trailing slash. */
    public static String location(URI url) {
        String s = url.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Checks that {@code url} is an http(s) API root that carries no secret; messages name
     * {@code owner} and never quote a URL that might hold credentials.
     */
    public static void checkBaseUrl(String owner, URI url) {
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("endpoint " + owner
                    + ": a base URL carries credentials (user:password@); give the key through api_key_env or api_key_file");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("endpoint " + owner
                    + ": a base URL has a query or fragment; keys go in api_key_env or api_key_file, never in the URL");
        }
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("endpoint " + owner + ": base URL '" + url + "' is not http(s)");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("endpoint " + owner + ": base URL '" + url + "' has no host");
        }
    }

    /** Says whether a key is set, never which. */
    @Override
    public String toString() {
        return "OpenAiEndpoint[" + location() + "#" + model + (apiKey == null ? ", no key" : ", key set")
                + ", timeout " + timeout + "]";
    }
}
