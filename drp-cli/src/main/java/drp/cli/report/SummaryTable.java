package drp.cli.report;

import drp.core.grade.BenchmarkComparison;
import drp.core.grade.RunSummary;
import drp.core.stats.Interval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's Table 1 for every benchmark of the run: per model, accuracy and mean tokens with
 * their 95% intervals, the token reduction against the reference model and the paired tests
 * (McNemar on accuracy, Wilcoxon on tokens). As HTML for the page and Markdown for report.md.
 */
final class SummaryTable {

    private static final List<String> HEADER = List.of("Model", "n", "Acc (%) [95% CI]", "Tokens [95% CI]",
            "Reduction [95% CI]", "Δ Acc (pts) [95% CI]", "p (McNemar)", "p (Wilcoxon)");

    private final Figures figures;

    SummaryTable(Figures figures) {
        this.figures = figures;
    }

    /** One row of cells per model of {@code bench}. */
    List<List<String>> rows(String bench) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, RunSummary> e : figures.summaries().get(bench).entrySet()) {
            RunSummary s = e.getValue();
            BenchmarkComparison c = figures.compared(e.getKey(), bench);
            rows.add(List.of(e.getKey(), String.valueOf(s.n()),
                    fixed(s.accuracy() == null ? null : 100 * s.accuracy(), 1) + " " + interval(s.accuracyCi(), 100, 1, false),
                    fixed(s.meanTokens(), 0) + " " + interval(s.meanTokensCi(), 1, 0, false),
                    c == null || c.tokensRatio() == null ? "—" : fixed(100 * (1 - c.tokensRatio()), 1) + "% "
                            + (c.tokensRatioCi() == null ? "" : interval(new Interval(1 - c.tokensRatioCi().high(),
                            1 - c.tokensRatioCi().low()), 100, 1, false)),
                    c == null ? "—" : signed(100 * c.accuracyDifference(), 1) + " "
                            + interval(c.accuracyDifferenceCi(), 100, 1, true),
                    c == null ? "—" : p(c.mcnemar().pValue()),
                    c == null || c.wilcoxon() == null ? "—" : p(c.wilcoxon().pValue())));
        }
        return rows;
    }

    String caption(String bench) {
        RunSummary first = figures.summaries().get(bench).values().iterator().next();
        return String.format(Locale.ROOT, "%s: %d problems%s. Intervals: 95%% bootstrap over problems; reduction,"
                        + " Δ and p-values paired against %s on the same problems.", bench, first.problems(),
                first.samplesPerProblem() != null && first.samplesPerProblem() > 1
                        ? ", " + first.samplesPerProblem() + " answers per problem" : "", figures.reference());
    }

    String html() {
        StringBuilder out = new StringBuilder();
        for (String bench : figures.summaries().keySet()) {
            out.append("<div class=\"table-wrap\"><table class=\"table1\" id=\"table-").append(Html.slug(bench))
                    .append("\"><caption>").append(Html.text(caption(bench))).append("</caption><thead><tr>");
            HEADER.forEach(h -> out.append("<th scope=\"col\">").append(Html.text(h)).append("</th>"));
            out.append("</tr></thead><tbody>");
            for (List<String> row : rows(bench)) {
                out.append("<tr>");
                for (int i = 0; i < row.size(); i++) {
                    out.append(i == 0 ? "<th scope=\"row\">" : "<td>").append(Html.text(row.get(i)))
                            .append(i == 0 ? "</th>" : "</td>");
                }
                out.append("</tr>");
            }
            out.append("</tbody></table></div>");
        }
        return out.toString();
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        for (String bench : figures.summaries().keySet()) {
            out.append(caption(bench)).append("\n\n| ").append(String.join(" | ", HEADER)).append(" |\n| :-- |");
            out.append(" --: |".repeat(HEADER.size() - 1)).append('\n');
            rows(bench).forEach(r -> out.append("| ").append(String.join(" | ", r)).append(" |\n"));
            out.append('\n');
        }
        return out.toString();
    }

    static String fixed(Double v, int decimals) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static String signed(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%+." + decimals + "f", v);
        return s.matches("[+-]0(\\.0+)?") ? s.substring(1) : s;
    }

    static String interval(Interval ci, double scale, int decimals, boolean withSign) {
        if (ci == null) {
            return "[n/a]";
        }
        Interval s = ci.scaled(scale);
        return withSign ? "[" + signed(s.low(), decimals) + ", " + signed(s.high(), decimals) + "]"
                : "[" + fixed(s.low(), decimals) + ", " + fixed(s.high(), decimals) + "]";
    }

    static String p(double p) {
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
