package drp.llm.endpoint;

import drp.core.chat.ChatModel;
import drp.core.chat.ModelId;
import drp.llm.cache.CacheMode;
import drp.llm.cache.CallCache;
import drp.llm.chat.CachedChatModel;
import drp.llm.chat.MeteredChatModel;
import drp.llm.chat.RetryPolicy;
import drp.llm.chat.RetryStats;
import drp.llm.meter.Budget;
import drp.llm.meter.Price;
import drp.llm.meter.PriceTable;
import drp.llm.meter.UsageMeter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A model a stage talks to, opened from a {@link ModelEndpoint} with the run's cache, meter, budget
 * and retry policy. A remote endpoint gets the whole {@link ChatModelStack}; an in-process model
 * gets the cache and the meter (it costs nothing and fails in no way a retry would fix).
 */
public final class OpenedModel implements AutoCloseable {

    /**
     * What wraps the model.
     *
     * @param prices  the config's price table
     * @param cache   the call cache, or null for none
     * @param mode    how the cache is used
     * @param meter   counts calls, tokens and cost
     * @param budget  the spending cap, or null for none
     * @param retry   how failed calls are retried
     * @param timeout the most one call may take, or null for the endpoint's own
     */
    public record Settings(PriceTable prices, CallCache cache, CacheMode mode, UsageMeter meter, Budget budget,
            RetryPolicy retry, Duration timeout) {
        public Settings {
            Objects.requireNonNull(prices, "prices");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(meter, "meter");
            Objects.requireNonNull(retry, "retry");
        }
    }

    private final ModelEndpoint endpoint;
    private final ChatModel model;
    private final Optional<Price> price;
    private final RetryStats retryStats;
    private final ChatModelStack stack;

    private OpenedModel(ModelEndpoint endpoint, ChatModel model, Optional<Price> price, RetryStats retryStats,
            ChatModelStack stack) {
        this.endpoint = endpoint;
        this.model = model;
        this.price = price;
        this.retryStats = retryStats;
        this.stack = stack;
    }

    /**
     * Opens the endpoint: reads the key (a missing variable fails here, before any work) or loads
     * the model file.
     */
    public static OpenedModel open(ModelEndpoint endpoint, Settings s) {
        return switch (endpoint) {
            case ModelEndpoint.Remote r -> {
                EndpointSpec spec = s.timeout() == null ? r.spec() : r.spec().withTimeout(s.timeout());
                RetryStats stats = new RetryStats();
                ChatModelStack stack = ChatModelStack.of(spec).prices(s.prices()).meter(s.meter()).budget(s.budget())
                        .retry(s.retry()).retryStats(stats);
                if (s.cache() != null) {
                    stack.cache(s.cache(), s.mode());
                }
                yield new OpenedModel(endpoint, stack.build(), stack.price(), stats, stack);
            }
            case ModelEndpoint.Local l -> {
                ChatModel model = new MeteredChatModel(l.provider().open(l.location()), s.meter(), Price.FREE);
                if (s.cache() != null && s.mode() != CacheMode.OFF) {
                    model = new CachedChatModel(model, s.cache(), s.mode());
                }
                yield new OpenedModel(endpoint, model, Optional.of(Price.FREE), new RetryStats(), null);
            }
        };
    }

    /** The decorated model. */
    public ChatModel model() {
        return model;
    }

    public ModelId id() {
        return model.id();
    }

    public ModelEndpoint endpoint() {
        return endpoint;
    }

    /** The price calls are metered at; empty for a remote model without one. */
    public Optional<Price> price() {
        return price;
    }

    public RetryStats retryStats() {
        return retryStats;
    }

    /** The remote stack (for Batch API jobs); empty for an in-process model. */
    public Optional<ChatModelStack> stack() {
        return Optional.ofNullable(stack);
    }

    @Override
    public void close() {
        model.close();
    }
}
