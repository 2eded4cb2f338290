package drp.cli.report;

import drp.core.grade.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Accuracy against mean output tokens on one benchmark, one marker per model with its 95%
 * intervals as bars in both directions: up and to the left is better (the Pareto view).
 */
final class ParetoChart {

    private ParetoChart() {}

    static String svg(String bench, Map<String, RunSummary> models) {
        Svg svg = new Svg("pareto-" + Html.slug(bench), 620, 360, "Accuracy vs mean tokens: " + bench,
                "One marker per model at its mean output tokens and accuracy, with 95% bootstrap intervals;"
                        + " up and to the left is better.");
        List<String> names = new ArrayList<>(models.keySet());
        double xMin = Double.MAX_VALUE;
        double xMax = 0;
        double yMin = 100;
        double yMax = 0;
        for (RunSummary s : models.values()) {
            if (s.meanTokens() == null || s.accuracy() == null) {
                continue;
            }
            xMin = Math.min(xMin, s.meanTokensCi() == null ? s.meanTokens() : s.meanTokensCi().low());
            xMax = Math.max(xMax, s.meanTokensCi() == null ? s.meanTokens() : s.meanTokensCi().high());
            yMin = Math.min(yMin, 100 * (s.accuracyCi() == null ? s.accuracy() : s.accuracyCi().low()));
            yMax = Math.max(yMax, 100 * (s.accuracyCi() == null ? s.accuracy() : s.accuracyCi().high()));
        }
        if (xMin == Double.MAX_VALUE) {
            return svg.text(310, 180, "no token counts", "middle", "note").toString();
        }
        Scale x = Scale.linear(Math.max(0, xMin - 0.1 * (xMax - xMin + 1)), xMax + 0.1 * (xMax - xMin + 1), 70, 450);
        Scale y = Scale.linear(Math.max(0, yMin - 3), Math.min(100, yMax + 3), 300, 20);
        svg.axes(x, y, "mean output tokens", "accuracy (%)");
        for (int i = 0; i < names.size(); i++) {
            RunSummary s = models.get(names.get(i));
            if (s.meanTokens() == null || s.accuracy() == null) {
                continue;
            }
            double px = x.at(s.meanTokens());
            double py = y.at(100 * s.accuracy());
            String style = "stroke:" + Palette.color(i) + ";stroke-width:2";
            if (s.meanTokensCi() != null) {
                double lo = x.at(s.meanTokensCi().low());
                double hi = x.at(s.meanTokensCi().high());
                svg.line(lo, py, hi, py, "ci", style).line(lo, py - 5, lo, py + 5, "ci", style)
                        .line(hi, py - 5, hi, py + 5, "ci", style);
            }
            if (s.accuracyCi() != null) {
                double lo = y.at(100 * s.accuracyCi().low());
                double hi = y.at(100 * s.accuracyCi().high());
                svg.line(px, lo, px, hi, "ci", style).line(px - 5, lo, px + 5, lo, "ci", style)
                        .line(px - 5, hi, px + 5, hi, "ci", style);
            }
            svg.marker(i, px, py, 6, String.format(Locale.ROOT, "%s: %.1f%% accuracy %s, %.0f tokens %s", names.get(i),
                    100 * s.accuracy(), Figure.interval(s.accuracyCi(), 100, 1, false), s.meanTokens(),
                    Figure.interval(s.meanTokensCi(), 1, 0, false)));
            svg.text(px + 9, py - 8, names.get(i), "start", "point-label");
        }
        // legend
        for (int i = 0; i < names.size(); i++) {
            double ly = 40 + 24 * i;
            svg.marker(i, 478, ly - 4, 6, null);
            svg.text(491, ly, names.get(i), "start", "legend");
        }
        return svg.toString();
    }
}
