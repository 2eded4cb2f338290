package drp.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.teacher.TeacherReply.RawDecision;
import drp.core.teacher.TeacherReply.RawStep;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Answers as real models write them, grouped by what they do wrong. */
class TeacherReplyParserTest {

    private static final List<RawStep> TWO_STEPS = List.of(new RawStep("Half of 48 is 24.", "ARITHMETIC"),
            new RawStep("So the total is 72.", "ANSWER"));

    static Stream<Arguments> decompositions() {
        return Stream.of(
                Arguments.of("plain JSON",
                        "{\"steps\": [{\"text\": \"Half of 48 is 24.\", \"skill\": \"ARITHMETIC\"}, {\"text\": \"So the total is 72.\", \"skill\": \"ANSWER\"}]}"),
                Arguments.of("JSON in a fence after prose",
                        "Sure! Here it is:\n```json\n{\"steps\": [{\"text\": \"Half of 48 is 24.\", \"skill\": \"ARITHMETIC\"},\n"
                                + " {\"text\": \"So the total is 72.\", \"skill\": \"ANSWER\"}]}\n```\nHope this helps."),
                Arguments.of("trailing comma and a comment",
                        "{\"steps\": [{\"text\": \"Half of 48 is 24.\", \"skill\": \"ARITHMETIC\"}, // first\n"
                                + "{\"text\": \"So the total is 72.\", \"skill\": \"ANSWER\"},]}"),
                Arguments.of("typographic quotes as delimiters",
                        "{\u201csteps\u201d: [{\u201ctext\u201d: \u201cHalf of 48 is 24.\u201d, \u201cskill\u201d: \u201cARITHMETIC\u201d},"
                                + " {\u201ctext\u201d: \u201cSo the total is 72.\u201d, \u201cskill\u201d: \u201cANSWER\u201d}]}"),
                Arguments.of("a bare array of steps",
                        "[{\"text\": \"Half of 48 is 24.\", \"skill\": \"ARITHMETIC\"}, {\"text\": \"So the total is 72.\", \"skill\": \"ANSWER\"}]"),
                Arguments.of("plain text blocks",
                        "Step 0: Half of 48 is 24.\nSkill: ARITHMETIC\nStep 1: So the total is 72.\nSkill: ANSWER\n"),
                Arguments.of("Markdown emphasis on the labels",
                        "**Step 0:** Half of 48 is 24.\n**Skill:** ARITHMETIC\n\n**Step 1**: So the total is 72.\n**Skill**: *ANSWER*\n"),
                Arguments.of("skill on the step's line",
                        "Step 0: Half of 48 is 24. (Skill: ARITHMETIC)\nStep 1: So the total is 72. (Skill: ANSWER)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decompositions")
    void readsDecompositionsInEveryFormModelsWrite(String what, String reply) {
        assertThat(TeacherReplyParser.decomposition(reply).steps()).as(what).isEqualTo(TWO_STEPS);
    }

    @Test
    void aStepLineInsideAVerbatimStepDoesNotStartANewStep() {
        String reply = "Step 0: Let me plan.\nStep 1: add them.\nStep 2: halve.\nSkill: PLAN\nStep 1: 48 / 2 = 24\nSkill: ARITHMETIC";
        assertThat(TeacherReplyParser.decomposition(reply).steps()).containsExactly(
                new RawStep("Let me plan.\nStep 1: add them.\nStep 2: halve.", "PLAN"), new RawStep("48 / 2 = 24", "ARITHMETIC"));
    }

    @Test
    void rawLineBreaksAndUnescapedLatexInJsonStringsAreRead() {
        String reply = "{\"steps\": [{\"text\": \"First line\nsecond line with \\sqrt{2} and \\frac{1}{2}\", \"skill\": \"READ\"}]}";
        RawStep step = TeacherReplyParser.decomposition(reply).steps().getFirst();
        assertThat(step.text()).startsWith("First line\nsecond line with \\sqrt{2}");
        // \f of \frac became a form feed; the aligner restores it (see StepAlignerTest)
        assertThat(LatexEscapes.restore(step.text())).endsWith("\\frac{1}{2}");
    }

    @Test
    void readsPlansInJsonAndText() {
        String json = "{\"decisions\": [{\"step\": 0, \"action\": \"MERGE\", \"merged\": [0, 1], \"text\": \"48/2 = 24; 48 + 24 = 72.\"},"
                + " {\"step\": 1, \"action\": \"MERGE\", \"merged\": [0, 1], \"text\": \"\"},"
                + " {\"step\": \"Step 2\", \"action\": \"delete\", \"merged\": [], \"text\": \"\"}],"
                + " \"synthesized\": \"48/2 = 24; 48 + 24 = 72. The answer is \\\\boxed{72}.\"}";
        TeacherReply.Plan plan = TeacherReplyParser.plan(json);
        assertThat(plan.decisions()).containsExactly(new RawDecision(0, "MERGE", List.of(0, 1), "48/2 = 24; 48 + 24 = 72."),
                new RawDecision(1, "MERGE", List.of(0, 1), null), new RawDecision(2, "delete", List.of(), null));
        assertThat(plan.synthesized()).isEqualTo("48/2 = 24; 48 + 24 = 72. The answer is \\boxed{72}.");

        String text = """
                **Step 0**: KEEP
                Step 1: REWRITE: 48 / 2 = 24
                and that is May.
                Step 2: MERGE [2, 3]: Total 72.
                Step 3: MERGE 2-3
                Step 4: MERGE with 5
                Step 5: SHORTEN this
                **Concise chain of thought:**
                48 / 2 = 24.
                Total 72. The answer is \\boxed{72}.
                """;
        TeacherReply.Plan read = TeacherReplyParser.plan(text);
        assertThat(read.decisions()).containsExactly(new RawDecision(0, "KEEP", List.of(), null),
                new RawDecision(1, "REWRITE", List.of(), "48 / 2 = 24\nand that is May."),
                new RawDecision(2, "MERGE", List.of(2, 3), "Total 72."), new RawDecision(3, "MERGE", List.of(2, 3), null),
                new RawDecision(4, "MERGE", List.of(5), null), new RawDecision(5, "SHORTEN", List.of(), null));
        assertThat(read.synthesized()).isEqualTo("48 / 2 = 24.\nTotal 72. The answer is \\boxed{72}.");
    }

    @Test
    void readsOneCallAnswers() {
        String text = "Step 0: Half of 48 is 24.\nSkill: ARITHMETIC\nAction: KEEP\nStep 1: So the total is 72.\nSkill: ANSWER\n"
                + "Action: REWRITE: Total: 72.\nConcise chain of thought:\nHalf of 48 is 24. Total: 72.";
        TeacherReply.DecomposedPlan plan = TeacherReplyParser.decomposedPlan(text);
        assertThat(plan.steps()).isEqualTo(TWO_STEPS);
        assertThat(plan.decisions()).containsExactly(new RawDecision(0, "KEEP", List.of(), null),
                new RawDecision(1, "REWRITE", List.of(), "Total: 72."));
        assertThat(plan.synthesized()).isEqualTo("Half of 48 is 24. Total: 72.");
    }

    @Test
    void unreadableAnswersSayWhatIsMissing() {
        assertThatThrownBy(() -> TeacherReplyParser.decomposition("  ")).hasMessage("the answer is empty");
        assertThatThrownBy(() -> TeacherReplyParser.decomposition("{\"parts\": []}")).hasMessage("the JSON answer has no \"steps\" array");
        assertThatThrownBy(() -> TeacherReplyParser.decomposition("{\"steps\": [{\"text\": \"a\", "))
                .hasMessageStartingWith("the JSON answer is malformed");
        assertThatThrownBy(() -> TeacherReplyParser.plan("Step 0: KEEP\nStep 1: DELETE\n"))
                .hasMessageContaining("no \"Concise chain of thought:\" section");
        assertThatThrownBy(() -> TeacherReplyParser.plan("{\"decisions\": []}")).hasMessage("the JSON answer has no \"synthesized\" text");
    }

    @Test
    void mergeGroupsAsModelsWriteThem() {
        assertThat(TeacherReplyParser.numbers("[3, 4]")).containsExactly(3, 4);
        assertThat(TeacherReplyParser.numbers("3-5")).containsExactly(3, 4, 5);
        assertThat(TeacherReplyParser.numbers("3 to 5")).containsExactly(3, 4, 5);
        assertThat(TeacherReplyParser.numbers("3 and 4")).containsExactly(3, 4);
    }
}
