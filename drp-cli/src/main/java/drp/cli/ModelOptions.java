package drp.cli;

import drp.core.run.RunDirectory;
import drp.llm.cache.CacheMode;
import drp.llm.cache.CallCache;
import drp.llm.chat.RetryPolicy;
import drp.llm.endpoint.Durations;
import drp.llm.endpoint.EndpointConfig;
import drp.llm.endpoint.ModelEndpoint;
import drp.llm.endpoint.OpenedModel;
import drp.llm.meter.Budget;
import drp.llm.meter.UsageMeter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of every command that talks to a model: where endpoints are defined, where the key
 * comes from, the call cache, the cost cap, calls in flight, retries and time-outs.
 */
final class ModelOptions {

    /** The call cache's file inside a run directory. */
    static final String CACHE = "calls.sqlite";

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML file naming endpoints and prices (see drp-llm/README.md). Inline endpoints need none.")
    Path config;

    @Option(names = "--api-key-env", paramLabel = "NAME",
            description = "Environment variable holding the API key (default for inline endpoints: OPENAI_API_KEY when set).")
    String apiKeyEnv;

    @Option(names = "--no-cache", description = "Neither read nor write the call cache (RUN_DIR/calls.sqlite).")
    boolean noCache;

    @Option(names = "--max-cost", paramLabel = "USD",
            description = "Stop cleanly before spending more than this (needs the model's price); what is done is kept.")
    Double maxCost;

    @Option(names = "--concurrency", paramLabel = "N", description = "Calls in flight at once (virtual threads).")
    Integer concurrency;

    @Option(names = "--max-attempts", defaultValue = "6", paramLabel = "N",
            description = "Attempts per call, the first included, on rate limits, server errors, time-outs and dropped connections. Default: ${DEFAULT-VALUE}.")
    int maxAttempts;

    @Option(names = "--backoff", defaultValue = "1s", paramLabel = "DURATION",
            description = "Wait before the first retry, doubling after each (500ms, 2s...); Retry-After is honoured. Default: ${DEFAULT-VALUE}.")
    String backoff;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "The most one call may take (default: the endpoint's, 10m).")
    String timeout;

    EndpointConfig endpoints() {
        if (config == null) {
            return EndpointConfig.EMPTY;
        }
        if (!Files.isRegularFile(config)) {
            throw new UserError("config file not found: " + config);
        }
        return EndpointConfig.load(config);
    }

    ModelEndpoint resolve(String endpoint) {
        return ModelEndpoint.resolve(endpoints(), endpoint, apiKeyEnv);
    }

    /**
     * {@code --concurrency} as overrides of a pipeline file (its sample, prune and eval stages), so
     * that the option means in {@code drp run} what it means in the other commands.
     */
    List<String> concurrencyOverrides() {
        if (concurrency == null) {
            return List.of();
        }
        int n = concurrency(1);
        return List.of("sample.concurrency=" + n, "prune.concurrency=" + n, "eval.concurrency=" + n);
    }

    int concurrency(int fallback) {
        int n = concurrency != null ? concurrency : fallback;
        if (n < 1) {
            throw new UserError("--concurrency must be at least 1, got " + n);
        }
        return n;
    }

    RetryPolicy retryPolicy() {
        if (maxAttempts < 1) {
            throw new UserError("--max-attempts must be at least 1, got " + maxAttempts);
        }
        Duration initial = Durations.parse(backoff);
        Duration max = RetryPolicy.DEFAULT.maxBackoff().compareTo(initial) < 0 ? initial : RetryPolicy.DEFAULT.maxBackoff();
        return new RetryPolicy(maxAttempts, initial, max, 2.0, 0.5, RetryPolicy.DEFAULT.maxRetryAfter());
    }

    /** Opens {@code endpoint} for a stage writing to {@code run}: cache in the run directory, meter, budget. */
    StageModel open(String endpoint, RunDirectory run) {
        ModelEndpoint resolved = resolve(endpoint);
        if (maxCost != null && !(maxCost >= 0)) {
            throw new UserError("--max-cost must be a number >= 0, got " + maxCost);
        }
        Budget budget = maxCost == null ? null : new Budget(maxCost);
        CallCache cache = run == null || noCache ? null : CallCache.open(run.file(CACHE));
        UsageMeter meter = new UsageMeter();
        try {
            OpenedModel opened = OpenedModel.open(resolved, new OpenedModel.Settings(endpoints().prices(), cache,
                    noCache ? CacheMode.OFF : CacheMode.USE, meter, budget, retryPolicy(),
                    timeout == null ? null : Durations.parse(timeout)));
            return new StageModel(opened, cache, meter, budget, noCache);
        } catch (RuntimeException e) {
            if (cache != null) {
                cache.close();
            }
            throw e;
        }
    }
}
