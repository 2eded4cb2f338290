package drp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class EquivalencePairsTest {

    private static final EquivalenceChecker CHECKER = new EquivalenceChecker();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void close() {
        CHECKER.close();
    }

    private static List<JsonNode> run(String input, StringWriter out, EquivalencePairs.Summary[] summary) throws Exception {
        summary[0] = new EquivalencePairs(CHECKER, 2).run(new BufferedReader(new StringReader(input)), "pairs.jsonl", out);
        return out.toString().lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
    }

    @Test
    void oneVerdictPerPairInInputOrder() throws Exception {
        String input = """
                {"gold": "\\\\frac{1}{2}", "pred": "0.5", "id": "p1"}

                {"gold": "(1,2)", "pred": "(2,1)"}
                {"gold": 27.0, "pred": "27"}
                {"gold": "5", "pred": null}
                {"gold": "(x-2)(x+2)", "pred": "x^2-4"}
                """;
        EquivalencePairs.Summary[] summary = new EquivalencePairs.Summary[1];
        List<JsonNode> rows = run(input, new StringWriter(), summary);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).get("id").asText()).isEqualTo("p1");
        assertThat(rows.get(0).get("verdict").asText()).isEqualTo("CORRECT");
        assertThat(rows.get(0).get("rule").asText()).isEqualTo("exact");
        assertThat(rows.get(0).get("gold_normalized").asText()).isEqualTo("\\frac{1}{2}");
        assertThat(rows.get(1).get("verdict").asText()).isEqualTo("WRONG");
        assertThat(rows.get(1).has("id")).isFalse();
        assertThat(rows.get(2).get("verdict").asText()).as("a numeric gold such as AMC's 27.0").isEqualTo("CORRECT");
        assertThat(rows.get(3).get("verdict").asText()).isEqualTo("UNPARSEABLE");
        assertThat(rows.get(4).get("verdict").asText()).isEqualTo("CORRECT");
        assertThat(rows.get(4).get("rule").asText()).isEqualTo("symbolic");
        assertThat(rows.get(4).get("reason").asText()).contains("PossibleZeroQ");
        assertThat(summary[0]).isEqualTo(new EquivalencePairs.Summary(5, 3, 1, 1, 0));
    }

    @Test
    void badLinesNameTheSourceTheLineAndTheField() {
        EquivalencePairs pairs = new EquivalencePairs(CHECKER, 1);
        assertThatThrownBy(() -> pairs.run(new BufferedReader(new StringReader("{\"gold\": \"1\", \"pred\": \"1\"}\n{\"gold\": \"2\"}\n")),
                "pairs.jsonl", new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pairs.jsonl:2: missing field 'pred'");
        assertThatThrownBy(() -> pairs.run(new BufferedReader(new StringReader("not json\n")), "in.jsonl", new StringWriter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("in.jsonl:1: not valid JSON");
        assertThatThrownBy(() -> pairs.run(new BufferedReader(new StringReader("[1, 2]\n")), "in.jsonl", new StringWriter()))
                .hasMessage("in.jsonl:1: expected a JSON object with fields gold and pred");
        assertThatThrownBy(() -> pairs.run(new BufferedReader(new StringReader("{\"gold\": {\"a\": 1}, \"pred\": \"1\"}\n")),
                "in.jsonl", new StringWriter()))
                .hasMessage("in.jsonl:1: field 'gold' must be a string or a number, got object");
        assertThatThrownBy(() -> pairs.run(new BufferedReader(new StringReader("{\"gold\": null, \"pred\": \"1\"}\n")),
                "in.jsonl", new StringWriter()))
                .hasMessage("in.jsonl:1: field 'gold' must be a string or a number, got null");
    }

    @Test
    void theExplanationShowsEverythingTheCommandPrints() {
        Explanation e = CHECKER.explain("\\dfrac{1}{29,\\!322,\\!216}", "\\frac{1}{29322216}");
        assertThat(e.verdict().label()).isEqualTo("CORRECT");
        assertThat(e.rule()).isEqualTo(DecidingRule.IDENTICAL);
        assertThat(e.goldNormalized()).isEqualTo("\\frac{1}{29322216}");
        assertThat(e.describe()).contains("verdict:    CORRECT").contains("normalized \\frac{1}{29322216}");
        Explanation tuple = CHECKER.explain("(1,\\frac{9}{2})", "(1, 4.5)");
        assertThat(tuple.goldRead()).isEqualTo("(1, 9/2)");
        assertThat(tuple.predictedRead()).isEqualTo("(1, 9/2)");
        assertThat(tuple.verdict().reason()).contains("tuple of 2").contains("gold '(1,\\frac{9}{2})'");
    }
}
