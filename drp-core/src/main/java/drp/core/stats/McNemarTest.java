package drp.core.stats;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The exact McNemar test of two paired binary outcomes: under the null hypothesis that both runs
 * are equally accurate, each discordant pair is equally likely to favour either run, so the count
 * favouring A is Binomial(b + c, 1/2). The two-sided p-value is
 * {@code min(1, 2 P(X <= min(b, c)))}, the same as R's {@code binom.test(b, b + c)} and scipy's
 * {@code binomtest(b, b + c, 0.5)} (the distribution is symmetric).
 *
 * @param onlyA   pairs where only run A is correct (b)
 * @param onlyB   pairs where only run B is correct (c)
 * @param both    pairs where both are correct (not used by the test; reported)
 * @param neither pairs where neither is correct (not used by the test; reported)
 * @param pValue  two-sided exact p-value
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record McNemarTest(int onlyA, int onlyB, int both, int neither, double pValue) {

    public McNemarTest {
        if (onlyA < 0 || onlyB < 0 || both < 0 || neither < 0) {
            throw new IllegalArgumentException("counts must be non-negative");
        }
    }

    /** The test on a 2x2 table of paired outcomes. */
    public static McNemarTest of(int onlyA, int onlyB, int both, int neither) {
        return new McNemarTest(onlyA, onlyB, both, neither, twoSidedP(onlyA, onlyB));
    }

    /** The test on paired outcomes {@code a[i]}, {@code b[i]} (true = correct). */
    public static McNemarTest of(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired outcomes differ in length: " + a.length + " and " + b.length);
        }
        int onlyA = 0;
        int onlyB = 0;
        int both = 0;
        int neither = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) {
                both++;
            } else if (a[i]) {
                onlyA++;
            } else if (b[i]) {
                onlyB++;
            } else {
                neither++;
            }
        }
        return of(onlyA, onlyB, both, neither);
    }

    /** 2 P(X <= min(b, c)) for X ~ Binomial(b + c, 1/2), capped at 1; summed in log space. */
    static double twoSidedP(int b, int c) {
        int n = b + c;
        int m = Math.min(b, c);
        if (n == 0 || 2 * m == n) {
            return 1.0;
        }
        // log P(X = m) = log C(n, m) - n log 2; the lower tail's terms shrink going down from m
        double logPm = -n * Math.log(2);
        for (int j = 1; j <= m; j++) {
            logPm += Math.log((double) (n - m + j) / j);
        }
        double relative = 1.0; // P(X = i) / P(X = m), summed for i = m, m-1, ..., 0
        double sum = 1.0;
        for (int i = m; i > 0; i--) {
            relative *= (double) i / (n - i + 1);
            sum += relative;
            if (relative < sum * 1e-17) {
                break;
            }
        }
        return Math.min(1.0, 2 * Math.exp(logPm + Math.log(sum)));
    }
}
