package drp.cli.report;

import java.util.ArrayList;
import java.util.List;

/** A linear (or log10) map from data to pixels, with round tick values. */
record Scale(double min, double max, double from, double to, boolean log) {

    static Scale linear(double min, double max, double from, double to) {
        if (!(max > min)) {
            max = min + 1;
        }
        double step = step(min, max);
        return new Scale(Math.floor(min / step) * step, Math.ceil(max / step) * step, from, to, false);
    }

    static Scale log(double min, double max, double from, double to) {
        double lo = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-12))));
        double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, lo * 10))));
        return new Scale(lo, hi, from, to, true);
    }

    double at(double v) {
        double f = log ? (Math.log10(Math.max(v, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (v - min) / (max - min);
        return from + f * (to - from);
    }

    List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        if (log) {
            for (double v = min; v <= max * 1.0001; v *= 10) {
                out.add(v);
            }
            return out;
        }
        double step = step(min, max);
        for (double v = min; v <= max + step / 1e6; v += step) {
            out.add(Math.abs(v) < step / 1e6 ? 0 : v);
        }
        return out;
    }

    /** A round step giving about five ticks. */
    static double step(double min, double max) {
        double raw = (max - min) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / mag;
        return (n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10) * mag;
    }

    static String label(double v) {
        if (v != 0 && (Math.abs(v) < 0.01 || Math.abs(v) >= 1e6)) {
            return String.format(java.util.Locale.ROOT, "%.0e", v);
        }
        if (Math.abs(v) >= 1000) {
            return String.format(java.util.Locale.ROOT, "%,.0f", v);
        }
        return Html.num(v);
    }
}
