package drp.cli.report;

import drp.core.stage.PrunedRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The teacher's work: traces pruned and traces failed by reason (one bar each, counts written),
 * with its calls, tokens and cost from run.json when a model teacher ran, and the teacher answers
 * used per trace.
 */
final class TeacherChart {

    private TeacherChart() {}

    /** Outcomes: "pruned" then each failure reason, with counts. */
    static Map<String, Long> outcomes(List<PrunedRecord> records) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("pruned", records.stream().filter(PrunedRecord::ok).count());
        Map<String, Long> failures = new TreeMap<>();
        records.stream().filter(r -> !r.ok()).forEach(r -> failures.merge(
                r.failureReason() == null ? "unknown" : r.failureReason(), 1L, Long::sum));
        out.putAll(failures);
        return out;
    }

    static String svg(String id, String arm, List<PrunedRecord> records, Map<String, ReportInputs.Usage> usage) {
        Map<String, Long> outcomes = outcomes(records);
        int usageRows = usage.size();
        Svg svg = new Svg(id, 600, 62 + 26 * outcomes.size() + 18 * (usageRows + 2), "Teacher: " + arm,
                "Traces pruned and failed by reason; teacher calls and cost.");
        long max = outcomes.values().stream().mapToLong(Long::longValue).max().orElse(1);
        double left = 170;
        double right = 500;
        svg.text(left, 22, "traces by outcome", "start", "legend");
        int row = 0;
        for (Map.Entry<String, Long> e : outcomes.entrySet()) {
            double y = 34 + 26 * row++;
            boolean ok = e.getKey().equals("pruned");
            svg.text(left - 8, y + 13, ok ? "pruned" : "failed: " + e.getKey(), "end", "tick");
            double w = (right - left) * e.getValue() / Math.max(1, max);
            svg.rect(left, y, Math.max(w, e.getValue() > 0 ? 2 : 0), 18, ok ? "bar-ok" : "bar-failed",
                    ok ? "fill:url(#pat-keep)" : "fill:url(#pat-delete)", e.getKey() + ": " + e.getValue() + " traces");
            svg.text(left + w + 6, y + 13, String.format(Locale.ROOT, "%,d", e.getValue()), "start", "tick");
        }
        double y = 44 + 26 * outcomes.size();
        long attempts = records.stream().mapToLong(PrunedRecord::attempts).sum();
        svg.text(20, y, String.format(Locale.ROOT, "teacher answers used: %,d for %,d traces (%.2f per trace)", attempts,
                records.size(), attempts / (double) Math.max(1, records.size())), "start", "legend");
        if (usage.isEmpty()) {
            svg.text(20, y + 18, "no model calls recorded in run.json (a rule-based teacher costs nothing)", "start",
                    "legend-sub");
        } else {
            y += 18;
            svg.text(20, y, "model calls of the run (run.json), teacher and students alike:", "start", "legend-sub");
        }
        for (Map.Entry<String, ReportInputs.Usage> e : usage.entrySet()) {
            y += 18;
            ReportInputs.Usage u = e.getValue();
            svg.text(20, y, String.format(Locale.ROOT, "%s: %,d calls (%,d failed), %,d tokens in, %,d out, $%.4f",
                    e.getKey(), u.requests(), u.failedRequests(), u.promptTokens(), u.completionTokens(), u.cost()),
                    "start", "legend-sub");
        }
        return svg.toString();
    }
}
