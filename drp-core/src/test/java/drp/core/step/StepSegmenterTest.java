package drp.core.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StepSegmenterTest {

    private static final StepSegmenter SENTENCES = new StepSegmenter(Granularity.SENTENCE, new RuleBasedSkillTagger());
    private static final StepSegmenter SKILLS = new StepSegmenter(Granularity.SKILL, new RuleBasedSkillTagger());

    private static List<String> sentences(String text) {
        return SENTENCES.segment(text, "").stream().map(Step::content).toList();
    }

    /** One row per phenomenon: the text, then the sentences expected, separated by '|'. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            # plain sentences
            First step. Second step! Third?;                         First step.|Second step!|Third?
            # decimals are not sentence ends
            Pi is about 3.14 here. Next.;                           Pi is about 3.14 here.|Next.
            # abbreviations
            Use a formula, e.g. Heron's. Then stop.;                Use a formula, e.g. Heron's.|Then stop.
            It is approx. two. Yes.;                                It is approx. two.|Yes.
            # inline math in dollars is never cut
            We get $x = 1. Then y = 2$ here. Done.;                 We get $x = 1. Then y = 2$ here.|Done.
            # \\( ... \\) and \\[ ... \\]
            So \\(a. B\\) holds. Next.;                             So \\(a. B\\) holds.|Next.
            Thus \\[x. Y\\] is it. End.;                            Thus \\[x. Y\\] is it.|End.
            # a lower-case continuation is not a new sentence
            The value is x. then we add.;                           The value is x. then we add.
            # points named by capitals end sentences normally
            Take point A. Then B.;                                  Take point A.|Then B.
            """)
    void cutsSentencesWhereAReaderWould(String text, String expected) {
        assertThat(sentences(text)).containsExactly(expected.split("\\|"));
    }

    @org.junit.jupiter.api.Test
    void enumerationsAtLineStartAreNotSentences() {
        String text = "Steps:\n1. Compute f(17).\n2. Compute f(4).\n\nDone.";
        assertThat(sentences(text)).containsExactly("Steps:\n1. Compute f(17).", "2. Compute f(4).", "Done.");
    }

    @org.junit.jupiter.api.Test
    void paragraphsAreAlwaysBoundaries() {
        assertThat(sentences("No period here\n\nNext paragraph")).containsExactly("No period here", "Next paragraph");
    }

    @org.junit.jupiter.api.Test
    void displayMathWithBlankLinesInsideStaysWhole() {
        String text = "Consider\n\n$$\na = 1.\n\nb = 2\n$$\n\nDone.";
        List<String> units = sentences(text);
        assertThat(units).contains("$$\na = 1.\n\nb = 2\n$$");
    }

    @org.junit.jupiter.api.Test
    void skillStepsJoinALeadInWithWhatItIntroduces() {
        String text = "Let me compute the left side:\n\n5*(x + 2) = 5x + 10\n\nWait, hmm.\n\nSo the answer is \\boxed{3}.";
        List<Step> steps = SKILLS.segment(text, "Solve for x.");
        assertThat(steps).extracting(Step::content).containsExactly(
                "Let me compute the left side:\n\n5*(x + 2) = 5x + 10", "Wait, hmm.", "So the answer is \\boxed{3}.");
        assertThat(steps).extracting(Step::skill).containsExactly(Skill.ALGEBRA, Skill.REFLECTION, Skill.ANSWER);
    }

    @org.junit.jupiter.api.Test
    void emptyTextHasNoSteps() {
        assertThat(SKILLS.segment("", "q")).isEmpty();
    }

    // ---- properties: exact coverage and no cut inside math, at every granularity ----

    @Property(tries = 300)
    void stepsConcatenateToTheTextAndNeverCutMath(@ForAll("thinkTexts") String text, @ForAll Granularity granularity) {
        List<Step> steps = new StepSegmenter(granularity, new RuleBasedSkillTagger()).segment(text, "question");
        StringBuilder joined = new StringBuilder();
        int expectedStart = 0;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            assertThat(s.index()).isEqualTo(i);
            assertThat(s.span().start()).isEqualTo(expectedStart);
            assertThat(s.span().length()).isPositive();
            expectedStart = s.span().end();
            joined.append(s.text());
        }
        assertThat(joined.toString()).isEqualTo(text);
        MathRegions math = MathRegions.of(text);
        for (Step s : steps) {
            assertThat(math.protects(s.span().start())).as("cut at %d inside math in %s", s.span().start(), text).isFalse();
        }
    }

    @Provide
    Arbitrary<String> thinkTexts() {
        Arbitrary<String> word = Arbitraries.of("Wait", "so", "x", "the", "sum", "is", "3.14", "e.g.", "A.", "Hmm,",
                "1.", "let", "me", "check", "=", "+", "12", "\\boxed{4}", "approx.", "(b)", "i.e.");
        Arbitrary<String> math = Arbitraries.of("$x = 1. Y$", "$$a.\n\nb$$", "\\(p. q\\)", "\\[r = 2. S\\]", "$5$", "$");
        Arbitrary<String> punctuation = Arbitraries.of(". ", "! ", "? ", " ", "\n", "\n\n", ":\n\n", ".\n1. ", ", ");
        Arbitrary<String> token = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, word), net.jqwik.api.Tuple.of(2, math), net.jqwik.api.Tuple.of(4, punctuation));
        return token.list().ofMinSize(0).ofMaxSize(60).map(parts -> String.join(" ", parts))
                .flatMap(t -> Combinators.combine(Arbitraries.just(t), Arbitraries.of("", " ", "\n")).as((a, b) -> a + b));
    }
}
