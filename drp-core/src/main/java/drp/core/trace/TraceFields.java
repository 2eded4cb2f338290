package drp.core.trace;

import java.util.List;
import java.util.Objects;

/**
 * Which JSON fields of an input file hold what. Each role has a list of candidate names tried in
 * order; a user's {@code --question-field problem} replaces the candidates with that one name, and
 * then the field is required.
 *
 * @param id       stable id; when no candidate is present, the id is a hash of question and trace
 * @param sample   the sample index of a record among several outputs for one problem; when present,
 *                 the trace id is {@code <id>#<sample index>} (see {@link TraceReader})
 * @param question the problem text
 * @param think    the reasoning alone (inside the think block)
 * @param output   the full model output, split at {@code </think>} when there is no think field
 * @param answer   the trace's own extracted answer; when absent it is extracted from the output
 * @param gold     the gold answer
 * @param correct  whether the trace was graded correct
 * @param finished whether the reasoning finished (false when cut at the token cap)
 * @param finishReason why generation stopped; {@code length} means the reasoning was cut off
 *                     (read when no {@code finished} field says otherwise)
 */
public record TraceFields(List<String> id, List<String> sample, List<String> question, List<String> think, List<String> output,
                          List<String> answer, List<String> gold, List<String> correct, List<String> finished,
                          List<String> finishReason) {

    public TraceFields {
        id = List.copyOf(id);
        sample = List.copyOf(sample);
        question = List.copyOf(question);
        think = List.copyOf(think);
        output = List.copyOf(output);
        answer = List.copyOf(answer);
        gold = List.copyOf(gold);
        correct = List.copyOf(correct);
        finished = List.copyOf(finished);
        finishReason = List.copyOf(finishReason);
    }

    /** Names used by drp's own completions.jsonl, by the R1 trace files and by common exports. */
    public static TraceFields defaults() {
        return new TraceFields(
                List.of("id", "trace_id", "problem_id", "unique_id"),
                List.of("sample_index", "sample", "sample_idx", "completion_index"),
                List.of("question", "problem", "query", "instruction"),
                List.of("think", "think_text", "reasoning", "reasoning_content"),
                List.of("text", "output", "completion", "response", "generated_text"),
                List.of("model_answer", "extracted_answer", "pred", "prediction"),
                List.of("gt_answer", "gold", "gold_answer", "answer"),
                List.of("is_correct", "correct"),
                List.of("finished_thinking", "finished"),
                List.of("finish_reason", "stop_reason"));
    }

    public TraceFields withId(String name) {
        return new TraceFields(one(name), sample, question, think, output, answer, gold, correct, finished, finishReason);
    }

    /** Reads the sample index from field {@code name} only (for example {@code seed} when each sample has its own). */
    public TraceFields withSample(String name) {
        return new TraceFields(id, one(name), question, think, output, answer, gold, correct, finished, finishReason);
    }

    public TraceFields withQuestion(String name) {
        return new TraceFields(id, sample, one(name), think, output, answer, gold, correct, finished, finishReason);
    }

    public TraceFields withThink(String name) {
        return new TraceFields(id, sample, question, one(name), output, answer, gold, correct, finished, finishReason);
    }

    public TraceFields withOutput(String name) {
        return new TraceFields(id, sample, question, List.of(), one(name), answer, gold, correct, finished, finishReason);
    }

    public TraceFields withAnswer(String name) {
        return new TraceFields(id, sample, question, think, output, one(name), gold, correct, finished, finishReason);
    }

    public TraceFields withGold(String name) {
        return new TraceFields(id, sample, question, think, output, answer, one(name), correct, finished, finishReason);
    }

    private static List<String> one(String name) {
        Objects.requireNonNull(name, "field name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a field name cannot be blank");
        }
        return List.of(name);
    }
}
