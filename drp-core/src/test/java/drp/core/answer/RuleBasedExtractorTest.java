package drp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleBasedExtractorTest {

    private final RuleBasedExtractor extractor = new RuleBasedExtractor();

    private static Arguments row(String text, String answer, ExtractionRule rule, String comment) {
        return Arguments.of(text, answer, rule, comment);
    }

    static Stream<Arguments> boxes() {
        return Stream.of(
                row("so $\\boxed{5}$.", "5", ExtractionRule.BOXED, "simple box"),
                row("\\boxed{\\frac{1}{2}}", "\\frac{1}{2}", ExtractionRule.BOXED, "nested braces"),
                row("\\boxed{\\frac{\\sqrt{3}}{\\left(2\\right)}}", "\\frac{\\sqrt{3}}{\\left(2\\right)}", ExtractionRule.BOXED, "deeper nesting"),
                row("the answer: \\boxed 5 and more", "5", ExtractionRule.BOXED, "unbraced argument"),
                row("$\\boxed 12$", "12", ExtractionRule.BOXED, "unbraced argument ends at the dollar"),
                row("\\boxed{\\text{(A)}}", "\\text{(A)}", ExtractionRule.BOXED, "text inside the box"),
                row("first \\boxed{3}, then \\boxed{4}", "4", ExtractionRule.BOXED, "the last box wins when text stands between"),
                row("\\fbox{7}", "7", ExtractionRule.BOXED, "fbox"),
                row("The solutions are \\boxed{81} and \\boxed{256}.", "81, 256", ExtractionRule.BOXED, "boxes joined by and"),
                row("$\\boxed{-2}$, $\\boxed{1}$", "-2, 1", ExtractionRule.BOXED, "boxes joined by a comma"),
                row("\\boxed{1}\\boxed{2}", "1, 2", ExtractionRule.BOXED, "adjacent boxes"),
                row("\\boxed{2} is wrong; \\boxed{3", "2", ExtractionRule.BOXED, "an unclosed last box is skipped"),
                row("\\boxed{} but \\boxed{9} earlier? no: \\boxed{}", "9", ExtractionRule.BOXED, "empty boxes are skipped"),
                row("\\boxed{\\{1, 2\\}}", "\\{1, 2\\}", ExtractionRule.BOXED, "escaped braces do not count"),
                row("\\boxedx = 3", "3", ExtractionRule.LAST_NUMBER, "another command is not a box"));
    }

    static Stream<Arguments> phrases() {
        return Stream.of(
                row("Natalia sold 72 clips.\n#### 72", "72", ExtractionRule.HASH_MARK, "GSM8K marker"),
                row("#### 1,000", "1,000", ExtractionRule.HASH_MARK, "marker keeps separators for the checker"),
                row("So the answer is 12 apples. Then we stop.", "12 apples", ExtractionRule.THE_ANSWER_IS, "up to the end of the sentence"),
                row("The answer is $\\frac{1}{2}$ because it halves.", "\\frac{1}{2}", ExtractionRule.THE_ANSWER_IS, "the math span"),
                row("the answer is: 3.5.", "3.5", ExtractionRule.THE_ANSWER_IS, "a decimal point is not the end"),
                row("The answer is 12, which is even.", "12", ExtractionRule.THE_ANSWER_IS, "a clause after the answer"),
                row("The answer is 7 because 3+4=7", "7", ExtractionRule.THE_ANSWER_IS, "a reason after the answer"),
                row("The answer is 3, 4, and 5.", "3, 4, and 5", ExtractionRule.THE_ANSWER_IS, "a list stays a list"),
                row("The answer is \\(x = 2\\).", "x = 2", ExtractionRule.THE_ANSWER_IS, "parenthesis delimiters"),
                row("The answer is $\\$5$.", "\\$5", ExtractionRule.THE_ANSWER_IS, "an escaped dollar inside the span"),
                row("Final Answer: The final answer is $28\\%$. I hope it is correct.", "28\\%", ExtractionRule.THE_ANSWER_IS,
                        "Minerva style: the phrase rule comes first in the default order"),
                row("**Final Answer**\n42", "42", ExtractionRule.FINAL_ANSWER_IS, "answer on the next line"),
                row("Final Answer: 17", "17", ExtractionRule.FINAL_ANSWER_IS, "colon form"),
                row("My final answer is **8**.", "8", ExtractionRule.FINAL_ANSWER_IS, "bold answer"),
                row("we get 1,234 and then 56.7 units", "56.7", ExtractionRule.LAST_NUMBER, "the last number"),
                row("it is -3/4 of it", "-3/4", ExtractionRule.LAST_NUMBER, "a fraction with a sign"),
                row("about 12,345,678 people", "12345678", ExtractionRule.LAST_NUMBER, "separators removed"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource({"boxes", "phrases"})
    void findsTheAnswerAndTheRule(String text, String answer, ExtractionRule rule, String comment) {
        Optional<ExtractedAnswer> found = extractor.extract(text);
        assertThat(found).as(comment).isPresent();
        assertThat(found.get().text()).as(comment).isEqualTo(answer);
        assertThat(found.get().rule()).as(comment).isEqualTo(rule);
        assertThat(found.get().fromThink()).isFalse();
    }

    private final RuleBasedExtractor freeText = new RuleBasedExtractor(RuleBasedExtractor.FREE_TEXT_ORDER);

    /** {@link RuleBasedExtractor#FREE_TEXT_ORDER}: how the checker reads a free-text prediction. */
    static Stream<Arguments> freeTextOrder() {
        return Stream.of(
                row("Answer: $ 12 $", "12", ExtractionRule.THE_ANSWER_IS, "Answer: with a spaced math span"),
                row("**Answer:** $12$", "12", ExtractionRule.THE_ANSWER_IS, "bold Answer:"),
                row("answer: 12", "12", ExtractionRule.THE_ANSWER_IS, "lower-case answer:"),
                row("Final Answer: The final answer is $100$. I hope it is correct.", "100", ExtractionRule.THE_ANSWER_IS,
                        "a phrase inside another phrase's line: the last one"),
                row("Final answer \\[ 12 \\]", "12", ExtractionRule.FINAL_ANSWER_IS, "final answer over display math"),
                row("Hence $y \\le 7$ holds.", "y \\le 7", ExtractionRule.LAST_MATH, "the last math span"),
                row("We have $x = 2$ and $y = 3$, so $xy = 6$.", "xy = 6", ExtractionRule.LAST_MATH, "the last of several spans"),
                row("equals $$\\frac34$$ here", "\\frac34", ExtractionRule.LAST_MATH, "display dollars"),
                row("so \\(t \\ne 4\\) and \\[ t = 5 \\] wait", "t = 5", ExtractionRule.LAST_MATH, "\\( and \\[ spans"),
                row("costs \\$5 and $x=3$", "x=3", ExtractionRule.LAST_MATH, "an escaped dollar opens no span"),
                row("The area is 3 and the perimeter is 7", "7", ExtractionRule.LAST_NUMBER, "no math: the last number"),
                row("First $\\boxed{5}$, then $2 \\cdot 5$ gives \\boxed{10}.", "10", ExtractionRule.BOXED, "a box beats later spans"),
                row("Because $a$ is odd, the answer is $9$, not $7$.", "9", ExtractionRule.THE_ANSWER_IS, "answer is beats a later span"),
                row("Final Answer: The volume of $ABCD$ is 120. I hope it is correct.", "120", ExtractionRule.FINAL_ANSWER_IS,
                        "a sentence stating the answer after 'is'"),
                row("Final Answer: The largest $n$ is $34$.", "34", ExtractionRule.FINAL_ANSWER_IS, "the stated value in a span"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("freeTextOrder")
    void readsFreeTextLikeTheCheckers(String text, String answer, ExtractionRule rule, String comment) {
        Optional<ExtractedAnswer> found = freeText.extract(text);
        assertThat(found).as(comment).isPresent();
        assertThat(found.get().text()).as(comment).isEqualTo(answer);
        assertThat(found.get().rule()).as(comment).isEqualTo(rule);
    }

    static Stream<Arguments> freeTextOrNot() {
        return Stream.of(
                Arguments.of("Answer: 12", true, "names an answer"),
                Arguments.of("Hence $y \\le 7$ holds.", true, "words around a math span"),
                Arguments.of("So we get $t \\ne 4$.", true, "a short sentence"),
                Arguments.of("There are \\boxed{18} ways", true, "words around a box"),
                Arguments.of("The area is 3 and the perimeter is 7", true, "three or more words"),
                Arguments.of("12", false, "a number"),
                Arguments.of("$\\frac{1}{2}$", false, "a math span alone"),
                Arguments.of("\\boxed{5}", false, "a box alone"),
                Arguments.of("5 apples", false, "a unit word"),
                Arguments.of("5225 cubic inches", false, "a two-word unit"),
                Arguments.of("x < -\\frac{7}{4} \\text{ or } x > -\\frac{3}{2}", false, "a connective in \\text"),
                Arguments.of("x < 3 or x > 5", false, "a plain connective"),
                Arguments.of("sin(30 degrees)", false, "a function and a unit"),
                Arguments.of("\\text{Evelyn}", false, "a text answer"),
                Arguments.of("$15\\mbox{ square feet}$", false, "a unit in a span"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("freeTextOrNot")
    void tellsFreeTextFromABareAnswer(String text, boolean expected, String comment) {
        assertThat(RuleBasedExtractor.isFreeText(text)).as(comment).isEqualTo(expected);
    }

    @Test
    void nothingToFind() {
        assertThat(extractor.extract("no numbers here")).isEmpty();
        assertThat(extractor.extract("")).isEmpty();
    }

    @Test
    void theOrderIsConfigurable() {
        String text = "The answer is 4. Check: \\boxed{5}";
        assertThat(extractor.extract(text).orElseThrow().text()).isEqualTo("5");
        RuleBasedExtractor phraseFirst = new RuleBasedExtractor(List.of(ExtractionRule.THE_ANSWER_IS, ExtractionRule.BOXED));
        assertThat(phraseFirst.extract(text).orElseThrow())
                .isEqualTo(new ExtractedAnswer("4", ExtractionRule.THE_ANSWER_IS));
        RuleBasedExtractor boxOnly = new RuleBasedExtractor(List.of(ExtractionRule.BOXED));
        assertThat(boxOnly.extract("The answer is 4.")).isEmpty();
        assertThatThrownBy(() -> new RuleBasedExtractor(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFinalPartComesFirst() {
        String text = "<think>maybe \\boxed{3}</think>\n\nThe answer is \\boxed{4}.";
        assertThat(extractor.extract(text).orElseThrow()).isEqualTo(new ExtractedAnswer("4", ExtractionRule.BOXED, false));
        // only the closing tag: the prompt opened the block
        assertThat(extractor.extract("we try 3...</think>\n\\boxed{7}").orElseThrow().text()).isEqualTo("7");
    }

    @Test
    void theThinkTextOnlyWhenConfigured() {
        String text = "<think>so the value is \\boxed{3}</think>\n\nDone.";
        assertThat(extractor.extract(text)).as("a rule finds nothing in the final part").isEmpty();
        RuleBasedExtractor withThink = new RuleBasedExtractor(RuleBasedExtractor.DEFAULT_ORDER, true);
        assertThat(withThink.extract(text).orElseThrow()).isEqualTo(new ExtractedAnswer("3", ExtractionRule.BOXED, true));
        assertThat(withThink.searchesThink()).isTrue();
    }

    @Test
    void anUnfinishedThinkBlockHasNoFinalPart() {
        String cut = "<think>we compute 2+2=4 and then";
        assertThat(extractor.extract(cut)).isEmpty();
        RuleBasedExtractor withThink = new RuleBasedExtractor(RuleBasedExtractor.DEFAULT_ORDER, true);
        assertThat(withThink.extract(cut).orElseThrow()).isEqualTo(new ExtractedAnswer("4", ExtractionRule.LAST_NUMBER, true));
    }

    @Test
    void lastBoxedIsPublicForOtherStages() {
        assertThat(RuleBasedExtractor.lastBoxed("a \\boxed{1} b \\boxed{2}")).contains("2");
        assertThat(RuleBasedExtractor.lastBoxed("none")).isEmpty();
    }
}
