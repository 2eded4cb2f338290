package drp.core.stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import drp.core.grade.RunSummary;
import drp.core.stats.Interval;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The run directory's summary.json after {@code drp eval}: per model, per benchmark, the headline
 * numbers with their 95% bootstrap intervals. Each run of the stage updates the entries it computed
 * and keeps the others, so several models evaluated into one run directory end up side by side.
 *
 * @param models model name to benchmark name to entry
 */
public record EvalSummary(Map<String, Map<String, Entry>> models) {

    public static final EvalSummary EMPTY = new EvalSummary(Map.of());

    public EvalSummary {
        TreeMap<String, Map<String, Entry>> copy = new TreeMap<>();
        Objects.requireNonNull(models, "models").forEach((m, b) -> copy.put(m, new TreeMap<>(b)));
        models = copy;
    }

    /**
     * One model on one benchmark.
     *
     * @param n            graded outputs
     * @param accuracy     correct / n, or null when n is 0
     * @param accuracyCi   its bootstrap interval (problems resampled)
     * @param meanTokens   mean output tokens, or null when no output has a count
     * @param meanTokensCi its bootstrap interval
     * @param failures     outputs asked for but not graded: calls that failed, outputs that could
     *                     not be graded
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(int n, Double accuracy, Interval accuracyCi, Double meanTokens, Interval meanTokensCi,
            int failures) {

        /** The entry for a graded run of which {@code planned} outputs were asked for. */
        public static Entry of(RunSummary summary, int planned) {
            return new Entry(summary.n(), summary.accuracy(), summary.accuracyCi(), summary.meanTokens(),
                    summary.meanTokensCi(), Math.max(0, planned - summary.n()) + summary.failures());
        }
    }

    /** This summary with the entry of {@code model} on {@code benchmark} set. */
    public EvalSummary with(String model, String benchmark, Entry entry) {
        Map<String, Map<String, Entry>> copy = new TreeMap<>(models);
        Map<String, Entry> benchmarks = new TreeMap<>(copy.getOrDefault(model, Map.of()));
        benchmarks.put(benchmark, entry);
        copy.put(model, benchmarks);
        return new EvalSummary(copy);
    }
}
