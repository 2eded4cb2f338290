package drp.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.answer.BasicAnswerChecker;
import drp.core.answer.RuleBasedExtractor;
import drp.core.io.ErrorPolicy;
import drp.core.answer.AnswerFormat;
import drp.core.step.Step;
import drp.core.testing.SharedData;
import drp.core.trace.Trace;
import drp.core.trace.TraceFields;
import drp.core.trace.TraceReader;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The heuristic teacher on the 153 real DeepSeek-R1-Distill-Llama-8B traces. */
class RealTracePruningTest {

    private static List<Trace> traces;

    @BeforeAll
    static void read() {
        traces = new TraceReader(TraceFields.defaults(), new RuleBasedExtractor())
                .read(SharedData.r1Traces(), ErrorPolicy.STRICT).items();
    }

    @Test
    void everyFinishedTraceGetsAValidPlanThatKeepsItsAnswer() {
        HeuristicTeacher teacher = HeuristicTeacher.of(HeuristicTeacher.Options.defaults(AnswerFormat.BOXED),
                new BasicAnswerChecker());
        long before = 0;
        long after = 0;
        int pruned = 0;
        StringBuilder failures = new StringBuilder();
        for (Trace trace : traces) {
            if (!trace.finished()) {
                continue;
            }
            TeacherResult result = teacher.prune(trace);
            switch (result) {
                case TeacherResult.Pruned p -> {
                    pruned++;
                    if (Boolean.TRUE.equals(trace.correct())) {
                        before += trace.think().length();
                        after += p.synthesis().text().length();
                    }
                }
                case TeacherResult.Failed f -> failures.append(trace.id()).append(": ").append(f.reason())
                        .append(" ").append(f.detail()).append('\n');
            }
        }
        System.out.printf("pruned %d, chars %d -> %d (%.1f%% fewer)%n", pruned, before, after, 100.0 * (before - after) / before);
        assertThat(failures.toString()).isEmpty();
    }

    @Test
    void stepsCoverEveryTraceExactly() {
        for (Trace trace : traces) {
            for (var granularity : drp.core.step.Granularity.values()) {
                List<Step> steps = new drp.core.step.StepSegmenter(granularity, new drp.core.step.RuleBasedSkillTagger())
                        .segment(trace.think(), trace.question());
                StringBuilder joined = new StringBuilder();
                steps.forEach(s -> joined.append(s.text()));
                assertThat(joined.toString()).as("%s at %s", trace.id(), granularity).isEqualTo(trace.think());
            }
        }
    }
}
