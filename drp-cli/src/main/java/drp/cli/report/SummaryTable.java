package drp.cli.report;

import drp.core.align.VariantAlignment;
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
    private final Map<String, VariantAlignment> alignment;

    /** @param alignment per model, the align stage's score of its training targets (a column when not empty) */
    SummaryTable(Figures figures, Map<String, VariantAlignment> alignment) {
        this.figures = figures;
        this.alignment = alignment;
    }

    private List<String> header() {
        if (alignment.isEmpty()) {
            return HEADER;
        }
        List<String> header = new ArrayList<>(HEADER);
        header.add("Student NLL of its targets [95% CI]");
        return header;
    }

    /** One row of cells per model of {@code bench}. */
    List<List<String>> rows(String bench) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, RunSummary> e : figures.summaries().get(bench).entrySet()) {
            RunSummary s = e.getValue();
            BenchmarkComparison c = figures.compared(e.getKey(), bench);
            List<String> row = new ArrayList<>(List.of(e.getKey(), String.valueOf(s.n()),
                    Figure.fixed(s.accuracy() == null ? null : 100 * s.accuracy(), 1) + " " + Figure.interval(s.accuracyCi(), 100, 1, false),
                    Figure.fixed(s.meanTokens(), 0) + " " + Figure.interval(s.meanTokensCi(), 1, 0, false),
                    c == null || c.tokensRatio() == null ? "—" : Figure.fixed(100 * (1 - c.tokensRatio()), 1) + "% "
                            + (c.tokensRatioCi() == null ? "" : Figure.interval(new Interval(1 - c.tokensRatioCi().high(),
                            1 - c.tokensRatioCi().low()), 100, 1, false)),
                    c == null ? "—" : Figure.signed(100 * c.accuracyDifference(), 1) + " "
                            + Figure.interval(c.accuracyDifferenceCi(), 100, 1, true),
                    c == null ? "—" : Figure.p(c.mcnemar().pValue()),
                    c == null || c.wilcoxon() == null ? "—" : Figure.p(c.wilcoxon().pValue())));
            if (!alignment.isEmpty()) {
                VariantAlignment a = alignment.get(e.getKey());
                row.add(a == null ? "—" : Figure.fixed(a.meanNll(), 3) + " " + Figure.interval(a.meanNllInterval(), 1, 3, false));
            }
            rows.add(row);
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
            header().forEach(h -> out.append("<th scope=\"col\">").append(Html.text(h)).append("</th>"));
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
            out.append(caption(bench)).append("\n\n| ").append(String.join(" | ", header())).append(" |\n| :-- |");
            out.append(" --: |".repeat(header().size() - 1)).append('\n');
            rows(bench).forEach(r -> out.append("| ").append(String.join(" | ", r)).append(" |\n"));
            out.append('\n');
        }
        return out.toString();
    }

}
