package drp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.testing.SharedData;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Options read from problem texts, and letters checked against values through them. */
class ChoiceOptionsTest {

    static final EquivalenceChecker CHECKER = new EquivalenceChecker();

    /** AMC style, as MATH keeps it: PRM12K train/counting_and_probability/5108 (gold 2148). */
    static final String AMC = """
            How many triangles with positive area have all their vertices at points $(i,j)$ in the coordinate plane, where $i$ and $j$ are integers between $1$ and $5$, inclusive?
            $\\textbf{(A)}\\ 2128 \\qquad\\textbf{(B)}\\ 2148 \\qquad\\textbf{(C)}\\ 2160 \\qquad\\textbf{(D)}\\ 2200 \\qquad\\textbf{(E)}\\ 2300$
            """;

    /** MATH style: one option per line, a letter gold ("Enter the letter of the correct option."). */
    static final String MATH = """
            Find the curve defined by the equation
            \\[r = \\frac{6}{2 + 3 \\sin \\theta}.\\](A) Line
            (B) Circle
            (C) Parabola
            (D) Ellipse
            (E) Hyperbola

            Enter the letter of the correct option.""";

    /** Options inside one \\mathrm group each, with a picture whose dot(A) is not a marker. */
    static final String MATHRM = """
            [asy] pair A=(0,0); dot(A); label("$A$",A); [/asy]
            A regular octahedron is formed by joining the centers of adjoining faces of a cube. The ratio of the volume of the octahedron to the volume of the cube is
            $\\mathrm{(A) \\frac{\\sqrt{3}}{12} } \\qquad \\mathrm{(B) \\frac{\\sqrt{6}}{16} } \\qquad \\mathrm{(C) \\frac{1}{6} } \\qquad \\mathrm{(D) \\frac{\\sqrt{2}}{8} } \\qquad \\mathrm{(E) \\frac{1}{4} }$
            """;

    @AfterAll
    static void close() {
        CHECKER.close();
    }

    @Test
    void readsAmcStyleOptions() {
        assertThat(ChoiceOptions.of(AMC).options()).containsExactly(Map.entry('A', "2128"), Map.entry('B', "2148"),
                Map.entry('C', "2160"), Map.entry('D', "2200"), Map.entry('E', "2300"));
    }

    @Test
    void readsOneOptionPerLine() {
        assertThat(ChoiceOptions.of(MATH).options()).containsExactly(Map.entry('A', "Line"), Map.entry('B', "Circle"),
                Map.entry('C', "Parabola"), Map.entry('D', "Ellipse"), Map.entry('E', "Hyperbola"));
    }

    @Test
    void readsOptionsInsideGroupsAndSkipsPictures() {
        ChoiceOptions o = ChoiceOptions.of(MATHRM);
        assertThat(o.options()).hasSize(5);
        assertThat(o.value('A')).contains("\\frac{\\sqrt{3}}{12}");
        assertThat(o.value('C')).contains("\\frac{1}{6}");
        assertThat(o.value('E')).contains("\\frac{1}{4}");
    }

    @Test
    void aProblemWithoutOptionsHasNone() {
        assertThat(ChoiceOptions.of("What is $1+1$?").isEmpty()).isTrue();
        // P(A) and cos(A) are not options, though A and B follow each other
        assertThat(ChoiceOptions.of("Find $P(A)$ and $P(B)$ where $\\cos(A) = 1/2$.").isEmpty()).isTrue();
        assertThat(ChoiceOptions.of("Only (A) is listed.").isEmpty()).isTrue();
    }

    @Test
    void readsLetters() {
        ChoiceOptions o = ChoiceOptions.of(AMC);
        assertThat(o.letterOf("C")).contains('C');
        assertThat(o.letterOf("(C)")).contains('C');
        assertThat(o.letterOf("\\text{(C)}")).contains('C');
        assertThat(o.letterOf("\\textbf{(C) }2160")).contains('C');
        assertThat(o.letterOf("(c)")).contains('C');
        assertThat(o.letterOf("c")).isEmpty(); // a lower-case letter alone is a variable
        assertThat(o.letterOf("F")).isEmpty(); // not an option
        assertThat(o.letterOf("2160")).isEmpty();
        assertThat(ChoiceOptions.NONE.letterOf("C")).isEmpty();
    }

