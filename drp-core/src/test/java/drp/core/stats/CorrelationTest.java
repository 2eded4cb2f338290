package drp.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Pearson's r and its Fisher-z interval against values worked out apart (in Python's math module). */
class CorrelationTest {

    @Test
    void rAndItsIntervalMatchCorTest() {
        // sxy 16, sxx 17.5, syy 23.33: r = 16 / sqrt(408.33); z = atanh(r) +- 1.95996 / sqrt(3)
        Correlation c = Correlation.pearson(new double[] {1, 2, 3, 4, 5, 6}, new double[] {2, 1, 4, 3, 7, 5}, 0.95);
        assertThat(c.r()).isCloseTo(0.7917946548886297, within(1e-12));
        assertThat(c.interval().low()).isCloseTo(-0.05531, within(1e-4));
        assertThat(c.interval().high()).isCloseTo(0.97611, within(1e-4));
    }

    @Test
    void perfectAndTooFewPoints() {
        assertThat(Correlation.pearson(new double[] {1, 2, 3, 4, 5}, new double[] {10, 8, 6, 4, 2}, 0.95).r())
                .isCloseTo(-1, within(1e-12));
        assertThat(Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, 3, 2}, 0.95).interval()).isNull();
        assertThatThrownBy(() -> Correlation.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3}, 0.95))
                .hasMessageContaining("vary");
    }

    @Test
    void theNormalQuantileInvertsTheCdf() {
        assertThat(NormalDistribution.quantile(0.975)).isCloseTo(1.959963985, within(1e-8));
        assertThat(NormalDistribution.quantile(0.5)).isCloseTo(0, within(1e-12));
    }
}
