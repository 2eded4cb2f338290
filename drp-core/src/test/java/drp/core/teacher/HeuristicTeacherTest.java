package drp.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.answer.BasicAnswerChecker;
import drp.core.answer.RuleBasedExtractor;
import drp.core.io.ErrorPolicy;
import drp.core.prune.Action;
import drp.core.answer.AnswerFormat;
import drp.core.prune.StepDecision;
import drp.core.step.Granularity;
import drp.core.step.Skill;
import drp.core.step.Step;
import drp.core.testing.Fixtures;
import drp.core.trace.Trace;
import drp.core.trace.TraceFields;
import drp.core.trace.TraceReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeuristicTeacherTest {

    @TempDir
    Path dir;

    private List<Trace> traces;

    @BeforeEach
    void read() {
        traces = new TraceReader(TraceFields.defaults(), new RuleBasedExtractor())
                .read(Fixtures.copy("r1-style-traces.jsonl", dir), ErrorPolicy.STRICT).items();
    }

    private static HeuristicTeacher teacher(Granularity g, Aggressiveness a, AnswerFormat f) {
        return HeuristicTeacher.of(new HeuristicTeacher.Options(g, a, f), new BasicAnswerChecker());
    }

    @Test
    void keepsTheReasoningThatReachesTheAnswerAndDropsTheChecks() {
        var result = teacher(Granularity.SKILL, Aggressiveness.STANDARD, AnswerFormat.THE_ANSWER_IS).prune(traces.get(0));
        assertThat(result).isInstanceOf(TeacherResult.Pruned.class);
        var pruned = (TeacherResult.Pruned) result;
        String text = pruned.synthesis().text();
        assertThat(text).contains("48 / 2 = 24", "48 + 24 = 72").endsWith("The answer is 72.");
        assertThat(text).doesNotContain("double-check", "Alternatively", "Hmm", "confident");
        assertThat(text.length()).isLessThan(traces.get(0).think().length() / 2);
        // every deleted step is a reflection, a check, or comes after the first arrival at 72
        for (StepDecision d : pruned.plan().decisions()) {
            Step step = pruned.steps().get(d.step());
            if (d.action() == Action.DELETE && !step.text().contains("72")) {
                assertThat(step.skill()).as(step.text()).isIn(Skill.REFLECTION, Skill.VERIFICATION, Skill.EXPLORATION,
                        Skill.READ, Skill.PLAN, Skill.ARITHMETIC);
            }
        }
    }

    @Test
    void provenanceNamesTheOriginalStepsOfEveryPrunedStep() {
        var pruned = (TeacherResult.Pruned) teacher(Granularity.SKILL, Aggressiveness.STANDARD, AnswerFormat.BOXED)
                .prune(traces.get(1));
        assertThat(pruned.synthesis().steps()).allSatisfy(p -> {
            for (int source : p.sources()) {
                assertThat(pruned.plan().decisions().get(source).action()).isNotEqualTo(Action.DELETE);
            }
        });
        assertThat(pruned.synthesis().text()).endsWith("The final answer is $\\boxed{5}$.");
    }

    @Test
    void anUnfinishedTraceFailsWithAReasonAndNoText() {
        var result = teacher(Granularity.SKILL, Aggressiveness.STANDARD, AnswerFormat.BOXED).prune(traces.get(3));
        assertThat(result).isInstanceOfSatisfying(TeacherResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("unfinished_trace"));
    }

    @Test
    void theBaselinesAreExplicitOptionsAndAllKeepTheAnswer() {
        for (Granularity g : Granularity.values()) {
            for (Aggressiveness a : Aggressiveness.values()) {
                for (Trace t : traces.subList(0, 2)) {
                    var result = teacher(g, a, AnswerFormat.BOXED).prune(t);
                    assertThat(result).as("%s %s %s", g, a, t.id()).isInstanceOf(TeacherResult.Pruned.class);
                }
                // a two-sentence trace may have nothing to cut: then the plan is refused, never lengthened
                var tiny = teacher(g, a, AnswerFormat.BOXED).prune(traces.get(2));
                if (tiny instanceof TeacherResult.Failed f) {
                    assertThat(f.reason()).as("%s %s", g, a).isEqualTo("NOT_SHORTER");
                }
            }
        }
    }

    @Test
    void lengthOnlyDoesNotRewrite() {
        var pruned = (TeacherResult.Pruned) teacher(Granularity.SKILL, Aggressiveness.LENGTH_ONLY, AnswerFormat.BOXED)
                .prune(traces.get(0));
        assertThat(pruned.plan().decisions()).extracting(StepDecision::action)
                .allMatch(a -> a == Action.KEEP || a == Action.DELETE || a == Action.REWRITE)
                .filteredOn(a -> a == Action.REWRITE).hasSizeLessThanOrEqualTo(1); // only the answer statement
    }

    @Test
    void isDeterministic() {
        HeuristicTeacher t = teacher(Granularity.SKILL, Aggressiveness.STANDARD, AnswerFormat.BOXED);
        assertThat(t.prune(traces.get(0))).isEqualTo(t.prune(traces.get(0)));
    }
}
