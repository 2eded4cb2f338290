package drp.core.trace;

import java.util.Objects;

/**
 * A chain of thought to prune: the student's own reasoning on one problem.
 *
 * @param id        stable id, unique in its file
 * @param question  the problem
 * @param think     the reasoning (inside the think block)
 * @param finalPart what the model wrote after the think block (may be empty)
 * @param answer    the trace's own final answer (what pruning must preserve); may be empty when
 *                  none could be found
 * @param gold      the gold answer, or null when unknown
 * @param correct   whether the trace's answer was graded correct, or null when unknown
 * @param finished  false when the reasoning was cut off (e.g. at the generation token cap)
 */
public record Trace(String id, String question, String think, String finalPart, String answer,
                    String gold, Boolean correct, boolean finished) {
    public Trace {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(think, "think");
        Objects.requireNonNull(finalPart, "finalPart");
        Objects.requireNonNull(answer, "answer");
    }
}
