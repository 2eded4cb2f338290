package drp.cli.demo;

import drp.core.answer.BasicAnswerChecker;
import drp.core.io.JsonCodec;
import drp.core.stage.PrunedRecord;
import drp.core.token.TokenCounter;
import drp.tiny.world.Trace;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the fine-tuning examples: pruned own traces, or the teacher's own solutions. */
final class SftExamples {

    private static final BasicAnswerChecker CHECKER = new BasicAnswerChecker();

    private SftExamples() {}

    /**
     * The pruned traces worth learning from: pruned with a valid plan, the original answer
     * preserved, and that answer equal to the gold answer. Each becomes the student's reply shape,
     * {@code <think>\nPRUNED\n</think>\n\nThe answer is N.}, in the order of {@code order} (trace ids).
     */
    static List<SftRecord> fromPruned(List<PrunedRecord> pruned, List<String> order, TokenCounter counter) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i), i);
        }
        // pruned.jsonl is in the order traces finished; training needs an order that never changes
        List<PrunedRecord> ordered = new ArrayList<>(pruned);
        ordered.sort(Comparator.comparing(r -> position.getOrDefault(r.id(), Integer.MAX_VALUE)));
        List<SftRecord> out = new ArrayList<>();
        for (PrunedRecord r : ordered) {
            if (!r.ok() || !Boolean.TRUE.equals(r.answerPreserved()) || r.gold() == null
                    || !CHECKER.check(r.gold(), r.answer()).isCorrect()) {
                continue;
            }
            String assistant = new Trace(r.synthesized(), Integer.parseInt(r.answer())).assistantText();
            out.add(record(r.id(), "pruned", r.question(), assistant, counter));
        }
        return out;
    }

    /**
     * The teacher's own short solutions of the problems whose pruned traces DRP kept, so that both
     * rows learn from the same problems and differ only in whose structure the text has.
     *
     * @param kept      DRP's examples
     * @param byTraceId the problem behind each trace id
     */
    static List<SftRecord> fromTeacher(List<SftRecord> kept, Map<String, WordProblem> byTraceId, TokenCounter counter) {
        List<SftRecord> out = new ArrayList<>(kept.size());
        for (SftRecord r : kept) {
            WordProblem problem = byTraceId.get(r.id());
            if (problem == null) {
                throw new IllegalStateException("no problem for trace " + r.id());
            }
            out.add(record(r.id(), "teacher", problem.question(), World.teacherSolution(problem).assistantText(), counter));
        }
        return out;
    }

    static String jsonl(List<SftRecord> records) {
        StringBuilder text = new StringBuilder();
        for (SftRecord r : records) {
            text.append(JsonCodec.line(r)).append('\n');
        }
        return text.toString();
    }

    private static SftRecord record(String id, String source, String question, String assistant, TokenCounter counter) {
        return new SftRecord(id, source, List.of(new SftRecord.Message("user", question),
                new SftRecord.Message("assistant", assistant)), counter.count(assistant));
    }
}
