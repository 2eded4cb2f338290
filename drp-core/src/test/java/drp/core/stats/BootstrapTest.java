package drp.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    /**
     * Coverage: 400 seeded samples of 100 draws from an exponential distribution with mean 1 (a
     * skewed case, like token counts); the 95% percentile interval of the mean should contain 1 in
     * about 95% of them. The percentile bootstrap under-covers a little for skewed data at n = 100
     * (about 93-94% in the literature), and with 400 trials the binomial sd is 1.1 points, so the
     * accepted band is [0.90, 0.98].
     */
    @Test
    void coversTheTrueMeanAtAboutTheNominalRate() {
        SplittableRandom data = new SplittableRandom(20250519);
        Bootstrap bootstrap = new Bootstrap(1000, 7, 0.95);
        int trials = 400;
        int covered = 0;
        for (int t = 0; t < trials; t++) {
            double[] sample = new double[100];
            for (int i = 0; i < sample.length; i++) {
                sample[i] = -Math.log(1 - data.nextDouble());
            }
            covered += bootstrap.meanInterval(sample).contains(1.0) ? 1 : 0;
        }
        double coverage = covered / (double) trials;
        assertThat(coverage).isBetween(0.90, 0.98);
    }

    /** A proportion's interval is close to the Wald interval p ± 1.96 sqrt(p(1-p)/n) for large n. */
    @Test
    void proportionIntervalIsCloseToTheNormalInterval() {
        double[] outcomes = new double[1000];
        for (int i = 0; i < 300; i++) {
            outcomes[i] = 1;
        }
        Interval ci = Bootstrap.defaults().meanInterval(outcomes);
        double half = 1.959964 * Math.sqrt(0.3 * 0.7 / 1000); // 0.0284
        assertThat(ci.low()).isCloseTo(0.3 - half, within(0.004));
        assertThat(ci.high()).isCloseTo(0.3 + half, within(0.004));
    }

    @Test
    void sameSeedSameInterval() {
        double[] values = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5};
        assertThat(new Bootstrap(2000, 1, 0.95).meanInterval(values))
                .isEqualTo(new Bootstrap(2000, 1, 0.95).meanInterval(values));
        assertThat(new Bootstrap(2000, 1, 0.95).meanInterval(values))
                .isNotEqualTo(new Bootstrap(2000, 2, 0.95).meanInterval(values));
    }

    /** Statistics of one call see the same resamples: a - a is exactly 0 in every resample. */
    @Test
    void statisticsShareResamples() {
        double[][] rows = {{1, 1}, {0, 1}, {1, 1}, {1, 1}, {0, 1}};
        List<Interval> ci = Bootstrap.defaults().intervals(rows, List.of(
                Bootstrap.Statistic.ratio(0, 1), s -> s[0] / s[1] - s[0] / s[1]));
        assertThat(ci.get(1)).isEqualTo(new Interval(0, 0));
        assertThat(ci.get(0).contains(0.6)).isTrue();
    }

    /** Resamples with a zero denominator are left out; none at all gives no interval. */
    @Test
    void undefinedResamplesAreLeftOut() {
        double[][] rows = {{5, 1}, {0, 0}, {0, 0}};
        Interval ci = new Bootstrap(500, 3, 0.95).interval(rows, Bootstrap.Statistic.ratio(0, 1));
        assertThat(ci).isEqualTo(new Interval(5, 5));
        assertThat(new Bootstrap(500, 3, 0.95).interval(new double[][] {{0, 0}}, Bootstrap.Statistic.ratio(0, 1)))
                .isNull();
        assertThat(Bootstrap.defaults().intervals(new double[0][], List.of(Bootstrap.Statistic.ratio(0, 1))))
                .containsExactly((Interval) null);
    }

    /** numpy 2.4.6: np.percentile([3,1,4,1,5,9,2,6,5,3,5], [2.5, 50, 90, 97.5]) = [1, 4, 6, 8.25]. */
    @Test
    void quantilesAreNumpysDefault() {
        double[] sorted = {1, 1, 2, 3, 3, 4, 5, 5, 5, 6, 9};
        assertThat(Quantile.of(sorted, 0.025)).isCloseTo(1, within(1e-12));
        assertThat(Quantile.of(sorted, 0.5)).isCloseTo(4, within(1e-12));
        assertThat(Quantile.of(sorted, 0.9)).isCloseTo(6, within(1e-12));
        assertThat(Quantile.of(sorted, 0.975)).isCloseTo(8.25, within(1e-12));
    }

    @Test
    void spreadUsesTheSampleStandardDeviation() {
        // by hand: mean 5, squared deviations 9+1+1+9 = 20, sd = sqrt(20/3)
        Spread s = Spread.of(new double[] {2, 4, 6, 8});
        assertThat(s.mean()).isEqualTo(5.0);
        assertThat(s.sd()).isCloseTo(Math.sqrt(20 / 3.0), within(1e-15));
        assertThat(Spread.of(new double[] {3}).sd()).isNull();
    }
}
