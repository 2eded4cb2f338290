package drp.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.answer.AnswerFormat;
import drp.core.chat.ResponseFormat;
import drp.core.prune.PlanViolation;
import drp.core.prune.ViolationKind;
import drp.core.run.ContentHash;
import drp.core.step.Skill;
import drp.core.step.Span;
import drp.core.step.Step;
import drp.core.trace.Trace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeacherPromptsTest {

    private final TeacherPrompts prompts = TeacherPrompts.standard();
    private final Trace trace = new Trace("t", "What is 6 * 7?", "6 * 7 = 42.\n\nSo 42.", "", "42", null, true, true);

    @Test
    void everyPromptRendersWithNoPlaceholderLeft() {
        List<Step> steps = List.of(new Step(0, new Span(0, 13), "6 * 7 = 42.\n\n", Skill.ARITHMETIC),
                new Step(1, new Span(13, 19), "So 42.", Skill.ANSWER));
        for (ReplyForm form : ReplyForm.values()) {
            for (String p : List.of(prompts.decompose(trace, form), prompts.prune(trace, steps, 1, AnswerFormat.BOXED, form),
                    prompts.oneCall(trace, AnswerFormat.HASH_MARK, form), prompts.system(),
                    prompts.feedback(List.of(new PlanViolation(ViolationKind.NOT_SHORTER, -1, "too long"))))) {
                assertThat(p).doesNotContain("{{").doesNotContain("}}");
            }
        }
        String prune = prompts.prune(trace, steps, 1, AnswerFormat.BOXED, ReplyForm.JSON_SCHEMA);
        assertThat(prune).contains("<step index=\"1\" skill=\"ANSWER\">\nSo 42.\n</step>",
                "(step 1)", "numbered from 0 to 1", "<final_sentence>The final answer is $\\boxed{42}$.</final_sentence>");
        assertThat(prompts.decompose(trace, ReplyForm.PLAIN_TEXT)).contains("- VERIFICATION: verification or double-checking",
                "<trace>\n6 * 7 = 42.\n\nSo 42.\n</trace>", "Skill: <SKILL>");
    }

    @Test
    void schemasAreValidStrictJsonSchemasListingTheSkills() {
        for (ResponseFormat.JsonSchema schema : List.of(prompts.decomposeSchema(), prompts.pruneSchema(), prompts.oneCallSchema())) {
            assertThat(schema.strict()).isTrue();
            assertThat(schema.schemaTree().path("type").asText()).isEqualTo("object");
        }
        assertThat(prompts.decomposeSchema().schema()).contains("\"ARITHMETIC\"", "\"EXPLORATION\"");
    }

    @Test
    void hashesAreTheFilesSha256AndTheSetHasOne() {
        PromptTemplate decompose = PromptTemplate.load("decompose-v1.txt");
        assertThat(decompose.sha256()).isEqualTo(ContentHash.of(decompose.text()));
        assertThat(prompts.hashes()).hasSize(14).containsEntry("decompose-v1.txt", decompose.sha256());
        assertThat(prompts.combinedHash()).hasSize(64).isEqualTo(TeacherPrompts.standard().combinedHash());
    }

    @Test
    void renderingRefusesMissingAndUnknownValues() {
        PromptTemplate feedback = PromptTemplate.load("feedback-v1.txt");
        assertThatThrownBy(() -> feedback.render(Map.of())).hasMessageContaining("no value for {{errors}}");
        assertThatThrownBy(() -> feedback.render(Map.of("errors", "x", "other", "y")))
                .hasMessageContaining("has no placeholder {{other}}");
        assertThat(feedback.render(Map.of("errors", "{{question}}"))).contains("{{question}}"); // values are literal
        assertThatThrownBy(() -> PromptTemplate.load("nope.txt")).hasMessageContaining("no prompt file");
    }
}
