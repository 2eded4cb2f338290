package drp.core.align;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why an SFT example's target was chosen among the candidates of its problem: the provenance that
 * capacity-aware selection writes into the example.
 *
 * @param rule         {@code capacity_aware}
 * @param threshold    the most mean NLL per token a candidate may add to the original's
 * @param chosen       the chosen candidate's variant
 * @param originalNll  the mean NLL of the student's own original trace
 * @param candidates   every candidate considered, by variant: its tokens and mean NLL, and whether
 *                     it was within the threshold
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Selection(String rule, double threshold, String chosen, double originalNll,
                        Map<String, Considered> candidates) {

    public Selection {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(chosen, "chosen");
        candidates = Map.copyOf(candidates);
    }

    /** A candidate as selection saw it. */
    public record Considered(int tokens, double meanNll, boolean eligible) {}

    /** The variants considered, sorted, for messages. */
    public List<String> variants() {
        return candidates.keySet().stream().sorted().toList();
    }
}
