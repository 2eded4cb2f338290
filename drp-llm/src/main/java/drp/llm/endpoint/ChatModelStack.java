package drp.llm.endpoint;

import drp.core.chat.ChatModel;
import drp.llm.batch.BatchOptions;
import drp.llm.batch.OpenAiBatchRunner;
import drp.llm.cache.CacheMode;
import drp.llm.cache.CallCache;
import drp.llm.chat.BalancedChatModel;
import drp.llm.chat.BudgetGuardedChatModel;
import drp.llm.chat.CachedChatModel;
import drp.llm.chat.ConcurrencyLimitedChatModel;
import drp.llm.chat.MeteredChatModel;
import drp.llm.chat.RateLimitedChatModel;
import drp.llm.chat.RetryPolicy;
import drp.llm.chat.RetryStats;
import drp.llm.chat.RetryingChatModel;
import drp.llm.chat.Sleeper;
import drp.llm.chat.Ticker;
import drp.llm.meter.Budget;
import drp.llm.meter.Price;
import drp.llm.meter.PriceTable;
import drp.llm.meter.TokenEstimate;
import drp.llm.meter.UsageMeter;
import drp.llm.openai.ApiKey;
import drp.llm.openai.OpenAiChatModel;
import drp.llm.openai.OpenAiEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Builds the decorated {@link ChatModel} a stage talks to, from an {@link EndpointSpec}:
 *
 * <pre>
 * cache -> rate limit -> retry -> budget -> meter -> balance -> (concurrency limit -> SDK adapter) per server
 * </pre>
 *
 * A cache hit costs nothing below it; retries are the only retries (the SDK's are off); the budget
 * and the meter see every attempt; each server has its own limit on calls in flight. Parts not
 * given are left out (no cache, no meter, no budget).
 *
 * <pre>{@code
 * EndpointSpec spec = config.resolve("openai:http://127.0.0.1:8000/v1#qwen", null);
 * try (CallCache cache = CallCache.open(runDir.resolve("calls.sqlite"));
 *      ChatModel model = ChatModelStack.of(spec).cache(cache, CacheMode.USE).meter(meter)
 *              .prices(config.prices()).budget(budget).build()) {
 *     ChatResponse answer = model.chat(request);
 * }
 * }</pre>
 */
public final class ChatModelStack {

    private final EndpointSpec spec;
    private Function<String, String> environment = System::getenv;
    private PriceTable prices = PriceTable.EMPTY;
    private CallCache cache;
    private CacheMode cacheMode = CacheMode.USE;
    private UsageMeter meter;
    private Budget budget;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private RetryStats retryStats = new RetryStats();
    private TokenEstimate tokenEstimate = TokenEstimate.approximate();
    private long expectedCompletionTokens = 4096;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration cooldown = Duration.ofSeconds(5);
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Ticker ticker = Ticker.SYSTEM;
    private RandomGenerator random = RandomGenerator.getDefault();

    private ChatModelStack(EndpointSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    public static ChatModelStack of(EndpointSpec spec) {
        return new ChatModelStack(spec);
    }

    /** Where keys are read from; {@code System::getenv} unless a test says otherwise. */
    public ChatModelStack environment(Function<String, String> env) {
        this.environment = env;
        return this;
    }

    public ChatModelStack prices(PriceTable table) {
        this.prices = table;
        return this;
    }

    /** Answers from and stores into {@code callCache}; {@link CacheMode#OFF} is {@code --no-cache}. */
    public ChatModelStack cache(CallCache callCache, CacheMode mode) {
        this.cache = callCache;
        this.cacheMode = mode;
        return this;
    }

    public ChatModelStack meter(UsageMeter usageMeter) {
        this.meter = usageMeter;
        return this;
    }

    /** Refuses calls that could push spending past {@code cap}; needs a known price. */
    public ChatModelStack budget(Budget cap) {
        this.budget = cap;
        return this;
    }

    public ChatModelStack retry(RetryPolicy policy) {
        this.retry = policy;
        return this;
    }

    /** Counters to share between models (e.g. for the run's report). */
    public ChatModelStack retryStats(RetryStats stats) {
        this.retryStats = stats;
        return this;
    }

    /** How prompts are counted before sending: approximate by default, exact with the model's tokenizer. */
    public ChatModelStack tokenEstimate(TokenEstimate estimate) {
        this.tokenEstimate = estimate;
        return this;
    }

    /** Tokens per choice to assume for requests without max_tokens (rate limits, budget); 4096 by default. */
    public ChatModelStack expectedCompletionTokens(long tokens) {
        this.expectedCompletionTokens = tokens;
        return this;
    }

    public ChatModelStack connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    /** How long a server whose connection failed is avoided while others are healthy. */
    public ChatModelStack cooldown(Duration duration) {
        this.cooldown = duration;
        return this;
    }

    /** Time, for tests: back-off and rate-limit waits. */
    public ChatModelStack time(Ticker t, Sleeper s) {
        this.ticker = t;
        this.sleeper = s;
        return this;
    }

    public ChatModelStack random(RandomGenerator r) {
        this.random = r;
        return this;
    }

    public RetryStats retryStats() {
        return retryStats;
    }

    /** The price the stack meters and budgets with: the endpoint's, else the table's. */
    public Optional<Price> price() {
        return spec.price(prices);
    }

    /**
     * A Batch API runner for this endpoint (its first base URL), sharing the cache and the meter set
     * here; usage is metered at half the price, the Batch API's discount.
     */
    public OpenAiBatchRunner batch(Path stateFile, BatchOptions options) {
        Optional<ApiKey> key = spec.key().resolve(environment, spec.name());
        OpenAiEndpoint endpoint = new OpenAiEndpoint(spec.baseUrls().getFirst(), spec.model(), key.orElse(null),
                spec.timeout(), connectTimeout, spec.maxTokensField(), spec.maxConcurrency());
        OpenAiBatchRunner runner = new OpenAiBatchRunner(endpoint, stateFile, options).sleeper(sleeper);
        if (cache != null && cacheMode != CacheMode.OFF) {
            runner.cache(cache);
        }
        if (meter != null) {
            runner.meter(meter, price().orElse(Price.FREE).times(0.5));
        }
        return runner;
    }

    /**
     * The decorated model. Reads the key now, so a missing variable fails here, before any work.
     *
     * @throws IllegalArgumentException when the key cannot be read, or a budget is set for a model without a price
     */
    public ChatModel build() {
        Optional<ApiKey> key = spec.key().resolve(environment, spec.name());
        Optional<Price> price = price();
        if (budget != null && price.isEmpty()) {
            throw new IllegalArgumentException("endpoint " + spec.name() + ": a cost cap (--max-cost) needs the price of model "
                    + spec.model() + "; give it under prices: or the endpoint's price:");
        }
        List<ChatModel> servers = new ArrayList<>();
        for (URI url : spec.baseUrls()) {
            OpenAiEndpoint endpoint = new OpenAiEndpoint(url, spec.model(), key.orElse(null), spec.timeout(),
                    connectTimeout, spec.maxTokensField(), spec.maxConcurrency());
            servers.add(new ConcurrencyLimitedChatModel(new OpenAiChatModel(endpoint), spec.maxConcurrency()));
        }
        ChatModel model = new BalancedChatModel(spec.modelId(), servers, cooldown, ticker);
        if (meter != null) {
            model = new MeteredChatModel(model, meter, price.orElse(Price.FREE));
        }
        if (budget != null) {
            model = new BudgetGuardedChatModel(model, budget, price.orElseThrow(), tokenEstimate, expectedCompletionTokens);
        }
        model = new RetryingChatModel(model, retry, sleeper, random, retryStats);
        if (!spec.rateLimits().isNone()) {
            model = new RateLimitedChatModel(model, spec.rateLimits(), tokenEstimate, expectedCompletionTokens, ticker, sleeper);
        }
        if (cache != null && cacheMode != CacheMode.OFF) {
            model = new CachedChatModel(model, cache, cacheMode);
        }
        return model;
    }
}
