package drp.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalDistributionTest {

    /** Python 3.11 {@code math.erfc(x)} (libm). */
    @ParameterizedTest(name = "erfc({0})")
    @CsvSource({
            "0.1, 0.8875370839817152",
            "0.5, 0.4795001221869535",
            "1.0, 0.15729920705028513",
            "1.7, 0.016209541409225436",
            "2.4, 0.0006885138966450789",
            "2.6, 0.00023603441652934908",
            "3.0, 2.2090496998585438e-05",
            "4.5, 1.9661604415428873e-10",
            "6.0, 2.1519736712498916e-17",
            "10.0, 2.088487583762545e-45",
    })
    void erfcMatchesLibm(double x, double expected) {
        assertThat(NormalDistribution.erfc(x)).isCloseTo(expected, within(expected * 1e-13));
        assertThat(NormalDistribution.erfc(-x)).isCloseTo(2 - expected, within(1e-15));
    }

    /** scipy 1.17.1 scipy.stats.norm. */
    @Test
    void tails() {
        assertThat(NormalDistribution.cdf(1.96)).isCloseTo(0.9750021048517795, within(1e-15));
        assertThat(NormalDistribution.cdf(-1.5)).isCloseTo(0.06680720126885807, within(1e-15));
        assertThat(NormalDistribution.sf(3)).isCloseTo(0.0013498980316300933, within(1e-16));
        assertThat(NormalDistribution.sf(5)).isCloseTo(2.866515718791933e-07, within(1e-19));
        assertThat(NormalDistribution.sf(10)).isCloseTo(7.61985302416047e-24, within(1e-35));
        assertThat(NormalDistribution.cdf(0)).isEqualTo(0.5);
    }
}
