package drp.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.answer.AnswerFormat;
import drp.core.answer.BasicAnswerChecker;
import drp.core.answer.RuleBasedExtractor;
import drp.core.chat.ChatMessage;
import drp.core.chat.ChatRequest;
import drp.core.chat.Prompt;
import drp.core.chat.ResponseFormat;
import drp.core.io.ErrorPolicy;
import drp.core.prune.Action;
import drp.core.prune.PlanViolation;
import drp.core.prune.ViolationKind;
import drp.core.step.Step;
import drp.core.testing.Fixtures;
import drp.core.testing.ProtocolTeacherModel;
import drp.core.trace.Trace;
import drp.core.trace.TraceFields;
import drp.core.trace.TraceReader;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LlmTeacherTest {

    @TempDir
    Path dir;

    private Trace natalia;
    private Trace roots;
    private Trace unfinished;

    @BeforeEach
    void read() {
        List<Trace> traces = new TraceReader(TraceFields.defaults(), new RuleBasedExtractor())
                .read(Fixtures.copy("r1-style-traces.jsonl", dir), ErrorPolicy.STRICT).items();
        natalia = traces.get(0);
        roots = traces.get(1);
        unfinished = traces.get(3);
    }

    private static LlmTeacher teacher(ScriptedReplies model, LlmTeacher.Options options) {
        return LlmTeacher.of(model, options, new BasicAnswerChecker());
    }

    private static LlmTeacher.Options options(TeacherProtocol protocol, ReplyForm form) {
        return LlmTeacher.Options.defaults(AnswerFormat.BOXED).withProtocol(protocol).withForm(form);
    }

    private static String lastUser(ChatRequest request) {
        List<ChatMessage> messages = ((Prompt.Messages) request.prompt()).messages();
        return messages.getLast().content();
    }

    @ParameterizedTest
    @EnumSource(ReplyForm.class)
    void twoCallsDecomposeVerbatimThenPruneAndSynthesize(ReplyForm form) {
        for (boolean sloppy : new boolean[] {false, true}) {
            ScriptedReplies model = new ScriptedReplies(new ProtocolTeacherModel().sloppy(sloppy));
            TeacherResult result = teacher(model, options(TeacherProtocol.TWO_CALL, form)).prune(natalia);

            assertThat(result).as("sloppy=%s", sloppy).isInstanceOf(TeacherResult.Pruned.class);
            TeacherResult.Pruned pruned = (TeacherResult.Pruned) result;
            assertThat(pruned.attempts()).isEqualTo(2);
            // the steps tile the think text exactly and carry the teacher's skills
            assertThat(pruned.steps().stream().map(Step::text).collect(Collectors.joining())).isEqualTo(natalia.think());
            assertThat(pruned.steps()).extracting(Step::skill).containsExactlyElementsOf(
                    ProtocolTeacherModel.steps(natalia.think()).stream().map(Step::skill).toList());
            assertThat(pruned.plan().decisions()).hasSize(pruned.steps().size());
            assertThat(pruned.synthesis().text()).endsWith("The final answer is $\\boxed{72}$.")
                    .doesNotContain("double-check");
            assertThat(pruned.synthesis().text().length()).isLessThan(natalia.think().length());
            assertThat(pruned.synthesis().steps()).isNotEmpty();

            assertThat(model.requests).hasSize(2);
            ChatRequest decompose = model.requests.get(0);
            assertThat(lastUser(decompose)).startsWith("Task: decompose a chain of thought").contains(natalia.think());
            assertThat(decompose.responseFormat()).isInstanceOf(form == ReplyForm.JSON_SCHEMA
                    ? ResponseFormat.JsonSchema.class : ResponseFormat.Text.class);
            assertThat(decompose.temperature()).isEqualTo(0.0);
            assertThat(lastUser(model.requests.get(1))).startsWith("Task: prune").contains("<answer>72</answer>");
        }
    }

    @ParameterizedTest
    @EnumSource(ReplyForm.class)
    void oneCallVariantDoesItAllAtOnce(ReplyForm form) {
        ScriptedReplies model = new ScriptedReplies(new ProtocolTeacherModel());
        TeacherResult result = teacher(model, options(TeacherProtocol.ONE_CALL, form)).prune(roots);
        assertThat(result).isInstanceOf(TeacherResult.Pruned.class);
        assertThat(((TeacherResult.Pruned) result).attempts()).isEqualTo(1);
        assertThat(((TeacherResult.Pruned) result).synthesis().text()).endsWith("\\boxed{5}$.");
        assertThat(model.requests).hasSize(1);
        assertThat(lastUser(model.requests.getFirst())).startsWith("Task: decompose and prune");
    }

    @Test
    void aStepThatIsNotVerbatimIsSentBackWithWhereItDepartsAndTheRetryIsUsed() {
        ScriptedReplies model = new ScriptedReplies(new ProtocolTeacherModel())
                .thenEdited(real -> real.replace("Half of 48 is 48 / 2 = 24.", "Half of 48 is 24."));
        TeacherResult result = teacher(model, options(TeacherProtocol.TWO_CALL, ReplyForm.JSON_SCHEMA)).prune(natalia);

        assertThat(result).isInstanceOf(TeacherResult.Pruned.class);
        assertThat(((TeacherResult.Pruned) result).attempts()).isEqualTo(3); // two decompositions, one plan
        assertThat(model.requests).hasSize(3);
        ChatRequest retry = model.requests.get(1);
        List<ChatMessage> conversation = ((Prompt.Messages) retry.prompt()).messages();
        assertThat(conversation).extracting(ChatMessage::role).containsExactly(ChatMessage.Role.SYSTEM,
                ChatMessage.Role.USER, ChatMessage.Role.ASSISTANT, ChatMessage.Role.USER);
        assertThat(conversation.get(2).content()).contains("Half of 48 is 24.");
        assertThat(lastUser(retry)).startsWith("Your answer cannot be used as it is:")
                .contains("is not a verbatim copy", "it matches up to \"Half of 48 is \", then has \"24. So in May")
                .doesNotContain("in no step"); // the gap is the missing step's, not reported twice
    }

    @Test
    void aPlanThatChangesTheAnswerIsRetriedThenRecordedAsFailedWithItsReasonAndNoText() {
        ScriptedReplies model = new ScriptedReplies(new ProtocolTeacherModel());
        for (int i = 0; i < 4; i++) {
            model.thenEdited(i == 0 ? real -> real : real -> real.replace("\\\\boxed{72}", "\\\\boxed{73}"));
        }
        TeacherResult result = teacher(model, options(TeacherProtocol.TWO_CALL, ReplyForm.JSON_SCHEMA)).prune(natalia);

        assertThat(result).isInstanceOf(TeacherResult.Failed.class);
        TeacherResult.Failed failed = (TeacherResult.Failed) result;
        assertThat(failed.reason()).isEqualTo("ANSWER_CHANGED");
        assertThat(failed.detail()).startsWith("the pruning plan was still invalid after 3 answers")
                .contains("states '73'");
        assertThat(failed.attempts()).isEqualTo(4);
        assertThat(failed.steps()).isNotEmpty();
        assertThat(failed.violations()).extracting(PlanViolation::kind).contains(ViolationKind.ANSWER_CHANGED);
        assertThat(lastUser(model.requests.getLast())).contains("the synthesized trace states '73' but the original answer is '72'");
    }

    @Test
    void unknownActionsAndSkillsAreProtocolViolations() {
        ScriptedReplies model = new ScriptedReplies(new ProtocolTeacherModel())
                .thenEdited(real -> real.replaceFirst("\"skill\":\"[A-Z_]+\"", "\"skill\":\"GUESSWORK\""))
                .thenEdited(real -> real)
                .thenEdited(real -> real.replaceFirst("\"action\":\"DELETE\"", "\"action\":\"SHORTEN\""));
        LlmTeacher teacher = teacher(model, options(TeacherProtocol.TWO_CALL, ReplyForm.JSON_SCHEMA).withMaxAttempts(1));

        TeacherResult first = teacher.prune(natalia);
        assertThat(first).isInstanceOfSatisfying(TeacherResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("UNKNOWN_SKILL");
            assertThat(f.detail()).contains("GUESSWORK", "READ, PLAN");
        });
        TeacherResult second = teacher.prune(natalia);
        assertThat(second).isInstanceOfSatisfying(TeacherResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("UNKNOWN_ACTION");
            assertThat(f.detail()).contains("\"SHORTEN\"; use KEEP, DELETE, REWRITE or MERGE");
        });
    }

    @Test
    void unreadableAndCutOffAnswersAreFedBack() {
        ScriptedReplies model = new ScriptedReplies(new ProtocolTeacherModel())
                .then("I am sorry, I cannot split this.")
                .then("{\"steps\": [{\"text\": \"Okay, so\", ");
        TeacherResult result = teacher(model, options(TeacherProtocol.TWO_CALL, ReplyForm.JSON_SCHEMA)).prune(natalia);
        assertThat(result).isInstanceOf(TeacherResult.Pruned.class);
        assertThat(lastUser(model.requests.get(1))).contains("neither a JSON object nor \"Step 0: ...\" blocks");
        assertThat(lastUser(model.requests.get(2))).contains("the JSON answer is malformed");
    }

    @Test
    void mergesAndRewritesBecomeProvenanceWhileTheTextIsTheTeachersOwn() {
        String plan = """
                Step 0: MERGE 0,1: Natalia sold 48 in April; in May half as many.
                Step 1: MERGE 0,1
                Step 2: REWRITE: May: 48 / 2 = 24.
                %s
                Concise chain of thought:
                Natalia sold 48 in April and 48 / 2 = 24 in May, so 48 + 24 = 72 in all.

                The final answer is $\\boxed{72}$.
                """;
        List<Step> steps = ProtocolTeacherModel.steps(natalia.think());
        StringBuilder rest = new StringBuilder();
        int answerStep = new drp.core.prune.AnswerLocator("72").answerStep(steps);
        for (int i = 3; i < steps.size(); i++) {
            rest.append("Step ").append(i).append(": ").append(i == answerStep ? "KEEP" : "DELETE").append('\n');
        }
        ScriptedReplies model = new ScriptedReplies(new ProtocolTeacherModel()).thenEdited(real -> real)
                .then(plan.formatted(rest.toString().strip()));
        TeacherResult result = teacher(model, options(TeacherProtocol.TWO_CALL, ReplyForm.PLAIN_TEXT)).prune(natalia);

        assertThat(result).isInstanceOf(TeacherResult.Pruned.class);
        TeacherResult.Pruned pruned = (TeacherResult.Pruned) result;
        assertThat(pruned.synthesis().text()).startsWith("Natalia sold 48 in April and 48 / 2 = 24 in May");
        assertThat(pruned.synthesis().steps().get(0).sources()).containsExactly(0, 1);
        assertThat(pruned.synthesis().steps().get(0).action()).isEqualTo(Action.MERGE);
        assertThat(pruned.synthesis().steps().get(1).text()).isEqualTo("May: 48 / 2 = 24.");
    }

    @Test
    void unfinishedTracesFailWithoutACall() {
        ScriptedReplies model = new ScriptedReplies(new ProtocolTeacherModel());
        TeacherResult result = teacher(model, LlmTeacher.Options.defaults(AnswerFormat.BOXED)).prune(unfinished);
        assertThat(result).isInstanceOfSatisfying(TeacherResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("unfinished_trace"));
        assertThat(model.requests).isEmpty();
    }

    @Test
    void versionNamesModelOptionsAndThePromptHash() {
        LlmTeacher teacher = teacher(new ScriptedReplies(new ProtocolTeacherModel()),
                LlmTeacher.Options.defaults(AnswerFormat.THE_ANSWER_IS));
        assertThat(teacher.version()).startsWith("llm-teacher-1 model=teacher:memory#protocol-teacher protocol=TWO_CALL")
                .contains("form=JSON_SCHEMA", "attempts=3", "format=THE_ANSWER_IS", "prompts=v1:sha256:");
        assertThat(teacher.promptHashes()).containsKeys("decompose-v1.txt", "prune-v1.txt", "one-call-v1.txt",
                "feedback-v1.txt", "decompose-schema-v1.json").allSatisfy((name, sha) -> assertThat(sha).hasSize(64));
        assertThat(teacher.firstRequest(natalia).promptText()).contains(natalia.think());
    }
}
