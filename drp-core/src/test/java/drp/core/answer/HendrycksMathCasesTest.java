package drp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.testing.SharedData;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 16 answer-equivalence cases of the MATH paper's own checker tests
 * ({@code ../shared/data/equivalence/hendrycks-math.jsonl}). That checker compares bare lists in
 * order; drp compares them as sets by default (as Math-Verify does, and as MATH's "enter all
 * solutions, separated by commas" means), so two cases differ by design, and agree once
 * {@link EquivalenceOptions#orderedLists()} is on.
 */
class HendrycksMathCasesTest {

    private record Case(String test, String a, String b, boolean expected) {}

    private static List<Case> cases() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.require("equivalence/hendrycks-math.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                out.add(new Case(n.get("test").asText(), n.get("a").asText(), n.get("b").asText(), n.get("expected_equiv").asBoolean()));
            }
        }
        return out;
    }

    private static List<String> disagreements(EquivalenceOptions options) throws Exception {
        List<Case> cases = cases();
        assertThat(cases).hasSize(16);
        List<String> differ = new ArrayList<>();
        try (EquivalenceChecker checker = new EquivalenceChecker(options)) {
            for (Case c : cases) {
                Verdict v = checker.check(c.a(), c.b());
                assertThat(v).as(c.test()).isInstanceOfAny(Verdict.Correct.class, Verdict.Wrong.class);
                if (v.isCorrect() != c.expected()) {
                    differ.add(c.test());
                }
            }
        }
        return differ;
    }

    @Test
    void withListsAsSetsOnlyTheTwoOrderCasesDiffer() throws Exception {
        assertThat(disagreements(EquivalenceOptions.DEFAULTS)).containsExactly("test_order", "test_decimals");
    }

    @Test
    void withOrderedListsAllSixteenAgree() throws Exception {
        assertThat(disagreements(EquivalenceOptions.DEFAULTS.withOrderedLists(true))).isEmpty();
    }
}
