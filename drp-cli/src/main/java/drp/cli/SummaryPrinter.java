package drp.cli;

import drp.core.stage.PruneSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/** Prints a prune summary for people; the same figures are in summary.json for scripts. */
final class SummaryPrinter {

    private static final String[] ACTIONS = {"KEEP", "REWRITE", "MERGE", "DELETE"};

    private final PrintWriter out;

    SummaryPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(PruneSummary s, Path runDir) {
        out.println();
        // the two sums that account for every input record, written out so that a reader can check them
        out.printf("traces read        %d = %d selected + %d skipped%s%n", s.tracesRead(), s.tracesIn(), s.skippedTotal(),
                s.skipped().isEmpty() ? "" : " (" + counts(s.skipped()) + ")");
        out.printf("traces selected    %d = %d pruned + %d failed + %d pending%n", s.tracesIn(), s.tracesOut(),
                s.failedTotal(), s.pending());
        out.printf("traces pruned      %d%n", s.tracesOut());
        long failed = s.failedTotal();
        out.printf("failures           %d%s%n", failed, failed == 0 ? "" : " " + s.failures());
        if (s.pending() > 0) {
            out.printf("pending            %d (no record yet: rerun to take them up)%n", s.pending());
        }
        out.printf("steps per trace    %.1f%n", s.stepsPerTrace());
        long decisions = s.actions().values().stream().mapToLong(Long::longValue).sum();
        StringBuilder mix = new StringBuilder();
        for (String a : ACTIONS) {
            long n = s.actions().getOrDefault(a, 0L);
            mix.append(String.format("%s %d (%.0f%%)  ", a, n, decisions == 0 ? 0.0 : 100.0 * n / decisions));
        }
        out.printf("actions            %s%n", mix.toString().strip());
        out.printf("%s before  %,d%n", pad(s.tokenizer()), s.tokensBefore());
        out.printf("%s after   %,d%n", pad(s.tokenizer()), s.tokensAfter());
        out.printf("reduction          %.1f%%%n", 100 * s.reduction());
        out.printf("answers preserved  %d / %d%n", s.answersPreserved(), s.tracesOut());
        out.println();
        out.printf("%-14s %8s %8s %8s %8s%n", "skill", ACTIONS[0], ACTIONS[1], ACTIONS[2], ACTIONS[3]);
        for (String skill : new TreeSet<>(s.actionsBySkill().keySet())) {
            Map<String, Long> row = s.actionsBySkill().get(skill);
            out.printf("%-14s %8d %8d %8d %8d%n", skill.toLowerCase(), row.getOrDefault("KEEP", 0L),
                    row.getOrDefault("REWRITE", 0L), row.getOrDefault("MERGE", 0L), row.getOrDefault("DELETE", 0L));
        }
        out.println();
        out.println("wrote " + runDir.resolve("pruned.jsonl") + ", summary.json, run.json");
        out.flush();
    }

    /** {@code reason n, reason m}, in the map's order. */
    private static String counts(Map<String, Long> byReason) {
        StringBuilder text = new StringBuilder();
        byReason.forEach((reason, n) -> text.append(text.isEmpty() ? "" : ", ").append(reason).append(' ').append(n));
        return text.toString();
    }

    private static String pad(String unit) {
        String u = unit.length() > 10 ? unit.substring(0, 10) : unit;
        return String.format("%-10s", u);
    }
}
