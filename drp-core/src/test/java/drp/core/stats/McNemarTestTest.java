package drp.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class McNemarTestTest {

    @ParameterizedTest(name = "b={0} c={1} -> p={2}")
    @CsvSource({
            // by hand: 2 * (C(10,0) + C(10,1)) / 2^10 = 22/1024
            "1, 9, 0.021484375",
            // by hand: 2 * (1/2)^5
            "0, 5, 0.0625",
            // equal discordant counts: p = 1
            "3, 3, 1.0",
            "0, 0, 1.0",
            // scipy 1.17.1: scipy.stats.binomtest(b, b + c, 0.5).pvalue
            "10, 25, 0.016673847800120715",
            "100, 130, 0.05561357778139238",
            "500, 560, 0.06990955946026937",
            // symmetric in b and c
            "25, 10, 0.016673847800120715",
    })
    void exactTwoSidedP(int b, int c, double expected) {
        assertThat(McNemarTest.of(b, c, 7, 4).pValue()).isCloseTo(expected, within(expected * 1e-12));
    }

    @Test
    void countsPairedOutcomes() {
        boolean[] a = {true, true, false, false, true, false};
        boolean[] b = {true, false, true, true, true, false};
        McNemarTest t = McNemarTest.of(a, b);
        assertThat(t.onlyA()).isEqualTo(1);
        assertThat(t.onlyB()).isEqualTo(2);
        assertThat(t.both()).isEqualTo(2);
        assertThat(t.neither()).isEqualTo(1);
        assertThat(t.pValue()).isEqualTo(1.0); // 2 * P(X <= 1 | n = 3) = 2 * 4/8
    }

    @Test
    void hugeCountsDoNotUnderflow() {
        // 2^-3000 underflows a double; the log-space sum does not. P is tiny but positive for a
        // lopsided table and 1 for a balanced one.
        assertThat(McNemarTest.of(1000, 2000, 0, 0).pValue()).isGreaterThan(0).isLessThan(1e-70);
        assertThat(McNemarTest.of(1500, 1501, 0, 0).pValue()).isCloseTo(1.0, within(1e-9));
    }
}
