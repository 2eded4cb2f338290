package drp.core.prune;

import java.util.List;
import java.util.Objects;

/**
 * A pruned trace: its steps with provenance, and the text they join into.
 *
 * @param steps the pruned steps, in order
 * @param text  the concise think text, ending with the answer statement
 */
public record Synthesis(List<PrunedStep> steps, String text) {
    public Synthesis {
        steps = List.copyOf(steps);
        Objects.requireNonNull(text, "text");
    }
}
