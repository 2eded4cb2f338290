package drp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every gold answer of MATH500 and PRM12K, read and re-spelled. */
class BenchmarkGoldsTest {

    private static List<String> golds(Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(json.readTree(line).get("answer").asText());
        }
        return out;
    }

    @Test
    void allButFourOf12500GoldsAreReadable() throws Exception {
        List<String> all = new ArrayList<>(golds(SharedData.require("benchmarks/math500/test.jsonl")));
        all.addAll(golds(SharedData.require("benchmarks/prm12k/train.jsonl")));
        assertThat(all).hasSize(12_500);
        List<String> unreadable = new ArrayList<>();
        for (String g : all) {
            try {
                AnswerParser.parse(LatexNormalizer.normalize(g), null);
            } catch (AnswerParseException e) {
                unreadable.add(g);
            }
        }
        // two empty golds, a segment name and a fraction of a triangle: compared as text
        assertThat(unreadable).containsExactlyInAnyOrder("", "", "\\overline{CD}", "\\frac{1}{7}\\triangle ABC");
    }

    @Test
    void everyMath500GoldEqualsItsRespellings() throws Exception {
        try (EquivalenceChecker checker = new EquivalenceChecker()) {
            for (String g : golds(SharedData.require("benchmarks/math500/test.jsonl"))) {
                for (String v : List.of("$" + g + "$", "\\boxed{" + g + "}", g.replace("\\frac", "\\dfrac"),
                        g.replace("(", "\\left(").replace(")", "\\right)"), g.replace("+", " + ") + ".")) {
                    Verdict verdict = checker.check(g, v);
                    assertThat(verdict.isCorrect()).as(g + " vs " + v + ": " + verdict.reason()).isTrue();
                }
            }
        }
    }
}
