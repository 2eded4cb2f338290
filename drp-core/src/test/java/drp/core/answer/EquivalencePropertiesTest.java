package drp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/** Laws the numeric fast path must obey for any numbers, not only the tabled ones. */
class EquivalencePropertiesTest {

    private static final EquivalenceChecker CHECKER = new EquivalenceChecker();

    @AfterContainer
    static void close() {
        CHECKER.close();
    }

    @Property(tries = 300)
    void aFractionEqualsItsScaledForm(@ForAll @IntRange(min = -10_000, max = 10_000) int a,
            @ForAll @IntRange(min = 1, max = 10_000) int b, @ForAll @IntRange(min = 1, max = 50) int k) {
        Verdict v = CHECKER.check("\\frac{" + a + "}{" + b + "}", "\\dfrac{" + (long) a * k + "}{" + (long) b * k + "}");
        assertThat(v.isCorrect()).as(v.reason()).isTrue();
    }

    @Property(tries = 300)
    void aTerminatingFractionEqualsItsDecimal(@ForAll @IntRange(min = -100_000, max = 100_000) int a,
            @ForAll @IntRange(min = 0, max = 6) int twos, @ForAll @IntRange(min = 0, max = 6) int fives) {
        long b = (long) Math.pow(2, twos) * (long) Math.pow(5, fives);
        String decimal = new BigDecimal(a).divide(new BigDecimal(b)).toPlainString();
        Verdict v = CHECKER.check(a + "/" + b, decimal);
        assertThat(v.isCorrect()).as(v.reason()).isTrue();
    }

    @Property(tries = 300)
    void differentIntegersAreWrongInBothDirections(@ForAll int a, @ForAll int b) {
        Assume.that(a != b);
        assertThat(CHECKER.check(String.valueOf(a), String.valueOf(b))).isInstanceOf(Verdict.Wrong.class);
        assertThat(CHECKER.check(String.valueOf(b), String.valueOf(a))).isInstanceOf(Verdict.Wrong.class);
    }

    @Property(tries = 200)
    void thousandsSeparatorsDoNotChangeTheValue(@ForAll @IntRange(min = 1000, max = Integer.MAX_VALUE) int n) {
        String grouped = String.format(java.util.Locale.ROOT, "%,d", n);
        assertThat(CHECKER.check(String.valueOf(n), grouped).isCorrect()).as(grouped).isTrue();
        assertThat(CHECKER.check(String.valueOf(n), grouped.replace(",", "{,}")).isCorrect()).isTrue();
        assertThat(CHECKER.check(String.valueOf(n), grouped.replace(",", ",\\!")).isCorrect()).isTrue();
    }

    @Property(tries = 200)
    void aListIsTheSameInAnyOrder(@ForAll @IntRange(min = -99, max = 99) int a, @ForAll @IntRange(min = -99, max = 99) int b,
            @ForAll @IntRange(min = -99, max = 99) int c) {
        assertThat(CHECKER.check(a + ", " + b + ", " + c, c + ", " + a + ", " + b).isCorrect()).isTrue();
        assertThat(CHECKER.check("(" + a + ", " + b + ")", "(" + a + ", " + b + ")").isCorrect()).isTrue();
    }
}
