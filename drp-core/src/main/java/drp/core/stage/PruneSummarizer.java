package drp.core.stage;

import drp.core.prune.StepDecision;
import drp.core.trace.TraceSelection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes a {@link PruneSummary} from the records of pruned.jsonl, so that a resumed run reports
 * on everything in the file and not only on its own part.
 */
public final class PruneSummarizer {

    private PruneSummarizer() {}

    /**
     * Summarizes the records of the selected traces, so that the figures add up: records of
     * pruned.jsonl that are not in the selection (an earlier run on another input or with
     * {@code --all}) are not counted, and selected traces without a record are {@code pending}.
     *
     * @param records   every record of pruned.jsonl
     * @param selection what was read and which traces were selected
     * @param tokenizer the name of the token counter
     */
    public static PruneSummary summarize(List<PrunedRecord> records, TraceSelection selection, String tokenizer) {
        Set<String> ids = new HashSet<>();
        selection.selected().forEach(t -> ids.add(t.id()));
        List<PrunedRecord> ofSelected = records.stream().filter(r -> ids.contains(r.id())).toList();
        long pending = ids.size() - ofSelected.size();
        return summarize(ofSelected, selection.read(), selection.skipped(), ids.size(), pending, tokenizer);
    }

    private static PruneSummary summarize(List<PrunedRecord> records, long tracesRead, Map<String, Long> skipped,
                                          long tracesIn, long pending, String tokenizer) {
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
        long inputErrors = skipped.getOrDefault(TraceSelection.MALFORMED_LINE, 0L);
        return new PruneSummary(tracesRead, inputErrors, skipped, tracesIn, out, failures, pending,
                out == 0 ? 0.0 : (double) steps / out, actions, bySkill, tokenizer, before, after, reduction, preserved);
    }
}
