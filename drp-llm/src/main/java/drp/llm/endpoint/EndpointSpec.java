package drp.llm.endpoint;

import drp.core.chat.ModelId;
import drp.llm.chat.RateLimits;
import drp.llm.meter.Price;
import drp.llm.meter.PriceTable;
import drp.llm.openai.MaxTokensField;
import drp.llm.openai.OpenAiEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One model behind one or more OpenAI-compatible servers, as a config file or an inline {@code
 * openai:URL#MODEL} names it. Holds where the key comes from, never the key.
 *
 * @param name the config name, or the inline text
 * @param model the model name the servers know
 * @param baseUrls the servers' API roots; several are load-balanced
 * @param key where the API key comes from
 * @param price the model's price, or null to look it up in the price table
 * @param rateLimits the provider's limits, for all servers together
 * @param maxConcurrency calls in flight per server
 * @param timeout the most one call may take
 * @param maxTokensField the body field that carries the token limit
 * @param identity what cache keys call this endpoint; null for {@code openai:} and the base URLs.
 *     Set it to keep cache hits when servers move (a new host for the same weights)
 */
public record EndpointSpec(String name, String model, List<URI> baseUrls, KeySource key, Price price,
        RateLimits rateLimits, int maxConcurrency, Duration timeout, MaxTokensField maxTokensField, String identity) {

    public static final int DEFAULT_MAX_CONCURRENCY = 64;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public EndpointSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxTokensField, "maxTokensField");
        baseUrls = List.copyOf(baseUrls);
        if (model.isBlank()) {
            throw new IllegalArgumentException("endpoint " + name + ": the model name is empty");
        }
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("endpoint " + name + ": no base URL");
        }
        if (baseUrls.stream().distinct().count() != baseUrls.size()) {
            throw new IllegalArgumentException("endpoint " + name + ": a base URL is listed twice");
        }
        for (URI url : baseUrls) {
            checkUrl(name, url);
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("endpoint " + name + ": max_concurrency must be >= 1, got " + maxConcurrency);
        }
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("endpoint " + name + ": timeout must be > 0, got " + timeout);
        }
        if (identity != null && identity.isBlank()) {
            throw new IllegalArgumentException("endpoint " + name + ": identity is blank");
        }
    }

    /** An endpoint with default limits: no price, no rate limits, 64 calls in flight, 10 minutes. */
    public static EndpointSpec of(String name, String model, List<URI> baseUrls, KeySource key) {
        return new EndpointSpec(name, model, baseUrls, key, null, RateLimits.NONE, DEFAULT_MAX_CONCURRENCY,
                DEFAULT_TIMEOUT, MaxTokensField.MAX_TOKENS, null);
    }

    static void checkUrl(String name, URI url) {
        OpenAiEndpoint.checkBaseUrl(name, url);
    }

    /** What answers: the identity (or {@code openai:} and the base URLs) and the model. */
    public ModelId modelId() {
        String endpoint = identity != null ? identity
                : "openai:" + baseUrls.stream().map(OpenAiEndpoint::location).sorted().collect(Collectors.joining(","));
        return new ModelId(endpoint, model);
    }

    /** The price: this endpoint's own, else the table's for the model. */
    public Optional<Price> price(PriceTable table) {
        return price != null ? Optional.of(price) : table.priceOf(model);
    }

    public EndpointSpec withKey(KeySource source) {
        return new EndpointSpec(name, model, baseUrls, source, price, rateLimits, maxConcurrency, timeout, maxTokensField, identity);
    }

    public EndpointSpec withPrice(Price p) {
        return new EndpointSpec(name, model, baseUrls, key, p, rateLimits, maxConcurrency, timeout, maxTokensField, identity);
    }

    public EndpointSpec withRateLimits(RateLimits limits) {
        return new EndpointSpec(name, model, baseUrls, key, price, limits, maxConcurrency, timeout, maxTokensField, identity);
    }

    public EndpointSpec withMaxConcurrency(int n) {
        return new EndpointSpec(name, model, baseUrls, key, price, rateLimits, n, timeout, maxTokensField, identity);
    }

    public EndpointSpec withTimeout(Duration t) {
        return new EndpointSpec(name, model, baseUrls, key, price, rateLimits, maxConcurrency, t, maxTokensField, identity);
    }

}
