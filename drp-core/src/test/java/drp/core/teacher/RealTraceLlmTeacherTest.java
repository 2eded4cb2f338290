package drp.core.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.answer.AnswerFormat;
import drp.core.answer.BasicAnswerChecker;
import drp.core.answer.RuleBasedExtractor;
import drp.core.io.ErrorPolicy;
import drp.core.step.Step;
import drp.core.testing.ProtocolTeacherModel;
import drp.core.testing.SharedData;
import drp.core.trace.Trace;
import drp.core.trace.TraceFields;
import drp.core.trace.TraceReader;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LLM teacher's protocol on the 153 real DeepSeek-R1-Distill-Llama-8B traces, with a teacher
 * model that follows it: every answer, in every form, must be read, aligned onto the real think
 * texts (long, full of LaTeX, quotes and odd white space) and validated at the first attempt.
 */
class RealTraceLlmTeacherTest {

    private static List<Trace> traces;

    @BeforeAll
    static void read() {
        traces = new TraceReader(TraceFields.defaults(), new RuleBasedExtractor())
                .read(SharedData.r1Traces(), ErrorPolicy.STRICT).items().stream()
                .filter(t -> Boolean.TRUE.equals(t.correct()) && t.finished()).toList();
    }

    /** The paper's protocol on every correct trace; the other variants on every fifth, to keep the build fast. */
    @Test
    void everyCorrectTraceIsPrunedAtTheFirstAnswerInEveryForm() {
        for (TeacherProtocol protocol : TeacherProtocol.values()) {
            for (ReplyForm form : ReplyForm.values()) {
                boolean paper = protocol == TeacherProtocol.TWO_CALL && form == ReplyForm.JSON_SCHEMA;
                List<Trace> sample = paper ? traces
                        : java.util.stream.IntStream.range(0, traces.size()).filter(i -> i % 5 == 0).mapToObj(traces::get).toList();
                LlmTeacher teacher = LlmTeacher.of(new ProtocolTeacherModel().sloppy(form == ReplyForm.PLAIN_TEXT),
                        LlmTeacher.Options.defaults(AnswerFormat.BOXED).withProtocol(protocol).withForm(form),
                        new BasicAnswerChecker());
                long start = System.nanoTime();
                long before = 0;
                long after = 0;
                StringBuilder failures = new StringBuilder();
                for (Trace trace : sample) {
                    switch (teacher.prune(trace)) {
                        case TeacherResult.Pruned p -> {
                            assertThat(p.attempts()).isEqualTo(protocol == TeacherProtocol.TWO_CALL ? 2 : 1);
                            assertThat(p.steps().stream().map(Step::text).collect(Collectors.joining())).isEqualTo(trace.think());
                            before += trace.think().length();
                            after += p.synthesis().text().length();
                        }
                        case TeacherResult.Failed f -> failures.append(trace.id()).append(": ").append(f.detail()).append('\n');
                    }
                }
                double ms = (System.nanoTime() - start) / 1e6;
                System.out.printf("LLM teacher protocol %s/%s on %d real traces: %.1f ms per trace (parse, align, validate,"
                        + " fake model included), chars %d -> %d%n", protocol, form, sample.size(), ms / sample.size(), before, after);
                assertThat(failures.toString()).as("%s/%s", protocol, form).isEmpty();
            }
        }
    }
}
