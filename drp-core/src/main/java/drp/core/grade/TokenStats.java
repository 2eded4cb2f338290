package drp.core.grade;

import com.fasterxml.jackson.annotation.JsonInclude;
import drp.core.stats.Interval;
import drp.core.stats.Quantile;
import drp.core.stats.Spread;
import java.util.Arrays;

/**
 * Output-token statistics of a set of outputs. All but {@code n} are null when {@code n} is 0.
 *
 * @param n      outputs with a known token count
 * @param mean   mean tokens per output
 * @param meanCi bootstrap interval of the mean (problems resampled), null when not computed
 * @param sd     sample standard deviation over outputs
 * @param median median (type-7 quantile)
 * @param p90    90th percentile (type-7 quantile)
 * @param max    the longest output
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TokenStats(int n, Double mean, Interval meanCi, Double sd, Double median, Double p90, Integer max) {

    static TokenStats of(int[] tokens, Interval meanCi) {
        if (tokens.length == 0) {
            return new TokenStats(0, null, null, null, null, null, null);
        }
        double[] sorted = Arrays.stream(tokens).asDoubleStream().sorted().toArray();
        Spread spread = Spread.of(sorted);
        return new TokenStats(tokens.length, spread.mean(), meanCi, spread.sd(), Quantile.of(sorted, 0.5),
                Quantile.of(sorted, 0.9), (int) sorted[sorted.length - 1]);
    }
}
