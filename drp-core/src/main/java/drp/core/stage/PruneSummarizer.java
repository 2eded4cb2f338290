package drp.core.stage;

import drp.core.prune.StepDecision;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes a {@link PruneSummary} from the records of pruned.jsonl, so that a resumed run reports
 * on everything in the file and not only on its own part.
 */
public final class PruneSummarizer {

    private PruneSummarizer() {}

    /**
     * @param records     every record of pruned.jsonl
     * @param tracesRead  records read from the input
     * @param inputErrors malformed input lines skipped
     * @param tracesIn    traces selected for pruning
     * @param tokenizer   the name of the token counter
     */
    public static PruneSummary summarize(List<PrunedRecord> records, long tracesRead, long inputErrors,
                                         long tracesIn, String tokenizer) {
        Map<String, Long> failures = new TreeMap<>();
        Map<String, Long> actions = new TreeMap<>();
        Map<String, Map<String, Long>> bySkill = new TreeMap<>();
        long out = 0;
        long steps = 0;
        long before = 0;
        long after = 0;
        long preserved = 0;
        for (PrunedRecord r : records) {
            if (!r.ok()) {
                failures.merge(r.failureReason(), 1L, Long::sum);
                continue;
            }
            out++;
            steps += r.steps().size();
            before += r.tokensBefore();
            after += r.tokensAfter();
            if (Boolean.TRUE.equals(r.answerPreserved())) {
                preserved++;
            }
            for (StepDecision d : r.decisions()) {
                actions.merge(d.action().name(), 1L, Long::sum);
                String skill = r.steps().get(d.step()).skill().name();
                bySkill.computeIfAbsent(skill, k -> new TreeMap<>()).merge(d.action().name(), 1L, Long::sum);
            }
        }
        double reduction = before == 0 ? 0.0 : 1.0 - (double) after / before;
        return new PruneSummary(tracesRead, inputErrors, tracesIn, out, failures,
                out == 0 ? 0.0 : (double) steps / out, actions, bySkill, tokenizer, before, after, reduction, preserved);
    }
}
