package drp.llm.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import drp.llm.chat.RateLimits;
import drp.llm.meter.Price;
import drp.llm.meter.PriceTable;
import drp.llm.openai.MaxTokensField;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The endpoints and prices a config file names (YAML):
 *
 * <pre>{@code
 * prices:                          # US dollars per million tokens
 *   gpt-4o: {input: 2.50, output: 10.00}
 * endpoints:
 *   teacher:
 *     model: gpt-4o
 *     base_url: https://api.openai.com/v1
 *     api_key_env: OPENAI_API_KEY  # or api_key_file: /run/secrets/openai
 *     rate_limit: {requests_per_minute: 5000, tokens_per_minute: 800000}
 *   student:
 *     model: deepseek-r1-distill-qwen-7b
 *     base_urls: [http://gpu1:8000/v1, http://gpu2:8000/v1]
 *     max_concurrency: 128         # per server
 *     timeout: 20m
 *     price: {input: 0, output: 0}
 * }</pre>
 *
 * Other keys per endpoint: {@code kind} (only {@code openai}), {@code max_tokens_field}
 * ({@code max_tokens} or {@code max_completion_tokens}), {@code identity} (cache identity). A key
 * itself is never accepted in the file. Errors name the file, line and field.
 */
public record EndpointConfig(Map<String, EndpointSpec> endpoints, PriceTable prices) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public static final EndpointConfig EMPTY = new EndpointConfig(Map.of(), PriceTable.EMPTY);

    public EndpointConfig {
        endpoints = Map.copyOf(endpoints);
    }

    /** An endpoint by name, or an inline {@code openai:URL#MODEL}. */
    public EndpointSpec resolve(String nameOrInline, String keyEnv) {
        if (InlineEndpoint.matches(nameOrInline)) {
            return InlineEndpoint.parse(nameOrInline, keyEnv);
        }
        EndpointSpec spec = endpoints.get(nameOrInline);
        if (spec == null) {
            throw new IllegalArgumentException("no endpoint named '" + nameOrInline + "'"
                    + (endpoints.isEmpty() ? " (no config file names any)" : "; the config names "
                            + endpoints.keySet().stream().sorted().collect(Collectors.joining(", ")))
                    + "; or write openai:BASE_URL#MODEL");
        }
        return keyEnv == null ? spec : spec.withKey(new KeySource.Env(keyEnv, true));
    }

    public Optional<EndpointSpec> endpoint(String name) {
        return Optional.ofNullable(endpoints.get(name));
    }

    /** Reads a config file; relative key files are resolved against its directory. */
    public static EndpointConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /** Reads config text; {@code source} names it in errors. */
    public static EndpointConfig parse(String yaml, String source, Path baseDir) {
        if (yaml.isBlank()) {
            return EMPTY;
        }
        RawConfig raw;
        try {
            raw = YAML.readValue(yaml, RawConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(source, e), e);
        }
        if (raw == null) {
            return EMPTY;
        }
        Map<String, Price> prices = new TreeMap<>();
        raw.prices().forEach((model, p) -> prices.put(model, p.toPrice()));
        Map<String, EndpointSpec> endpoints = new LinkedHashMap<>();
        raw.endpoints().forEach((name, e) -> {
            try {
                endpoints.put(name, e.toSpec(name, baseDir));
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(source + ": endpoints." + name + ": " + bad.getMessage(), bad);
            }
        });
        return new EndpointConfig(endpoints, new PriceTable(prices));
    }

    private static String describe(String source, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
        String path = "";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            path = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[") + ": ";
        }
        String message = e.getOriginalMessage();
        if (e.getCause() instanceof IllegalArgumentException cause) {
            message = cause.getMessage();
        }
        return where + ": " + path + firstLine(message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    record RawConfig(Map<String, RawPrice> prices, Map<String, RawEndpoint> endpoints) {
        RawConfig {
            prices = prices == null ? Map.of() : prices;
            endpoints = endpoints == null ? Map.of() : endpoints;
        }
    }

    record RawPrice(@JsonProperty(value = "input", required = true) Double input,
            @JsonProperty(value = "output", required = true) Double output) {
        RawPrice {
            toPrice(input, output);
        }

        Price toPrice() {
            return toPrice(input, output);
        }

        private static Price toPrice(Double input, Double output) {
            if (input == null || output == null) {
                throw new IllegalArgumentException("a price needs input and output (US dollars per million tokens)");
            }
            return new Price(input, output);
        }
    }

    record RawRateLimit(@JsonProperty("requests_per_minute") Long requestsPerMinute,
            @JsonProperty("tokens_per_minute") Long tokensPerMinute) {
        RateLimits toLimits() {
            return new RateLimits(requestsPerMinute == null ? 0 : requestsPerMinute,
                    tokensPerMinute == null ? 0 : tokensPerMinute);
        }
    }

    record RawEndpoint(
            @JsonProperty("kind") String kind,
            @JsonProperty("model") String model,
            @JsonProperty("base_url") String baseUrl,
            @JsonProperty("base_urls") List<String> baseUrls,
            @JsonProperty("api_key_env") String apiKeyEnv,
            @JsonProperty("api_key_file") String apiKeyFile,
            @JsonProperty("api_key") String apiKey,
            @JsonProperty("price") RawPrice price,
            @JsonProperty("rate_limit") RawRateLimit rateLimit,
            @JsonProperty("max_concurrency") Integer maxConcurrency,
            @JsonProperty("timeout") String timeout,
            @JsonProperty("max_tokens_field") String maxTokensField,
            @JsonProperty("identity") String identity) {

        RawEndpoint {
            if (apiKey != null) {
                // refused before anything could print it
                throw new IllegalArgumentException(
                        "api_key is not allowed in a config file; name the variable that holds it (api_key_env) or a key file (api_key_file)");
            }
            if (kind != null && !kind.equals("openai")) {
                throw new IllegalArgumentException("kind '" + kind + "' is not known here; this file takes kind: openai");
            }
            if (model == null || model.isBlank()) {
                throw new IllegalArgumentException("model is required");
            }
            if ((baseUrl == null) == (baseUrls == null || baseUrls.isEmpty())) {
                throw new IllegalArgumentException("give exactly one of base_url or base_urls");
            }
            if (apiKeyEnv != null && apiKeyFile != null) {
                throw new IllegalArgumentException("give at most one of api_key_env and api_key_file");
            }
        }

        EndpointSpec toSpec(String name, Path baseDir) {
            List<URI> urls = new ArrayList<>();
            List<String> texts = baseUrl != null ? List.of(baseUrl) : baseUrls;
            for (String u : texts) {
                try {
                    urls.add(new URI(u.strip()));
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("base URL " + (urls.size() + 1) + " is not a URL (" + e.getReason() + ")");
                }
            }
            KeySource key = apiKeyEnv != null ? new KeySource.Env(apiKeyEnv, true)
                    : apiKeyFile != null ? new KeySource.File(baseDir == null ? Path.of(apiKeyFile) : baseDir.resolve(apiKeyFile))
                    : new KeySource.None();
            return new EndpointSpec(name, model, urls, key, price == null ? null : price.toPrice(),
                    rateLimit == null ? RateLimits.NONE : rateLimit.toLimits(),
                    maxConcurrency == null ? EndpointSpec.DEFAULT_MAX_CONCURRENCY : maxConcurrency,
                    timeout == null ? EndpointSpec.DEFAULT_TIMEOUT : Durations.parse(timeout),
                    maxTokensField == null ? MaxTokensField.MAX_TOKENS : MaxTokensField.parse(maxTokensField),
                    identity);
        }
    }
}
