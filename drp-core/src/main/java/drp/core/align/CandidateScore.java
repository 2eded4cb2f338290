package drp.core.align;

import java.util.List;
import java.util.Objects;

/**
 * One line of align.jsonl: how likely the student finds one candidate, in nats per token.
 *
 * @param key      {@link Candidate#key()}
 * @param id       the trace (or problem)
 * @param variant  the candidate's variant
 * @param tokens   tokens of the scored target, in the student's tokenizer
 * @param totalNll minus the log-probability of the whole target
 * @param meanNll  {@code totalNll / tokens}
 * @param stepNll  the mean NLL of each step's tokens, in step order ({@code null} for a step the
 *                 target has no token start in)
 */
public record CandidateScore(String key, String id, String variant, int tokens, double totalNll, double meanNll,
                             List<Double> stepNll) {

    public CandidateScore {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(variant, "variant");
        stepNll = stepNll == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(stepNll));
    }
}
