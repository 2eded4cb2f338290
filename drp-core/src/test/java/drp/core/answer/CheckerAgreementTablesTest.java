package drp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kinds of pairs on which drp disagreed with the checkers users know (Math-Verify, the
 * Qwen2.5-Math and MARIO graders, lm-eval's): free-text predictions, LaTeX spellings and rounded
 * predictions. One table per kind under {@code equivalence/agreement/}, written for drp (no
 * checker's own test data), each with right and wrong rows; every row runs the whole path of
 * {@code drp equiv} ({@link EquivalenceChecker#explain}: extract, normalize, read, compare).
 */
class CheckerAgreementTablesTest {

    static final EquivalenceChecker CHECKER = new EquivalenceChecker();
    static final EquivalenceChecker ROUNDED = new EquivalenceChecker(EquivalenceOptions.DEFAULTS.withRoundedPredictions(true));

    static final List<String> KINDS = List.of("free_text", "shorthand_latex", "text_commands", "relations", "matrices",
            "systems", "mixed_numbers", "decimal_commas", "approximations_rounded", "approximations_exact");

    @AfterAll
    static void close() {
        CHECKER.close();
        ROUNDED.close();
    }

    static void assertVerdict(EquivalenceChecker checker, EquivalenceTable.Row row) {
        Explanation e = checker.explain(row.gold(), row.predicted());
        String got = switch (e.verdict()) {
            case Verdict.Correct c -> "correct";
            case Verdict.Wrong w -> "wrong";
            case Verdict.Unparseable u -> "unparseable";
            case Verdict.TimedOut t -> "timeout";
        };
        assertThat(got).as("%s\n%s", row, e.describe()).isEqualTo(row.expected());
    }

    @ParameterizedTest(name = "{0}") @MethodSource("free_text") void freeTextPredictions(EquivalenceTable.Row r) { assertVerdict(CHECKER, r); }
    @ParameterizedTest(name = "{0}") @MethodSource("shorthand_latex") void shorthandSqrtAndFrac(EquivalenceTable.Row r) { assertVerdict(CHECKER, r); }
    @ParameterizedTest(name = "{0}") @MethodSource("text_commands") void unitsInTextnormalAndMbox(EquivalenceTable.Row r) { assertVerdict(CHECKER, r); }
    @ParameterizedTest(name = "{0}") @MethodSource("relations") void relationSpellings(EquivalenceTable.Row r) { assertVerdict(CHECKER, r); }
    @ParameterizedTest(name = "{0}") @MethodSource("matrices") void matrixEnvironments(EquivalenceTable.Row r) { assertVerdict(CHECKER, r); }
    @ParameterizedTest(name = "{0}") @MethodSource("systems") void systemsInCases(EquivalenceTable.Row r) { assertVerdict(CHECKER, r); }
    @ParameterizedTest(name = "{0}") @MethodSource("mixed_numbers") void plainMixedNumbers(EquivalenceTable.Row r) { assertVerdict(CHECKER, r); }
    @ParameterizedTest(name = "{0}") @MethodSource("decimal_commas") void decimalCommas(EquivalenceTable.Row r) { assertVerdict(CHECKER, r); }
    @ParameterizedTest(name = "{0}") @MethodSource("approximations_rounded") void roundedPredictionsOn(EquivalenceTable.Row r) { assertVerdict(ROUNDED, r); }
    @ParameterizedTest(name = "{0}") @MethodSource("approximations_exact") void roundedPredictionsOff(EquivalenceTable.Row r) { assertVerdict(CHECKER, r); }

    /** The rounded setting changes only rounded decimals: every other kind's table reads the same under it. */
    @ParameterizedTest(name = "{0}") @MethodSource("notApproximations") void otherKindsUnchangedWhenRounding(EquivalenceTable.Row r) { assertVerdict(ROUNDED, r); }

    static List<EquivalenceTable.Row> free_text() { return kind("free_text"); }
    static List<EquivalenceTable.Row> shorthand_latex() { return kind("shorthand_latex"); }
    static List<EquivalenceTable.Row> text_commands() { return kind("text_commands"); }
    static List<EquivalenceTable.Row> relations() { return kind("relations"); }
    static List<EquivalenceTable.Row> matrices() { return kind("matrices"); }
    static List<EquivalenceTable.Row> systems() { return kind("systems"); }
    static List<EquivalenceTable.Row> mixed_numbers() { return kind("mixed_numbers"); }
    static List<EquivalenceTable.Row> decimal_commas() { return kind("decimal_commas"); }
    static List<EquivalenceTable.Row> approximations_rounded() { return kind("approximations_rounded"); }
    static List<EquivalenceTable.Row> approximations_exact() { return kind("approximations_exact"); }

    static List<EquivalenceTable.Row> notApproximations() {
        return KINDS.stream().filter(k -> !k.startsWith("approximations")).flatMap(k -> kind(k).stream()).toList();
    }

    static List<EquivalenceTable.Row> kind(String name) {
        return EquivalenceTable.rows("agreement/" + name);
    }

    /** At least 300 pairs, every kind with right and wrong rows. */
    @Test
    void everyKindHasPositiveAndNegativeRows() {
        int total = 0;
        for (String k : KINDS) {
            List<EquivalenceTable.Row> rows = kind(k);
            assertThat(rows).as(k).anyMatch(r -> r.expected().equals("correct")).anyMatch(r -> r.expected().equals("wrong"));
            total += rows.size();
        }
        assertThat(total).isGreaterThanOrEqualTo(300);
    }
}
