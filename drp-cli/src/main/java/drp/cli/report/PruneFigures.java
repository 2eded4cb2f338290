package drp.cli.report;

import drp.core.stage.PrunedRecord;
import java.util.List;
import java.util.Locale;

/** One sentence on an arm's pruning, for the summary and report.md. */
final class PruneFigures {

    private PruneFigures() {}

    static String sentence(String arm, List<PrunedRecord> records) {
        List<PrunedRecord> ok = records.stream().filter(PrunedRecord::ok).toList();
        long before = ok.stream().filter(r -> r.tokensBefore() != null).mapToLong(PrunedRecord::tokensBefore).sum();
        long after = ok.stream().filter(r -> r.tokensAfter() != null).mapToLong(PrunedRecord::tokensAfter).sum();
        long preserved = ok.stream().filter(r -> Boolean.TRUE.equals(r.answerPreserved())).count();
        return String.format(Locale.ROOT, "Pruning (%s): %,d of %,d traces pruned, %,d failed; tokens %,d -> %,d"
                        + " (%.1f%% fewer); answers preserved %,d / %,d.", arm, ok.size(), records.size(),
                records.size() - ok.size(), before, after, before == 0 ? 0 : 100.0 * (1 - after / (double) before),
                preserved, ok.size());
    }
}
