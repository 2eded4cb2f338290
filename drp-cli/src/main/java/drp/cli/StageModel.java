package drp.cli;

import drp.core.chat.ChatModel;
import drp.core.chat.ModelId;
import drp.llm.cache.CacheStats;
import drp.llm.cache.CallCache;
import drp.llm.chat.RetryStats;
import drp.llm.endpoint.OpenedModel;
import drp.llm.meter.Budget;
import drp.llm.meter.CostEstimate;
import drp.llm.meter.ModelUsage;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A model opened for one run of a stage, with what watches over its calls: the call cache, the
 * usage meter, the budget. Reports what they saw, for the terminal and for run.json (never a key).
 */
final class StageModel implements AutoCloseable {

    private final OpenedModel opened;
    private final CallCache cache;
    private final UsageMeter meter;
    private final Budget budget;
    private final boolean noCache;

    StageModel(OpenedModel opened, CallCache cache, UsageMeter meter, Budget budget, boolean noCache) {
        this.opened = opened;
        this.cache = cache;
        this.meter = meter;
        this.budget = budget;
        this.noCache = noCache;
    }

    ChatModel model() {
        return opened.model();
    }

    ModelId id() {
        return opened.id();
    }

    OpenedModel opened() {
        return opened;
    }

    Optional<CallCache> cache() {
        return Optional.ofNullable(cache);
    }

    UsageMeter meter() {
        return meter;
    }

    Optional<Budget> budget() {
        return Optional.ofNullable(budget);
    }

    Optional<Price> price() {
        return opened.price();
    }

    /** "1.2M tokens in, 340k out, $1.23": for progress lines. */
    String progress() {
        long in = 0;
        long out = 0;
        for (ModelUsage u : meter.snapshot()) {
            in += u.promptTokens();
            out += u.completionTokens();
        }
        String cost = price().isPresent() && !price().get().isFree()
                ? String.format(Locale.ROOT, ", $%.4f", meter.totalCost()) : "";
        return tokens(in) + " tokens in, " + tokens(out) + " out" + cost;
    }

    /** Prints the estimate before a stage starts. */
    void printEstimate(PrintWriter out, String stage, long requests, long promptTokens, long completionTokens, Price price) {
        if (price != null && price.isFree()) {
            out.printf(Locale.ROOT, "%s: estimate %,d requests, %s tokens in + %s out; free (no price, or an in-process model)%n",
                    stage, requests, tokens(promptTokens), tokens(completionTokens));
        } else if (price == null) {
            out.printf(Locale.ROOT, "%s: estimate %,d requests, %s tokens in + %s out; no price for model %s in the config,"
                    + " so no cost estimate%n", stage, requests, tokens(promptTokens), tokens(completionTokens), id().model());
        } else {
            out.printf("%s: estimate %s, before cache hits%n", stage,
                    new CostEstimate(requests, promptTokens, completionTokens, price).describe());
        }
        budget().ifPresent(b -> out.printf(Locale.ROOT, "%s: budget $%.4f (--max-cost)%n", stage, b.max()));
        out.flush();
    }

    /** Prints what the calls cost and how the cache and retries fared. */
    void printReport(PrintWriter out) {
        for (ModelUsage u : meter.snapshot()) {
            out.printf(Locale.ROOT, "calls              %,d answered, %,d failed (%s)%n", u.requests(), u.failures(), u.model());
            out.printf(Locale.ROOT, "tokens             %,d in, %,d out%n", u.promptTokens(), u.completionTokens());
            if (price().isPresent() && !price().get().isFree()) {
                out.printf(Locale.ROOT, "cost               $%.4f%n", u.cost());
            }
        }
        if (meter.snapshot().isEmpty()) {
            out.println("calls              none sent");
        }
        if (cache != null && !noCache) {
            CacheStats s = cache.stats();
            out.printf(Locale.ROOT, "cache              %,d hits, %,d misses, %,d stored (%s)%n", s.hits(), s.misses(), s.writes(),
                    cache.file());
        } else {
            out.println("cache              off");
        }
        RetryStats r = opened.retryStats();
        out.printf(Locale.ROOT, "retries            %,d attempts for %,d calls, %,d retried, %,d gave up%n", r.attempts(),
                r.calls(), r.retries(), r.exhausted());
        out.flush();
    }

    /** What the calls did, for run.json. */
    Map<String, Object> usage() {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("endpoint", opened.endpoint().text());
        usage.put("model", id().toString());
        long requests = 0;
        long failures = 0;
        long in = 0;
        long out = 0;
        for (ModelUsage u : meter.snapshot()) {
            requests += u.requests();
            failures += u.failures();
            in += u.promptTokens();
            out += u.completionTokens();
        }
        usage.put("requests", requests);
        usage.put("failed_requests", failures);
        usage.put("prompt_tokens", in);
        usage.put("completion_tokens", out);
        usage.put("cost_usd", price().isPresent() ? meter.totalCost() : null);
        budget().ifPresent(b -> usage.put("max_cost_usd", b.max()));
        if (cache != null && !noCache) {
            CacheStats s = cache.stats();
            usage.put("cache", Map.of("hits", s.hits(), "misses", s.misses(), "writes", s.writes(), "corrupt", s.corrupt()));
        } else {
            usage.put("cache", "off");
        }
        RetryStats r = opened.retryStats();
        usage.put("retries", Map.of("calls", r.calls(), "attempts", r.attempts(), "retries", r.retries(), "gave_up", r.exhausted()));
        return usage;
    }

    static String tokens(long n) {
        return n >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", n / 1e6)
                : n >= 10_000 ? String.format(Locale.ROOT, "%.0fk", n / 1e3) : String.format(Locale.ROOT, "%,d", n);
    }

    @Override
    public void close() {
        try {
            opened.close();
        } finally {
            if (cache != null) {
                cache.close();
            }
        }
    }
}
