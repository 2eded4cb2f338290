package drp.core.prune;

import java.util.List;
import java.util.Objects;

/**
 * The teacher's decision for one step. The record holds what the teacher said, even when it is
 * inconsistent: {@link PlanValidator} decides whether a plan is valid and says why not.
 *
 * @param step    the step index
 * @param action  what to do with it
 * @param merged  for {@link Action#MERGE}: every step of the merged group, this one included
 * @param rewrite for {@link Action#REWRITE}: the replacement; for MERGE: the group's replacement,
 *                carried by at least one member; otherwise null
 */
public record StepDecision(int step, Action action, List<Integer> merged, String rewrite) {
    public StepDecision {
        Objects.requireNonNull(action, "action");
        merged = merged == null ? List.of() : List.copyOf(merged);
    }

    public static StepDecision keep(int step) {
        return new StepDecision(step, Action.KEEP, List.of(), null);
    }

    public static StepDecision delete(int step) {
        return new StepDecision(step, Action.DELETE, List.of(), null);
    }

    public static StepDecision rewrite(int step, String text) {
        return new StepDecision(step, Action.REWRITE, List.of(), text);
    }

    public static StepDecision merge(int step, List<Integer> group, String text) {
        return new StepDecision(step, Action.MERGE, group, text);
    }
}
