package drp.core.teacher;

import java.util.List;
import java.util.Objects;

/**
 * What an LLM teacher answered, read but not yet checked: texts, labels and actions exactly as
 * written (an unknown skill or action is kept as its text, so validation can name it).
 */
public sealed interface TeacherReply {

    /** A step as the teacher wrote it: its text (meant to be verbatim) and its skill label. */
    record RawStep(String text, String skill) {
        public RawStep {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(skill, "skill");
        }
    }

    /**
     * A decision as the teacher wrote it.
     *
     * @param step   the step number it names
     * @param action the action as written (KEEP, DELETE, REWRITE, MERGE, or anything else)
     * @param merged the merge group, empty when none was given
     * @param text   the rewrite or merge text, null when none was given
     */
    record RawDecision(int step, String action, List<Integer> merged, String text) {
        public RawDecision {
            Objects.requireNonNull(action, "action");
            merged = List.copyOf(merged);
        }
    }

    /** The answer to the first call: the trace as labelled steps. */
    record Decomposition(List<RawStep> steps) implements TeacherReply {
        public Decomposition {
            steps = List.copyOf(steps);
        }
    }

    /** The answer to the second call: a decision per step and the concise trace. */
    record Plan(List<RawDecision> decisions, String synthesized) implements TeacherReply {
        public Plan {
            decisions = List.copyOf(decisions);
            Objects.requireNonNull(synthesized, "synthesized");
        }
    }

    /** The answer to the one-call variant: steps, decisions and the concise trace at once. */
    record DecomposedPlan(List<RawStep> steps, List<RawDecision> decisions, String synthesized) implements TeacherReply {
        public DecomposedPlan {
            steps = List.copyOf(steps);
            decisions = List.copyOf(decisions);
            Objects.requireNonNull(synthesized, "synthesized");
        }
    }
}
