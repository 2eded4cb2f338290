package drp.core.stats;

/** Sample quantiles, linear between order statistics (Hyndman and Fan type 7; numpy's and R's default). */
public final class Quantile {

    private Quantile() {}

    /** The {@code q}-quantile of {@code sorted} (ascending, non-empty), {@code 0 <= q <= 1}. */
    public static double of(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("quantile of no values");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile level must be in [0, 1], got " + q);
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
