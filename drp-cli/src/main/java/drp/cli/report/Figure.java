package drp.cli.report;

import drp.core.stats.Interval;
import java.util.Locale;

/** How tables print a figure: fixed decimals, signed differences, intervals, p-values. */
public final class Figure {

    private Figure() {}

    /** {@code value} with {@code decimals} decimals, or {@code n/a}. */
    public static String fixed(Double value, int decimals) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** {@code value} with its sign; a value that rounds to zero has none. */
    public static String signed(double value, int decimals) {
        String s = String.format(Locale.ROOT, "%+." + decimals + "f", value);
        return s.matches("[+-]0(\\.0+)?") ? s.substring(1) : s;
    }

    /** {@code [low, high]} scaled by {@code scale}, signed when {@code withSign}, or {@code [n/a]}. */
    public static String interval(Interval ci, double scale, int decimals, boolean withSign) {
        if (ci == null) {
            return "[n/a]";
        }
        Interval s = ci.scaled(scale);
        return withSign ? "[" + signed(s.low(), decimals) + ", " + signed(s.high(), decimals) + "]"
                : "[" + fixed(s.low(), decimals) + ", " + fixed(s.high(), decimals) + "]";
    }

    /** A p-value: three decimals, or {@code <0.001}. */
    public static String p(double p) {
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
