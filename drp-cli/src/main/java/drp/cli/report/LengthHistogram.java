package drp.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Token-length distributions as normalized histograms (the fraction of each series per bin, so
 * series of different sizes compare), drawn as outlined steps with a light fill, each series with
 * its own color and dash pattern. Lengths at or past a generation cap fall in the last bin, where
 * a spike shows how many answers were cut off; the cap itself is drawn as a labelled line.
 */
final class LengthHistogram {

    static final int BINS = 40;

    private LengthHistogram() {}

    /**
     * @param series label -> lengths (in tokens), in drawing order
     * @param cap    the generation cap, or null when unknown
     */
    static String svg(String id, String title, Map<String, List<Integer>> series, Integer cap) {
        Svg svg = new Svg(id, 600, 340, title, "Share of traces per length bin, one outlined series per "
                + String.join(", ", series.keySet()) + (cap == null ? "" : "; the dashed line is the generation cap ("
                + cap + " tokens)") + ".");
        int max = series.values().stream().flatMap(List::stream).mapToInt(Integer::intValue).max().orElse(0);
        if (cap != null) {
            max = Math.max(max, cap);
        }
        if (max == 0) {
            return svg.text(280, 170, "no token counts", "middle", "note").toString();
        }
        double width = Math.max(1, Math.ceil((max + 1) / (double) BINS));
        Map<String, double[]> shares = new LinkedHashMap<>();
        double top = 0;
        for (Map.Entry<String, List<Integer>> e : series.entrySet()) {
            double[] bins = new double[BINS];
            for (int v : e.getValue()) {
                bins[Math.min(BINS - 1, (int) (v / width))]++;
            }
            for (int b = 0; b < BINS; b++) {
                bins[b] /= Math.max(1, e.getValue().size());
                top = Math.max(top, bins[b]);
            }
            shares.put(e.getKey(), bins);
        }
        Scale x = Scale.linear(0, width * BINS, 70, 420);
        Scale y = Scale.linear(0, 100 * top, 290, 20);
        svg.axes(x, y, "tokens", "share of traces (%)");
        List<String> names = new ArrayList<>(shares.keySet());
        for (int i = 0; i < names.size(); i++) {
            double[] bins = shares.get(names.get(i));
            StringBuilder d = new StringBuilder("M").append(Html.num(x.at(0))).append(',').append(Html.num(y.at(0)));
            for (int b = 0; b < BINS; b++) {
                double py = y.at(100 * bins[b]);
                d.append(" L").append(Html.num(x.at(b * width))).append(',').append(Html.num(py)).append(" L")
                        .append(Html.num(x.at((b + 1) * width))).append(',').append(Html.num(py));
            }
            d.append(" L").append(Html.num(x.at(BINS * width))).append(',').append(Html.num(y.at(0))).append(" Z");
            String color = Palette.color(i);
            svg.path(d.toString(), "series", "fill:" + color + ";fill-opacity:0.12;stroke:" + color
                    + ";stroke-width:2" + (Palette.dash(i).isEmpty() ? "" : ";stroke-dasharray:" + Palette.dash(i)));
            for (int b = 0; b < BINS; b++) {
                if (bins[b] > 0) {
                    svg.rect(x.at(b * width), y.to(), x.at((b + 1) * width) - x.at(b * width), y.from() - y.to(), "hit",
                            "fill:transparent", String.format(Locale.ROOT, "%s: %.1f%% of traces at %.0f-%.0f tokens",
                                    names.get(i), 100 * bins[b], b * width, (b + 1) * width - 1));
                }
            }
        }
        if (cap != null) {
            double px = x.at(cap);
            svg.line(px, y.from(), px, y.to(), "cap", null);
            svg.text(px - 4, y.to() + 12, "cap " + String.format(Locale.ROOT, "%,d", cap), "end", "cap-label");
        }
        for (int i = 0; i < names.size(); i++) {
            double ly = 40 + 24 * i;
            String color = Palette.color(i);
            svg.line(432, ly - 4, 458, ly - 4, null, "stroke:" + color + ";stroke-width:3"
                    + (Palette.dash(i).isEmpty() ? "" : ";stroke-dasharray:" + Palette.dash(i)));
            List<Integer> values = series.get(names.get(i));
            double mean = values.stream().mapToInt(Integer::intValue).average().orElse(0);
            svg.text(464, ly, names.get(i), "start", "legend");
            svg.text(464, ly + 12, String.format(Locale.ROOT, "n=%,d, mean %,.0f", values.size(), mean), "start", "legend-sub");
        }
        return svg.toString();
    }
}
