package drp.core.align;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import drp.core.sft.BuildStage;
import drp.core.sft.BuildSummary;
import drp.core.sft.SftExample;

/**
 * Picks, per problem, the shortest candidate target the student can still follow: among the
 * candidates whose mean NLL per token is at most the student's own original trace's plus {@code
 * threshold}, the one with the fewest tokens (ties: the earlier variant in the order given). The
 * original itself is always within the threshold, so a problem with an original always gets a
 * target; the paper's "align the reasoning structure with the student's capacity", made a rule
 * that is measured before any training.
 */
public final class CapacityAwareSelection {

    /** The rule's name in provenance. */
    public static final String RULE = "capacity_aware";

    private final double threshold;

    /** @param threshold nats per token a candidate may add to the original's mean NLL, {@code >= 0} */
    public CapacityAwareSelection(double threshold) {
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("the selection threshold is a finite number of nats >= 0, got " + threshold);
        }
        this.threshold = threshold;
    }

    public double threshold() {
        return threshold;
    }

    /** A chosen candidate with its provenance. */
    public record Chosen(Candidate candidate, CandidateScore score, Selection selection) {}

    /**
     * Chooses among {@code candidates} (each with its score, in preference order for ties) given
     * the original trace's score; empty when there is nothing to choose from.
     */
    public Optional<Chosen> choose(CandidateScore original, List<Scored> candidates) {
        Objects.requireNonNull(original, "original");
        double limit = original.meanNll() + threshold;
        Map<String, Selection.Considered> considered = new LinkedHashMap<>();
        Scored best = null;
        for (Scored c : candidates) {
            boolean eligible = c.score().meanNll() <= limit;
            considered.put(c.candidate().variant(), new Selection.Considered(c.score().tokens(), c.score().meanNll(), eligible));
            if (eligible && (best == null || c.score().tokens() < best.score().tokens())) {
                best = c;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new Chosen(best.candidate(), best.score(),
                new Selection(RULE, threshold, best.candidate().variant(), original.meanNll(), considered)));
    }

    /** A candidate with its score. */
    public record Scored(Candidate candidate, CandidateScore score) {
        public Scored {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(score, "score");
            if (!candidate.key().equals(score.key())) {
                throw new IllegalArgumentException("score " + score.key() + " is not of candidate " + candidate.key());
            }
        }
    }

    /** The examples chosen, with what happened to every problem, and how often each variant was chosen. */
    public record Built(List<SftExample> examples, BuildSummary summary, Map<String, Integer> chosen) {
        /** As the build stage's result. */
        public BuildStage.Result result() {
            return new BuildStage.Result(examples, summary);
        }
    }

    /**
     * Chooses for every problem of {@code groups} (scored candidates by id, in order; the original
     * among them) and makes the chosen candidate's example with {@code example}, carrying its
     * provenance. A problem whose original was not scored is dropped as {@code
     * original_not_scored}: without it there is no threshold.
     */
    public Built build(Map<String, List<Scored>> groups, Function<Candidate, SftExample> example) {
        List<SftExample> kept = new ArrayList<>();
        Map<String, Integer> dropped = new LinkedHashMap<>();
        Map<String, Integer> chosen = new LinkedHashMap<>();
        long tokens = 0;
        for (List<Scored> group : groups.values()) {
            Optional<CandidateScore> original = group.stream().map(Scored::score)
                    .filter(s -> s.variant().equals(Candidates.ORIGINAL)).findFirst();
            if (original.isEmpty()) {
                dropped.merge("original_not_scored", 1, Integer::sum);
                continue;
            }
            Chosen pick = choose(original.get(), group).orElseThrow();
            SftExample e = example.apply(pick.candidate()).selected(pick.selection());
            kept.add(e);
            chosen.merge(pick.candidate().variant(), 1, Integer::sum);
            tokens += e.tokens();
        }
        return new Built(List.copyOf(kept), new BuildSummary(groups.size(), kept.size(), dropped, tokens), chosen);
    }

    /** Groups scored candidates by id, keeping the order of {@code all}. */
    public static Map<String, List<Scored>> byId(List<Scored> all) {
        Map<String, List<Scored>> out = new LinkedHashMap<>();
        for (Scored s : all) {
            out.computeIfAbsent(s.candidate().id(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }
}