    @Test
    void aLetterIsCheckedAgainstAValueGoldThroughItsOption() {
        ChoiceOptions o = ChoiceOptions.of(AMC);
        Verdict right = o.check(CHECKER, "2148", "B");
        assertThat(right.isCorrect()).as(right.reason()).isTrue();
        assertThat(right.reason()).startsWith("option (B) is '2148': ");
        assertThat(o.check(CHECKER, "2148", "\\textbf{(B)}").isCorrect()).isTrue();
        assertThat(o.check(CHECKER, "2148", "C")).isInstanceOf(Verdict.Wrong.class);
        // without the options the letter cannot be checked
        assertThat(ChoiceOptions.NONE.check(CHECKER, "2148", "B")).isInstanceOf(Verdict.Wrong.class);
    }

    @Test
    void aValueIsCheckedAgainstALetterGoldThroughItsOption() {
        ChoiceOptions o = ChoiceOptions.of(MATHRM);
        assertThat(o.check(CHECKER, "\\text{(C)}", "\\frac{1}{6}").isCorrect()).isTrue();
        assertThat(o.check(CHECKER, "\\text{(C)}", "1/6").isCorrect()).isTrue();
        assertThat(o.check(CHECKER, "\\text{(C)}", "\\frac{1}{4}")).isInstanceOf(Verdict.Wrong.class);
        ChoiceOptions words = ChoiceOptions.of(MATH);
        assertThat(words.check(CHECKER, "\\text{(E)}", "hyperbola").isCorrect()).isTrue();
        assertThat(words.check(CHECKER, "\\text{(E)}", "Ellipse")).isInstanceOf(Verdict.Wrong.class);
    }

    @Test
    void twoLettersOrTwoValuesAreCheckedAsTheyAre() {
        ChoiceOptions o = ChoiceOptions.of(AMC);
        assertThat(o.check(CHECKER, "\\text{(B)}", "B").reason()).doesNotContain("option (");
        assertThat(o.check(CHECKER, "2148", "2148").reason()).doesNotContain("option (");
        assertThat(o.check(CHECKER, "\\text{(B)}", "(C)")).isInstanceOf(Verdict.Wrong.class);
    }

    /** The three multiple-choice traces: the model gave letters, the data the options' values. */
    @Test
    void theR1TracesLettersAreTheRightOptions() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> checked = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.r1Traces())) {
            JsonNode r = json.readTree(line);
            String id = r.get("problem_id").asText();
            if (List.of("problem_3108", "problem_3112", "problem_3113").contains(id)) {
                String gold = r.get("gt_answer").asText();
                String letter = r.get("model_answer").asText();
                assertThat(CHECKER.check(gold, letter)).as(id + " without options").isInstanceOf(Verdict.Wrong.class);
                Verdict v = ChoiceOptions.of(r.get("problem").asText()).check(CHECKER, gold, letter);
                assertThat(v.isCorrect()).as(id + ": " + v.reason()).isTrue();
                checked.add(id);
            }
        }
        assertThat(checked).hasSize(3);
    }

    /**
     * Every MATH500 and PRM12K problem that lists options: a letter gold names a listed option, and
     * a value gold equals exactly one option's value, except where the gold is no single option.
     */
    @Test
    void mathGoldsMatchTheirOptions() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int withOptions = 0;
        int letterGolds = 0;
        int valueGolds = 0;
        List<String> unmatched = new ArrayList<>();
        for (String file : List.of("benchmarks/math500/test.jsonl", "benchmarks/prm12k/train.jsonl")) {
            for (String line : Files.readAllLines(SharedData.require(file))) {
                JsonNode r = json.readTree(line);
                ChoiceOptions o = ChoiceOptions.of(r.get("problem").asText());
                if (o.isEmpty()) {
                    continue;
                }
                withOptions++;
                String gold = r.get("answer").asText();
                Optional<Character> letter = o.letterOf(gold);
                if (letter.isPresent()) {
                    letterGolds++;
                    continue;
                }
                long equal = o.options().values().stream().filter(v -> CHECKER.check(gold, v).isCorrect()).count();
                assertThat(equal).as(r.get("unique_id").asText() + ": " + gold + " in " + o.options()).isLessThanOrEqualTo(1);
                if (equal == 1) {
                    valueGolds++;
                } else {
                    unmatched.add(r.get("unique_id").asText());
                }
            }
        }
        assertThat(withOptions).isEqualTo(133);
        assertThat(letterGolds).isEqualTo(34);
        assertThat(valueGolds).isEqualTo(93);
        // three golds name several letters (\text{A,C,F}), two are empty, and one problem's
        // "options" are clauses of a sentence
        assertThat(unmatched).containsExactlyInAnyOrder("test/precalculus/202.json", "train/precalculus/353.json",
                "train/precalculus/849.json", "train/number_theory/7115.json", "train/number_theory/7117.json",
                "train/prealgebra/225.json");
    }
}
