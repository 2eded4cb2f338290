package drp.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fine-tuning loss by optimizer step, one line per arm (log scale when it spans a decade). */
final class LossChart {

    private LossChart() {}

    static String svg(Map<String, List<double[]>> curves) {
        Svg svg = new Svg("loss", 600, 320, "Fine-tuning loss", "Training loss by optimizer step for "
                + String.join(", ", curves.keySet()) + ".");
        double maxStep = 0;
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (List<double[]> c : curves.values()) {
            for (double[] p : c) {
                maxStep = Math.max(maxStep, p[0]);
                lo = Math.min(lo, p[1]);
                hi = Math.max(hi, p[1]);
            }
        }
        boolean log = lo > 0 && hi / lo > 10;
        Scale x = Scale.linear(0, maxStep, 70, 440);
        Scale y = log ? Scale.log(lo, hi, 270, 20) : Scale.linear(0, hi, 270, 20);
        svg.axes(x, y, "optimizer step", "loss" + (log ? " (log scale)" : ""));
        List<String> names = new ArrayList<>(curves.keySet());
        for (int i = 0; i < names.size(); i++) {
            List<double[]> c = curves.get(names.get(i));
            StringBuilder d = new StringBuilder();
            for (double[] p : c) {
                d.append(d.isEmpty() ? "M" : " L").append(Html.num(x.at(p[0]))).append(',').append(Html.num(y.at(p[1])));
            }
            String color = Palette.color(i);
            svg.path(d.toString(), "series", "fill:none;stroke:" + color + ";stroke-width:2.5"
                    + (Palette.dash(i).isEmpty() ? "" : ";stroke-dasharray:" + Palette.dash(i)));
            for (double[] p : c) {
                svg.marker(i, x.at(p[0]), y.at(p[1]), 3.5, String.format(Locale.ROOT, "%s: step %.0f, loss %.4f",
                        names.get(i), p[0], p[1]));
            }
            double ly = 40 + 24 * i;
            svg.marker(i, 460, ly - 4, 5, null);
            double[] last = c.getLast();
            svg.text(472, ly, names.get(i), "start", "legend");
            svg.text(472, ly + 12, String.format(Locale.ROOT, "%.3f -> %.3f", c.getFirst()[1], last[1]), "start", "legend-sub");
        }
        return svg.toString();
    }
}
