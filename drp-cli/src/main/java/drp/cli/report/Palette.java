package drp.cli.report;

import drp.core.prune.Action;
import java.util.List;

/**
 * Colors that survive color blindness and print: the Okabe-Ito palette. Every series also has a
 * marker shape or fill pattern and a text label, so nothing is told by color alone.
 */
final class Palette {

    private Palette() {}

    /** Okabe-Ito, without yellow (too light on white) and black (axes). */
    static final List<String> SERIES = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9");

    /** Marker shapes for the same series, in order. */
    static final List<String> SHAPES = List.of("circle", "square", "triangle", "diamond", "cross", "star");

    /** Dash patterns for lines of the same series. */
    static final List<String> DASHES = List.of("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4");

    static String color(int i) {
        return SERIES.get(Math.floorMod(i, SERIES.size()));
    }

    static String shape(int i) {
        return SHAPES.get(Math.floorMod(i, SHAPES.size()));
    }

    static String dash(int i) {
        return DASHES.get(Math.floorMod(i, DASHES.size()));
    }

    /** The color of an action: the same in the charts and the trace viewer (report.css). */
    static String action(Action a) {
        return switch (a) {
            case KEEP -> "#009E73";
            case DELETE -> "#D55E00";
            case REWRITE -> "#0072B2";
            case MERGE -> "#E69F00";
        };
    }

    /** The fill pattern id of an action (defined once per page by {@link Svg#patternDefs()}). */
    static String pattern(Action a) {
        return "pat-" + a.name().toLowerCase(java.util.Locale.ROOT);
    }
}
