package drp.core.stats;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The mean and sample standard deviation of a few values, e.g. one accuracy per seed.
 *
 * @param n    how many values
 * @param mean their mean (null when n = 0)
 * @param sd   their sample standard deviation, with n - 1 in the denominator (null when n < 2)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Spread(int n, Double mean, Double sd) {

    public static Spread of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Spread(0, null, null);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        if (n < 2) {
            return new Spread(n, mean, null);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new Spread(n, mean, Math.sqrt(squares / (n - 1)));
    }
}
