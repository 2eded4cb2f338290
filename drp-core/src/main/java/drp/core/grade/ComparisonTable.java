package drp.core.grade;

import drp.core.stats.Interval;
import drp.core.stats.WilcoxonSignedRankTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Comparison} as a Markdown table in the shape of the paper's Table 1: one row
 * per model, an accuracy and a tokens column per benchmark, then the difference B - A with its 95%
 * interval and the p-values, and a legend that says what each number is.
 */
final class ComparisonTable {

    private ComparisonTable() {}

    static String render(Comparison c) {
        List<BenchmarkComparison> bs = c.benchmarks();
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("Model"));
        List<String> align = new ArrayList<>(List.of(":--"));
        for (BenchmarkComparison b : bs) {
            header.add(b.title() + " Acc (%)");
            header.add(b.title() + " Tokens");
            align.add("--:");
            align.add("--:");
        }
        row(out, header);
        row(out, align);
        List<String> rowA = new ArrayList<>(List.of(escape(c.a())));
        List<String> rowB = new ArrayList<>(List.of(escape(c.b())));
        int percent = (int) Math.round(c.bootstrap().confidence() * 100);
        List<String> delta = new ArrayList<>(List.of("Δ " + escape(c.b()) + " − " + escape(c.a()) + " [" + percent + "% CI]"));
        List<String> pValues = new ArrayList<>(List.of("p-value"));
        for (BenchmarkComparison b : bs) {
            rowA.add(fixed(100 * b.a().accuracy(), 1));
            rowA.add(tokens(b.a().meanTokens()));
            rowB.add(fixed(100 * b.b().accuracy(), 1));
            rowB.add(tokens(b.b().meanTokens()));
            delta.add(signed(100 * b.accuracyDifference(), 1) + " " + interval(b.accuracyDifferenceCi(), 100, 1));
            delta.add(b.meanTokensDifference() == null ? "n/a"
                    : signed(b.meanTokensDifference(), 0) + " " + interval(b.meanTokensDifferenceCi(), 1, 0)
                            + (b.tokensRatio() == null ? "" : " (" + signed(100 * (b.tokensRatio() - 1), 1) + "%)"));
            pValues.add(p(b.mcnemar().pValue()) + " (McNemar)");
            WilcoxonSignedRankTest w = b.wilcoxon();
            pValues.add(w == null ? "n/a" : p(w.pValue()) + " (Wilcoxon)");
        }
        row(out, rowA);
        row(out, rowB);
        row(out, delta);
        row(out, pValues);
        out.append('\n');
        List<String> sizes = new ArrayList<>();
        for (BenchmarkComparison b : bs) {
            sizes.add(b.title() + " " + b.problems()
                    + (b.onlyInA() + b.onlyInB() > 0 ? " (" + b.onlyInA() + " only in " + c.a() + ", " + b.onlyInB()
                            + " only in " + c.b() + ", left out)" : ""));
        }
        out.append("Paired problems: ").append(String.join("; ", sizes)).append(".\n");
        out.append(String.format(Locale.ROOT,
                "Acc: correct / outputs. Tokens: mean output tokens per output. Δ: %s minus %s, with a %d%% paired "
                        + "percentile bootstrap interval (problems resampled, %,d resamples, seed %d); the percentage "
                        + "is the relative change in tokens. p-values: exact McNemar test on the first sample of each "
                        + "problem (accuracy); Wilcoxon signed-rank test on per-problem mean tokens, zero differences "
                        + "dropped (exact up to %d problems, else normal approximation with tie and continuity "
                        + "correction).\n",
                c.b(), c.a(), percent, c.bootstrap().resamples(), c.bootstrap().seed(),
                WilcoxonSignedRankTest.EXACT_LIMIT));
        if (!c.onlyInA().isEmpty() || !c.onlyInB().isEmpty()) {
            out.append("Not compared (graded in one run only): ")
                    .append(String.join(", ", c.onlyInA().stream().map(n -> n + " (" + c.a() + ")").toList()))
                    .append(c.onlyInA().isEmpty() || c.onlyInB().isEmpty() ? "" : ", ")
                    .append(String.join(", ", c.onlyInB().stream().map(n -> n + " (" + c.b() + ")").toList()))
                    .append(".\n");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static String escape(String label) {
        return label.replace("|", "\\|");
    }

    static String fixed(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String signed(double value, int decimals) {
        String s = String.format(Locale.ROOT, "%+." + decimals + "f", value);
        return s.matches("[+-]0(\\.0+)?") ? s.substring(1) : s; // no sign on a zero
    }

    private static String tokens(Double mean) {
        return mean == null ? "n/a" : fixed(mean, 0);
    }

    private static String interval(Interval ci, double scale, int decimals) {
        if (ci == null) {
            return "[n/a]";
        }
        Interval s = ci.scaled(scale);
        return "[" + signed(s.low(), decimals) + ", " + signed(s.high(), decimals) + "]";
    }

    static String p(double p) {
        if (p < 0.001) {
            return "<0.001";
        }
        return String.format(Locale.ROOT, "%.3f", p);
    }
}
