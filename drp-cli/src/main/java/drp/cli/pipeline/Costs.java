package drp.cli.pipeline;

import drp.core.bench.Benchmark;
import drp.core.problem.Problem;
import drp.llm.meter.TokenEstimate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The cost lines of a dry run: tokens in and out of a stage's requests, priced when the price is known. */
final class Costs {

    private Costs() {}

    /** Estimated prompt tokens of {@code problems} as {@code benchmark} asks them (3.5 characters a token). */
    static long promptTokens(Benchmark benchmark, List<Problem> problems) {
        long tokens = 0;
        for (Problem p : problems) {
            tokens += TokenEstimate.approximateTokens(benchmark.prompt(p).length()) + 4;
        }
        return tokens;
    }

    /** "  ~1.2M tokens in + at most 3.4M out: at most $12.34 (gpt-4o)", or why there is no price. */
    static String line(RunContext ctx, String endpoint, long requests, long promptTokens, long completionTokens) {
        Optional<double[]> price = ctx.models().price(endpoint);
        String tokens = String.format(Locale.ROOT, "  ~%s tokens in + at most %s out", count(promptTokens),
                count(completionTokens));
        if (price.isEmpty()) {
            return tokens + "; no price for " + endpoint + " in the pipeline's prices, so no cost estimate";
        }
        double cost = (promptTokens * price.get()[0] + completionTokens * price.get()[1]) / 1e6;
        return tokens + (cost == 0 ? ": free" : String.format(Locale.ROOT, ": at most $%.2f", cost));
    }

    /** The upper bound in dollars of these tokens, or 0 when the price is unknown. */
    static double upperBound(RunContext ctx, String endpoint, long promptTokens, long completionTokens) {
        return ctx.models().price(endpoint).map(p -> (promptTokens * p[0] + completionTokens * p[1]) / 1e6).orElse(0.0);
    }

    static String count(long n) {
        return n >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", n / 1e6)
                : n >= 10_000 ? String.format(Locale.ROOT, "%.0fk", n / 1e3) : String.format(Locale.ROOT, "%,d", n);
    }
}
