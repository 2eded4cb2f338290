package drp.core.prune;

import java.util.List;
import java.util.Objects;

/**
 * A teacher's answer for one trace: a decision per step and the synthesized concise trace.
 *
 * @param decisions   one per step, in any order (validation checks coverage)
 * @param synthesized the concise think text, ending with the final answer
 */
public record PruningPlan(List<StepDecision> decisions, String synthesized) {
    public PruningPlan {
        decisions = List.copyOf(decisions);
        Objects.requireNonNull(synthesized, "synthesized");
    }
}
