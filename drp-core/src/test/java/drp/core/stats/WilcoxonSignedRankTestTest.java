package drp.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilcoxonSignedRankTestTest {

    /**
     * Hollander and Wolfe (1973), p. 29, the example of R's {@code ?wilcox.test}: Hamilton depression
     * scale before (x) and after (y) a tranquilizer, 9 patients. R:
     * {@code wilcox.test(x, y, paired = TRUE, alternative = "greater")} gives V = 40,
     * p-value = 0.01953 (= 10/512); scipy 1.17.1 {@code wilcoxon(x, y, method="exact")} gives the
     * two-sided p = 0.0390625.
     */
    @Test
    void hollanderWolfeExample() {
        double[] x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
        double[] y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i] - y[i];
        }
        WilcoxonSignedRankTest t = WilcoxonSignedRankTest.of(d);
        assertThat(t.n()).isEqualTo(9);
        assertThat(t.wPlus()).isEqualTo(40);
        assertThat(t.wMinus()).isEqualTo(5);
        assertThat(t.method()).isEqualTo(WilcoxonSignedRankTest.Method.EXACT);
        assertThat(t.pValue()).isCloseTo(0.0390625, within(1e-15));
    }

    /** scipy 1.17.1: {@code wilcoxon(d, method="exact")} -> statistic 75, p = 0.2773551940917969. */
    @Test
    void exactWithoutTies() {
        double[] d = {136, 244, -382, 246, -25, 12, 104, -172, 383, -357, -178, -94, 56, -74, -296, -364, -400,
                -361, -281, 399};
        WilcoxonSignedRankTest t = WilcoxonSignedRankTest.of(d);
        assertThat(Math.min(t.wPlus(), t.wMinus())).isEqualTo(75);
        assertThat(t.pValue()).isCloseTo(0.2773551940917969, within(1e-13));
    }

    /**
     * Ties and a zero, small n: the exact conditional p over mid-ranks, computed independently by
     * enumerating all 2^11 sign assignments in Python (scipy.stats.rankdata for the mid-ranks):
     * W+ = 43, P(W+ >= 43) = 426/2048, p = 2 * 426/2048 = 0.416015625.
     */
    @Test
    void exactWithTiesAgainstEnumeration() {
        double[] d = {3, -1, 2, 2, -2, 0, 4, -3, 1, 5, 2, -4};
        WilcoxonSignedRankTest t = WilcoxonSignedRankTest.of(d);
        assertThat(t.zeros()).isEqualTo(1);
        assertThat(t.n()).isEqualTo(11);
        assertThat(t.wPlus()).isEqualTo(43);
        assertThat(t.pValue()).isCloseTo(0.416015625, within(1e-15));
    }

    /**
     * n = 56 non-zero (60 differences, 4 zeros, many ties): the normal approximation. scipy 1.17.1
     * {@code wilcoxon(d, method="approx", correction=True, zero_method="wilcox")} gives statistic
     * 680 (= W-) and p = 0.33667206926179594.
     */
    @Test
    void normalApproximationWithTiesAndZeros() {
        double[] d = {6, -5, -4, -3, -4, 6, 7, 2, -6, -5, -2, 0, 3, 1, -3, -4, 4, 5, -6, -5, 0, -1, 7, 1, 0, 0, 3, 2,
                -4, 5, 5, 8, 5, -2, -2, 3, 3, 4, 7, -2, 8, -6, -5, 8, 8, -2, -4, -2, -6, 7, 3, 2, -3, 1, -4, 5, 1, -6,
                -3, 4};
        WilcoxonSignedRankTest t = WilcoxonSignedRankTest.of(d);
        assertThat(t.zeros()).isEqualTo(4);
        assertThat(t.n()).isEqualTo(56);
        assertThat(t.wPlus()).isEqualTo(916);
        assertThat(t.wMinus()).isEqualTo(680);
        assertThat(t.method()).isEqualTo(WilcoxonSignedRankTest.Method.NORMAL);
        assertThat(t.pValue()).isCloseTo(0.33667206926179594, within(1e-12));
    }

    @Test
    void allZeroDifferencesGiveNoEvidence() {
        WilcoxonSignedRankTest t = WilcoxonSignedRankTest.of(new double[] {0, 0, 0});
        assertThat(t.n()).isZero();
        assertThat(t.pValue()).isEqualTo(1.0);
    }

    @Test
    void allPositiveFiveIsTheSmallestExactTail() {
        // by hand: only the all-positive assignment reaches W+ = 15: p = 2 / 2^5
        assertThat(WilcoxonSignedRankTest.of(new double[] {1, 2, 3, 4, 5}).pValue()).isEqualTo(0.0625);
    }
}
