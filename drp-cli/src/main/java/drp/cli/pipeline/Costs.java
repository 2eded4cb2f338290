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
        return line(ctx, endpoint, requests, promptTokens, completionTokens, 1.0);
    }

    /** The same, at {@code factor} times the price (0.5 for the Batch API). */
    static String line(RunContext ctx, String endpoint, long requests, long promptTokens, long completionTokens,
                       double factor) {
        Optional<double[]> price = ctx.models().price(endpoint).map(p -> new double[] {p[0] * factor, p[1] * factor});
        String tokens = String.format(Locale.ROOT, "  ~%s tokens in + at most %s out", count(promptTokens),
                count(completionTokens));
        if (price.isEmpty()) {
            return tokens + "; no price for " + endpoint + " in the pipeline's prices, so no cost estimate";
        }
        double cost = (promptTokens * price.get()[0] + completionTokens * price.get()[1]) / 1e6;
        return tokens + (cost == 0 ? ": free" : String.format(Locale.ROOT, ": at most $%.2f", cost));
    }

    static String count(long n) {
        return n >= 1_000_000 ? String.format(Locale.ROOT, "%.1fM", n / 1e6)
                : n >= 10_000 ? String.format(Locale.ROOT, "%.0fk", n / 1e3) : String.format(Locale.ROOT, "%,d", n);
    }
}
