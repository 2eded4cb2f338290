package drp.cli;

import drp.cli.pipeline.BatchAccess;
import drp.cli.pipeline.Models;
import drp.core.chat.ChatModel;
import drp.core.run.RunDirectory;
import drp.core.token.TokenCounter;
import drp.llm.batch.BatchOptions;
import drp.llm.batch.DeferringChatModel;
import drp.llm.batch.OpenAiBatchRunner;
import drp.llm.cache.CacheMode;
import drp.llm.cache.CallCache;
import drp.llm.endpoint.Durations;
import drp.llm.endpoint.ChatModelStack;
import drp.llm.endpoint.EndpointConfig;
import drp.llm.endpoint.ModelEndpoint;
import drp.llm.endpoint.OpenedModel;
import drp.llm.meter.Budget;
import drp.llm.meter.ModelUsage;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline's {@link Models}: endpoints opened with the command's model options, all sharing
 * one usage meter and one budget ({@code --max-cost} caps the whole run), remote ones sharing the
 * run's call cache. In-process models are not cached: their answers are reproducible from the seed,
 * and a checkpoint retrained in place must never be answered from an old entry.
 */
final class CommandModels implements Models, AutoCloseable {

    private final ModelOptions options;
    private final EndpointConfig config;
    private final RunDirectory run;
    private final UsageMeter meter = new UsageMeter();
    private final Budget budget;
    private final List<OpenedModel> opened = new ArrayList<>();
    private CallCache cache;

    /**
     * @param config the endpoints and prices of the pipeline file and {@code --config}
     * @param run    where the call cache lives, or null for a dry run (nothing is opened then)
     */
    CommandModels(ModelOptions options, EndpointConfig config, RunDirectory run) {
        this.options = options;
        this.config = config;
        this.run = run;
        if (options.maxCost != null && !(options.maxCost >= 0)) {
            throw new UserError("--max-cost must be a number >= 0, got " + options.maxCost);
        }
        this.budget = options.maxCost == null ? null : new Budget(options.maxCost);
    }

    private ModelEndpoint resolve(String endpoint) {
        return ModelEndpoint.resolve(config, endpoint, options.apiKeyEnv);
    }

    @Override
    public synchronized ChatModel open(String endpoint) {
        if (run == null) {
            throw new IllegalStateException("a dry run opens no model");
        }
        ModelEndpoint resolved = resolve(endpoint);
        boolean remote = resolved instanceof ModelEndpoint.Remote;
        if (remote && cache == null && !options.noCache) {
            cache = CallCache.open(run.file(ModelOptions.CACHE));
        }
        OpenedModel model = OpenedModel.open(resolved, new OpenedModel.Settings(config.prices(), remote ? cache : null,
                remote && !options.noCache ? CacheMode.USE : CacheMode.OFF, meter, budget, options.retryPolicy(),
                options.timeout == null ? null : Durations.parse(options.timeout)));
        opened.add(model);
        return new ClosingModel(model);
    }

    @Override
    public synchronized BatchAccess batch(String endpoint, Path stateFile, Duration pollInterval) {
        if (options.noCache) {
            throw new UserError("prune.batch hands answers from one round to the next through the call cache; drop --no-cache");
        }
        ModelEndpoint resolved = resolve(endpoint);
        if (!(resolved instanceof ModelEndpoint.Remote)) {
            throw new UserError("prune.batch needs an OpenAI-compatible teacher (openai:BASE_URL#MODEL or a name under"
                    + " endpoints); " + endpoint + " runs in this process");
        }
        open(endpoint); // opens the stack and the cache
        OpenedModel model = opened.getLast();
        ChatModelStack stack = model.stack().orElseThrow();
        OpenAiBatchRunner runner = stack.batch(stateFile, BatchOptions.DEFAULT.withPollInterval(pollInterval));
        return new BatchAccess(runner, new DeferringChatModel(runner.id(), cache),
                model.price().map(p -> p.times(0.5)).orElse(null), budget, meter);
    }

    @Override
    public Optional<TokenCounter> tokenizer(String endpoint) {
        return resolve(endpoint) instanceof ModelEndpoint.Local local ? local.provider().tokenizer(local.location())
                : Optional.empty();
    }

    @Override
    public String usage() {
        long in = 0;
        long out = 0;
        for (ModelUsage u : meter.snapshot()) {
            in += u.promptTokens();
            out += u.completionTokens();
        }
        double cost = meter.totalCost();
        return in == 0 && out == 0 ? "" : StageModel.tokens(in) + " tokens in, " + StageModel.tokens(out) + " out"
                + (cost > 0 ? String.format(Locale.ROOT, ", $%.4f", cost) : "");
    }

    @Override
    public Map<String, Object> usageRecord() {
        Map<String, Object> record = new LinkedHashMap<>();
        for (ModelUsage u : meter.snapshot()) {
            record.put(u.model(), Map.of("requests", u.requests(), "failed_requests", u.failures(),
                    "prompt_tokens", u.promptTokens(), "completion_tokens", u.completionTokens(), "cost_usd", u.cost()));
        }
        if (budget != null) {
            record.put("max_cost_usd", budget.max());
        }
        return record;
    }

    @Override
    public Optional<double[]> price(String endpoint) {
        Optional<Price> price = switch (resolve(endpoint)) {
            case ModelEndpoint.Local l -> Optional.of(Price.FREE);
            case ModelEndpoint.Remote r -> r.spec().price(config.prices());
        };
        return price.map(p -> new double[] {p.inputPerMillion(), p.outputPerMillion()});
    }

    @Override
    public synchronized void close() {
        try {
            for (OpenedModel model : opened) {
                model.close();
            }
        } finally {
            if (cache != null) {
                cache.close();
            }
        }
    }

    private synchronized void release(OpenedModel model) {
        if (opened.remove(model)) {
            model.close();
        }
    }

    /** A model whose close releases what opening it took (the stack, the in-process engine), once. */
    private final class ClosingModel implements ChatModel {
        private final OpenedModel opened;

        ClosingModel(OpenedModel opened) {
            this.opened = opened;
        }

        @Override
        public drp.core.chat.ModelId id() {
            return opened.id();
        }

        @Override
        public drp.core.chat.ChatResponse chat(drp.core.chat.ChatRequest request) {
            return opened.model().chat(request);
        }

        @Override
        public drp.core.chat.TargetScore score(drp.core.chat.ScoreRequest request) {
            return opened.model().score(request);
        }

        @Override
        public void close() {
            release(opened);
        }
    }
}
