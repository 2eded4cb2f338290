package drp.core.teacher;

import drp.core.prune.PlanViolation;
import drp.core.prune.PruningPlan;
import drp.core.prune.Synthesis;
import drp.core.step.Step;
import java.util.List;
import java.util.Objects;

/** What a teacher made of one trace: a plan, or a failure with its reason. */
public sealed interface TeacherResult {

    /** The steps the teacher cut the trace into (may be empty when it failed before). */
    List<Step> steps();

    /**
     * A valid plan.
     *
     * @param synthesis the pruned steps with provenance and the concise text
     * @param attempts  how many answers the teacher needed (1 for rule-based teachers)
     */
    record Pruned(List<Step> steps, PruningPlan plan, Synthesis synthesis, int attempts) implements TeacherResult {
        public Pruned {
            steps = List.copyOf(steps);
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(synthesis, "synthesis");
        }
    }

    /**
     * No valid plan.
     *
     * @param reason     a short, stable reason for counting failures (e.g. {@code unfinished_trace},
     *                   {@code ANSWER_CHANGED})
     * @param detail     a sentence for people
     * @param violations the last plan's violations, if a plan was made
     */
    record Failed(String reason, String detail, List<Step> steps, List<PlanViolation> violations, int attempts)
            implements TeacherResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            steps = List.copyOf(steps);
            violations = List.copyOf(violations);
        }
    }
}
