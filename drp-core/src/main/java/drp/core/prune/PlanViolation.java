package drp.core.prune;

import java.util.Objects;

/**
 * One reason a plan is invalid.
 *
 * @param kind    the rule broken
 * @param step    the step concerned, or -1 for the plan as a whole
 * @param message a sentence a teacher can be shown to correct its answer
 */
public record PlanViolation(ViolationKind kind, int step, String message) {
    public PlanViolation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return kind + (step >= 0 ? " (step " + step + ")" : "") + ": " + message;
    }
}
