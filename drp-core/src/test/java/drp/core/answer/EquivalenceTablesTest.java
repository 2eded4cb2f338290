package drp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The equivalence checker against tables of cases, one table per phenomenon, in the manner of
 * Math-Verify's test suite: every row runs the whole path (normalize, read, compare) through
 * {@link #assertVerdict}. The tables are under {@code src/test/resources/drp/core/answer/equivalence}.
 */
class EquivalenceTablesTest {

    static final EquivalenceChecker CHECKER = new EquivalenceChecker();

    static final List<String> TABLES = List.of("integers_decimals", "fractions", "roots", "units_text",
            "percent_dollar_degrees", "thousands", "scientific", "mixed_numbers", "constants", "equations",
            "inequalities", "sets_lists", "tuples", "intervals", "matrices", "choices", "text_answers",
            "expressions_cas", "plus_minus", "malformed", "plain_text", "logarithms", "imaginary_unit", "functions",
            "lead_drp_equiv_review");

    @AfterAll
    static void close() {
        CHECKER.close();
    }

    /** The whole path for one row: the verdict's kind must be the expected one. */
    static void assertVerdict(EquivalenceTable.Row row) {
        Explanation e = CHECKER.explain(row.gold(), row.predicted());
        String got = switch (e.verdict()) {
            case Verdict.Correct c -> "correct";
            case Verdict.Wrong w -> "wrong";
            case Verdict.Unparseable u -> "unparseable";
            case Verdict.TimedOut t -> "timeout";
        };
        assertThat(got).as("%s\n%s", row, e.describe()).isEqualTo(row.expected());
    }

    @ParameterizedTest(name = "{0}") @MethodSource("integers_decimals") void integersAndDecimals(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("fractions") void fractions(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("roots") void roots(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("units_text") void unitsAndText(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("percent_dollar_degrees") void percentDollarDegrees(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("thousands") void thousandsSeparators(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("scientific") void scientificNotation(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("mixed_numbers") void mixedNumbers(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("constants") void constants(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("equations") void equations(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("inequalities") void inequalities(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("sets_lists") void setsAndLists(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("tuples") void tuples(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("intervals") void intervals(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("matrices") void matrices(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("choices") void multipleChoice(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("text_answers") void textAnswers(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("expressions_cas") void expressionsNeedingTheCas(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("plus_minus") void plusMinus(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("malformed") void malformedAnswers(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("plain_text") void plainTextMathematics(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("logarithms") void logarithmBases(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("imaginary_unit") void imaginaryUnitOrIndex(EquivalenceTable.Row r) { assertVerdict(r); }
    @ParameterizedTest(name = "{0}") @MethodSource("functions") void functionArgumentsAndDegrees(EquivalenceTable.Row r) { assertVerdict(r); }
    /** The lead's review of the merged engine with {@code drp equiv}: the failing cases, exactly as run. */
    @ParameterizedTest(name = "{0}") @MethodSource("lead_drp_equiv_review") void leadDrpEquivReview(EquivalenceTable.Row r) { assertVerdict(r); }

    static List<EquivalenceTable.Row> integers_decimals() { return EquivalenceTable.rows("integers_decimals"); }
    static List<EquivalenceTable.Row> fractions() { return EquivalenceTable.rows("fractions"); }
    static List<EquivalenceTable.Row> roots() { return EquivalenceTable.rows("roots"); }
    static List<EquivalenceTable.Row> units_text() { return EquivalenceTable.rows("units_text"); }
    static List<EquivalenceTable.Row> percent_dollar_degrees() { return EquivalenceTable.rows("percent_dollar_degrees"); }
    static List<EquivalenceTable.Row> thousands() { return EquivalenceTable.rows("thousands"); }
    static List<EquivalenceTable.Row> scientific() { return EquivalenceTable.rows("scientific"); }
    static List<EquivalenceTable.Row> mixed_numbers() { return EquivalenceTable.rows("mixed_numbers"); }
    static List<EquivalenceTable.Row> constants() { return EquivalenceTable.rows("constants"); }
    static List<EquivalenceTable.Row> equations() { return EquivalenceTable.rows("equations"); }
    static List<EquivalenceTable.Row> inequalities() { return EquivalenceTable.rows("inequalities"); }
    static List<EquivalenceTable.Row> sets_lists() { return EquivalenceTable.rows("sets_lists"); }
    static List<EquivalenceTable.Row> tuples() { return EquivalenceTable.rows("tuples"); }
    static List<EquivalenceTable.Row> intervals() { return EquivalenceTable.rows("intervals"); }
    static List<EquivalenceTable.Row> matrices() { return EquivalenceTable.rows("matrices"); }
    static List<EquivalenceTable.Row> choices() { return EquivalenceTable.rows("choices"); }
    static List<EquivalenceTable.Row> text_answers() { return EquivalenceTable.rows("text_answers"); }
    static List<EquivalenceTable.Row> expressions_cas() { return EquivalenceTable.rows("expressions_cas"); }
    static List<EquivalenceTable.Row> plus_minus() { return EquivalenceTable.rows("plus_minus"); }
    static List<EquivalenceTable.Row> malformed() { return EquivalenceTable.rows("malformed"); }
    static List<EquivalenceTable.Row> plain_text() { return EquivalenceTable.rows("plain_text"); }
    static List<EquivalenceTable.Row> logarithms() { return EquivalenceTable.rows("logarithms"); }
    static List<EquivalenceTable.Row> imaginary_unit() { return EquivalenceTable.rows("imaginary_unit"); }
    static List<EquivalenceTable.Row> functions() { return EquivalenceTable.rows("functions"); }
    static List<EquivalenceTable.Row> lead_drp_equiv_review() { return EquivalenceTable.rows("lead_drp_equiv_review"); }

    /** Every table has both kinds of rows, and together they make a broad suite. */
    @Test
    void tablesHaveTrueAndFalseRows() {
        int total = 0;
        for (String name : TABLES) {
            List<EquivalenceTable.Row> rows = EquivalenceTable.rows(name);
            assertThat(rows).as(name).anyMatch(r -> r.expected().equals("correct"));
            assertThat(rows).as(name).anyMatch(r -> !r.expected().equals("correct"));
            total += rows.size();
        }
        assertThat(total).isGreaterThanOrEqualTo(400);
    }
}
