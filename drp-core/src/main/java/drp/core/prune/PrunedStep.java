package drp.core.prune;

import java.util.List;
import java.util.Objects;

/**
 * One step of a pruned trace, with its provenance: the original steps it came from and how.
 *
 * @param text    the text as it appears in the pruned trace
 * @param sources original step indices (one for KEEP and REWRITE, the group for MERGE, none for
 *                text the synthesis added, such as the closing answer statement)
 * @param action  how it was made from its sources (KEEP for added text)
 */
public record PrunedStep(String text, List<Integer> sources, Action action) {
    public PrunedStep {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(action, "action");
        sources = List.copyOf(sources);
        if (action == Action.DELETE) {
            throw new IllegalArgumentException("a deleted step has no place in a pruned trace");
        }
    }
}
