package drp.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.prune.PlanViolation;
import drp.core.prune.ViolationKind;
import drp.core.step.Span;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class StepAlignerTest {

    private static final String THINK = "Okay, so Natalia sold 48 clips.\n\nHalf of 48 is 48 / 2 = 24.\n\n"
            + "Wait, let me double-check: 24 + 24 = 48. Yes.\n\nThe total is 48 + 24 = 72.";

    private static StepAligner.Alignment align(String... steps) {
        return new StepAligner(THINK).align(List.of(steps));
    }

    private static List<String> texts(StepAligner.Alignment a) {
        return a.spans().stream().map(s -> s.of(THINK)).toList();
    }

    @Test
    void exactStepsTileTheTraceKeepingTheWhiteSpaceBetweenThem() {
        StepAligner.Alignment a = align("Okay, so Natalia sold 48 clips.", "Half of 48 is 48 / 2 = 24.",
                "Wait, let me double-check: 24 + 24 = 48. Yes.", "The total is 48 + 24 = 72.");
        assertThat(a.ok()).isTrue();
        assertThat(texts(a)).containsExactly("Okay, so Natalia sold 48 clips.\n\n", "Half of 48 is 48 / 2 = 24.\n\n",
                "Wait, let me double-check: 24 + 24 = 48. Yes.\n\n", "The total is 48 + 24 = 72.");
    }

    @Test
    void whiteSpaceQuotesAndSurroundingQuotesMayDiffer() {
        String think = "He said \u201cfine\u201d and   left.\nIt\u2019s 72.";
        StepAligner.Alignment a = new StepAligner(think).align(List.of("He said \"fine\" and left.", "\"It's 72.\""));
        assertThat(a.violations()).isEmpty();
        assertThat(a.spans()).containsExactly(new Span(0, 27), new Span(27, think.length()));
    }

    @Test
    void latexMangledByJsonEscapesIsRestored() {
        String think = "So x = \\frac{1}{2} \\times 4 \\neq 3, hence \\boxed{2}.";
        String mangled = "So x = \frac{1}{2} \times 4 \neq 3, hence \boxed{2}.";
        assertThat(new StepAligner(think).align(List.of(mangled)).ok()).isTrue();
    }

    @Test
    void aStepThatIsNotVerbatimSaysWhereItDeparts() {
        StepAligner.Alignment a = align("Okay, so Natalia sold 48 clips.", "Half of 48 is 24.",
                "Wait, let me double-check: 24 + 24 = 48. Yes.", "The total is 48 + 24 = 72.");
        assertThat(a.violations()).extracting(PlanViolation::kind).containsExactly(ViolationKind.STEP_NOT_FOUND);
        assertThat(a.violations().getFirst().step()).isEqualTo(1);
        assertThat(a.violations().getFirst().message()).isEqualTo("step 1 is not a verbatim copy of the chain of thought:"
                + " it matches up to \"Half of 48 is \", then has \"24.\" where the chain of thought has \"48 / 2 = 24. Wait, l\";"
                + " copy the text exactly, character for character");
    }

    @Test
    void orderOverlapAndGapsAreEachNamed() {
        assertThat(align("Half of 48 is 48 / 2 = 24.", "Okay, so Natalia sold 48 clips.").violations())
                .extracting(PlanViolation::kind).contains(ViolationKind.STEPS_OUT_OF_ORDER);
        assertThat(align("Okay, so Natalia sold 48 clips.\n\nHalf of 48", "Half of 48 is 48 / 2 = 24.").violations())
                .extracting(PlanViolation::kind).contains(ViolationKind.STEPS_OVERLAP);
        StepAligner.Alignment gap = align("Okay, so Natalia sold 48 clips.", "The total is 48 + 24 = 72.");
        assertThat(gap.violations()).extracting(PlanViolation::kind).containsExactly(ViolationKind.TRACE_NOT_COVERED);
        assertThat(gap.violations().getFirst().message()).contains("between step 0 and step 1", "Half of 48 is 48 / 2");
        assertThat(align("Okay, so Natalia sold 48 clips.").violations().getFirst().message())
                .startsWith("the end of the chain of thought, after the last step, is in no step");
        assertThat(align("so Natalia sold 48 clips.", "Half of 48 is 48 / 2 = 24.\n\nWait, let me double-check: 24 + 24 = 48. Yes.",
                "The total is 48 + 24 = 72.").violations().getFirst().message()).contains("starts with text that is in no step", "Okay,");
    }

    @Test
    void punctuationLeftBetweenStepsIsNoGap() {
        String think = "First we add. -- Then we halve: 10.";
        StepAligner.Alignment a = new StepAligner(think).align(List.of("First we add.", "Then we halve: 10."));
        assertThat(a.ok()).isTrue();
        assertThat(a.spans().getFirst().of(think)).isEqualTo("First we add. -- ");
    }

    /** Any cut of a text into pieces, copied with their white space changed, aligns back onto exactly those pieces. */
    @Property(tries = 200)
    void anyCutWithReflowedWhiteSpaceAlignsBack(@ForAll("texts") String text, @ForAll("cuts") List<Integer> cutSeeds) {
        List<Integer> cuts = new ArrayList<>();
        for (int seed : cutSeeds) {
            int at = seed % (text.length() + 1);
            // cut only where a word starts, as a teacher would
            while (at < text.length() && at > 0
                    && (!Character.isWhitespace(text.charAt(at - 1)) || Character.isWhitespace(text.charAt(at)))) {
                at++;
            }
            if (at > 0 && at < text.length() && !cuts.contains(at)) {
                cuts.add(at);
            }
        }
        cuts.sort(null);
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int cut : cuts) {
            pieces.add(text.substring(start, cut));
            start = cut;
        }
        pieces.add(text.substring(start));
        List<String> copied = pieces.stream().map(p -> p.strip().replaceAll("\\s+", " ")).toList();
        if (copied.stream().anyMatch(String::isEmpty)) {
            return;
        }
        StepAligner.Alignment a = new StepAligner(text).align(copied);
        assertThat(a.violations()).isEmpty();
        StringBuilder joined = new StringBuilder();
        a.spans().forEach(s -> joined.append(s.of(text)));
        assertThat(joined.toString()).isEqualTo(text);
        for (int i = 1; i < a.spans().size(); i++) {
            assertThat(a.spans().get(i).start()).isEqualTo(cuts.get(i - 1));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> word = Arbitraries.strings().withChars("ab12=+x").ofMinLength(1).ofMaxLength(5);
        Arbitrary<String> space = Arbitraries.of(" ", "  ", "\n", "\n\n", " \t");
        return Arbitraries.integers().between(1, 12).flatMap(n -> word.list().ofSize(n).flatMap(words ->
                space.list().ofSize(n).map(spaces -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        sb.append(words.get(i)).append(i < n - 1 ? spaces.get(i) : "");
                    }
                    return sb.toString();
                })));
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 10_000).list().ofMaxSize(6);
    }
}
