package drp.core.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The Wilcoxon signed-rank test that paired differences are symmetric about zero (two-sided).
 *
 * <p>Zero differences are dropped before ranking (Wilcoxon's convention, scipy's default
 * {@code zero_method="wilcox"}). The absolute values of the remaining {@code n} differences get
 * ranks 1..n, tied values their average rank; {@code W+} is the sum of the ranks of positive
 * differences. For {@code n <= }{@value #EXACT_LIMIT} the p-value is exact: the distribution of
 * {@code W+} over all 2^n sign assignments of these ranks (with ties, the exact conditional
 * distribution of the mid-ranks), {@code p = min(1, 2 min(P(W+ <= w), P(W+ >= w)))}. Above that it
 * uses the normal approximation with mean {@code n(n+1)/4}, variance
 * {@code n(n+1)(2n+1)/24 - sum(t^3 - t)/48} over tie groups of size t, and a continuity correction
 * of 0.5 towards the mean, as scipy's {@code method="approx", correction=True}.
 *
 * @param n       non-zero differences (the test's sample size)
 * @param zeros   zero differences dropped
 * @param wPlus   sum of ranks of positive differences (R's V)
 * @param wMinus  sum of ranks of negative differences
 * @param z       the normal deviate when {@code method} is NORMAL, else null
 * @param pValue  two-sided p-value
 * @param method  how the p-value was computed
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WilcoxonSignedRankTest(int n, int zeros, double wPlus, double wMinus, Double z, double pValue,
        Method method) {

    /** Up to this many non-zero differences the p-value is exact. */
    public static final int EXACT_LIMIT = 50;

    public enum Method {
        EXACT, NORMAL;

        @JsonValue
        public String json() {
            return name().toLowerCase();
        }
    }

    /** The test on differences {@code d[i] = b[i] - a[i]}. */
    public static WilcoxonSignedRankTest of(double[] differences) {
        double[] nonZero = Arrays.stream(differences).filter(d -> d != 0).toArray();
        for (double d : nonZero) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("differences must be finite, found " + d);
            }
        }
        int n = nonZero.length;
        int zeros = differences.length - n;
        if (n == 0) {
            return new WilcoxonSignedRankTest(0, zeros, 0, 0, null, 1.0, Method.EXACT);
        }
        double[] ranks = midRanksOfAbsolute(nonZero);
        double wPlus = 0;
        for (int i = 0; i < n; i++) {
            if (nonZero[i] > 0) {
                wPlus += ranks[i];
            }
        }
        double total = n * (n + 1) / 2.0;
        double wMinus = total - wPlus;
        if (n <= EXACT_LIMIT) {
            return new WilcoxonSignedRankTest(n, zeros, wPlus, wMinus, null, exactP(ranks, wPlus), Method.EXACT);
        }
        double mean = n * (n + 1) / 4.0;
        double variance = n * (n + 1) * (2.0 * n + 1) / 24.0 - tieCorrection(ranks) / 48.0;
        double deviation = wPlus - mean;
        deviation -= 0.5 * Math.signum(deviation); // continuity correction
        double z = variance > 0 ? deviation / Math.sqrt(variance) : 0;
        double p = Math.min(1.0, 2 * NormalDistribution.sf(Math.abs(z)));
        return new WilcoxonSignedRankTest(n, zeros, wPlus, wMinus, z, p, Method.NORMAL);
    }

    /** Average ranks of |d|, 1-based. */
    static double[] midRanksOfAbsolute(double[] d) {
        int n = d.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> Math.abs(d[i])));
        double[] ranks = new double[n];
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && Math.abs(d[order[end + 1]]) == Math.abs(d[order[start]])) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int j = start; j <= end; j++) {
                ranks[order[j]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }

    /** sum over tie groups of (t^3 - t). */
    private static double tieCorrection(double[] ranks) {
        double[] sorted = ranks.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (int start = 0; start < sorted.length; ) {
            int end = start;
            while (end + 1 < sorted.length && sorted[end + 1] == sorted[start]) {
                end++;
            }
            double t = end - start + 1;
            sum += t * t * t - t;
            start = end + 1;
        }
        return sum;
    }

    /**
     * Exact two-sided p: counts the sign assignments by their W+ with a subset-sum table over
     * doubled ranks (mid-ranks are multiples of 1/2, so doubled they are integers).
     */
    private static double exactP(double[] ranks, double wPlus) {
        int[] doubled = new int[ranks.length];
        int max = 0;
        for (int i = 0; i < ranks.length; i++) {
            doubled[i] = (int) Math.round(2 * ranks[i]);
            max += doubled[i];
        }
        // counts[s] = number of sign assignments with 2 W+ = s; at most 2^50, exact in a double
        double[] counts = new double[max + 1];
        counts[0] = 1;
        int reach = 0;
        for (int r : doubled) {
            for (int s = reach; s >= 0; s--) {
                if (counts[s] != 0) {
                    counts[s + r] += counts[s];
                }
            }
            reach += r;
        }
        long w = Math.round(2 * wPlus);
        double below = 0;
        double above = 0;
        double total = Math.pow(2, ranks.length);
        for (int s = 0; s <= max; s++) {
            if (s <= w) {
                below += counts[s];
            }
            if (s >= w) {
                above += counts[s];
            }
        }
        return Math.min(1.0, 2 * Math.min(below, above) / total);
    }
}
