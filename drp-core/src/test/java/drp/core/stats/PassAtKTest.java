package drp.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PassAtKTest {

    @Test
    void closedForms() {
        // pass@1 = c / n
        assertThat(PassAtK.estimate(10, 3, 1)).isCloseTo(0.3, within(1e-15));
        // 1 - C(3,2)/C(5,2) = 1 - 3/10, by hand
        assertThat(PassAtK.estimate(5, 2, 2)).isCloseTo(0.7, within(1e-15));
        // k = n: any correct sample makes it 1; none makes it 0
        assertThat(PassAtK.estimate(8, 1, 8)).isEqualTo(1.0);
        assertThat(PassAtK.estimate(8, 0, 8)).isEqualTo(0.0);
        // c = 1: 1 - C(n-1,k)/C(n,k) = k/n, by hand; large n stays exact-ish
        assertThat(PassAtK.estimate(1000, 1, 100)).isCloseTo(0.1, within(1e-12));
        // n - c < k: every k-subset holds a correct one
        assertThat(PassAtK.estimate(10, 8, 3)).isEqualTo(1.0);
    }

    @Test
    void meanOverProblems() {
        // (0.3 + 1.0) / 2
        assertThat(PassAtK.mean(new int[] {10, 4}, new int[] {3, 4}, 1)).isCloseTo(0.65, within(1e-15));
    }

    @Test
    void rejectsTooFewSamples() {
        assertThatThrownBy(() -> PassAtK.estimate(3, 1, 4)).hasMessageContaining("needs at least 4 samples");
        assertThatThrownBy(() -> PassAtK.estimate(3, 4, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The stable product equals 1 - C(n-c,k)/C(n,k) computed with exact big integers. */
    @Property(tries = 300)
    void productMatchesExactBinomials(@ForAll @IntRange(min = 1, max = 200) int n,
            @ForAll @IntRange(min = 0, max = 200) int c, @ForAll @IntRange(min = 1, max = 200) int k) {
        if (c > n || k > n) {
            return;
        }
        BigDecimal ratio = new BigDecimal(binomial(n - c, k)).divide(new BigDecimal(binomial(n, k)), MathContext.DECIMAL128);
        double exact = BigDecimal.ONE.subtract(ratio).doubleValue();
        assertThat(PassAtK.estimate(n, c, k)).isCloseTo(exact, within(1e-12));
    }

    private static BigInteger binomial(int n, int k) {
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        BigInteger r = BigInteger.ONE;
        for (int i = 1; i <= k; i++) {
            r = r.multiply(BigInteger.valueOf(n - k + i)).divide(BigInteger.valueOf(i));
        }
        return r;
    }
}
