package drp.core.stats;

/**
 * Pearson's correlation of paired values with its confidence interval by Fisher's z-transform
 * ({@code atanh(r)} is about normal with standard error {@code 1 / sqrt(n - 3)}), the interval the
 * points themselves support: with few points (say, the arms of an ablation) it is wide, and it
 * should be.
 *
 * @param n        pairs
 * @param r        the correlation, in [-1, 1]
 * @param interval its 95% interval, or null when {@code n <= 3} (no interval exists)
 */
public record Correlation(int n, double r, Interval interval) {

    /** The correlation of {@code x} and {@code y} with a {@code confidence} interval. */
    public static Correlation pearson(double[] x, double[] y, double confidence) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired values: " + x.length + " x but " + y.length + " y");
        }
        int n = x.length;
        if (n < 2) {
            throw new IllegalArgumentException("a correlation needs at least 2 pairs, got " + n);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0 || syy == 0) {
            throw new IllegalArgumentException("a correlation needs values that vary on both sides");
        }
        double r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
        if (n <= 3) {
            return new Correlation(n, r, null);
        }
        double z = atanh(Math.max(-0.999999999, Math.min(0.999999999, r)));
        double half = NormalDistribution.quantile(0.5 + confidence / 2) / Math.sqrt(n - 3);
        return new Correlation(n, r, new Interval(Math.tanh(z - half), Math.tanh(z + half)));
    }

    private static double atanh(double r) {
        return 0.5 * Math.log((1 + r) / (1 - r));
    }
}
