package drp.cli.report;

import drp.core.prune.Action;

/**
 * A small SVG writer for the report's charts: every chart is an {@code <svg>} with a viewBox (it
 * scales to its container), a title and a description for screen readers, and text for every
 * series (legends, labels) so that no value is told by color alone. All text is escaped.
 */
final class Svg {

    private final StringBuilder out = new StringBuilder();
    private final int width;
    private final int height;

    Svg(String id, int width, int height, String title, String description) {
        this.width = width;
        this.height = height;
        out.append("<svg class=\"chart\" id=\"").append(Html.text(id)).append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(Html.text(id)).append("-t ")
                .append(Html.text(id)).append("-d\">")
                .append("<title id=\"").append(Html.text(id)).append("-t\">").append(Html.text(title)).append("</title>")
                .append("<desc id=\"").append(Html.text(id)).append("-d\">").append(Html.text(description)).append("</desc>");
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    Svg raw(String markup) {
        out.append(markup);
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cls, String style) {
        out.append("<line x1=\"").append(Html.num(x1)).append("\" y1=\"").append(Html.num(y1)).append("\" x2=\"")
                .append(Html.num(x2)).append("\" y2=\"").append(Html.num(y2)).append('"');
        attrs(cls, style);
        out.append("/>");
        return this;
    }

    Svg rect(double x, double y, double w, double h, String cls, String style, String tooltip) {
        out.append("<rect x=\"").append(Html.num(x)).append("\" y=\"").append(Html.num(y)).append("\" width=\"")
                .append(Html.num(Math.max(0, w))).append("\" height=\"").append(Html.num(Math.max(0, h))).append('"');
        attrs(cls, style);
        tooltip(tooltip);
        out.append(tooltip == null ? "/>" : "</rect>");
        return this;
    }

    Svg path(String d, String cls, String style) {
        out.append("<path d=\"").append(d).append('"');
        attrs(cls, style);
        out.append("/>");
        return this;
    }

    /** Text; {@code anchor} is start, middle or end. */
    Svg text(double x, double y, String text, String anchor, String cls) {
        out.append("<text x=\"").append(Html.num(x)).append("\" y=\"").append(Html.num(y)).append("\" text-anchor=\"")
                .append(anchor).append('"');
        attrs(cls, null);
        out.append('>').append(Html.text(text)).append("</text>");
        return this;
    }

    /** Text turned by -90 degrees around its position (a vertical axis title). */
    Svg verticalText(double x, double y, String text, String cls) {
        out.append("<text transform=\"translate(").append(Html.num(x)).append(' ').append(Html.num(y))
                .append(") rotate(-90)\" text-anchor=\"middle\"");
        attrs(cls, null);
        out.append('>').append(Html.text(text)).append("</text>");
        return this;
    }

    /** A series marker of the palette's shape {@code i}, centered on (x, y). */
    Svg marker(int i, double x, double y, double r, String tooltip) {
        String color = Palette.color(i);
        String style = "fill:" + color + ";stroke:#000;stroke-width:0.8";
        String shape = Palette.shape(i);
        out.append("<g class=\"marker\">");
        tooltip(tooltip);
        switch (shape) {
            case "circle" -> out.append("<circle cx=\"").append(Html.num(x)).append("\" cy=\"").append(Html.num(y))
                    .append("\" r=\"").append(Html.num(r)).append("\" style=\"").append(style).append("\"/>");
            case "square" -> out.append("<rect x=\"").append(Html.num(x - r)).append("\" y=\"").append(Html.num(y - r))
                    .append("\" width=\"").append(Html.num(2 * r)).append("\" height=\"").append(Html.num(2 * r))
                    .append("\" style=\"").append(style).append("\"/>");
            case "triangle" -> polygon(style, x, y - 1.2 * r, x + 1.1 * r, y + 0.8 * r, x - 1.1 * r, y + 0.8 * r);
            case "diamond" -> polygon(style, x, y - 1.3 * r, x + 1.1 * r, y, x, y + 1.3 * r, x - 1.1 * r, y);
            case "cross" -> polygon(style, x - r / 3, y - r, x + r / 3, y - r, x + r / 3, y - r / 3, x + r, y - r / 3,
                    x + r, y + r / 3, x + r / 3, y + r / 3, x + r / 3, y + r, x - r / 3, y + r, x - r / 3, y + r / 3,
                    x - r, y + r / 3, x - r, y - r / 3, x - r / 3, y - r / 3);
            default -> polygon(style, x, y - 1.3 * r, x + 0.4 * r, y - 0.4 * r, x + 1.3 * r, y - 0.3 * r,
                    x + 0.6 * r, y + 0.3 * r, x + 0.8 * r, y + 1.2 * r, x, y + 0.7 * r, x - 0.8 * r, y + 1.2 * r,
                    x - 0.6 * r, y + 0.3 * r, x - 1.3 * r, y - 0.3 * r, x - 0.4 * r, y - 0.4 * r);
        }
        out.append("</g>");
        return this;
    }

    private void polygon(String style, double... xy) {
        out.append("<polygon points=\"");
        for (int i = 0; i < xy.length; i += 2) {
            out.append(i == 0 ? "" : " ").append(Html.num(xy[i])).append(',').append(Html.num(xy[i + 1]));
        }
        out.append("\" style=\"").append(style).append("\"/>");
    }

    /** Axis lines, ticks and tick labels for a plot area. */
    Svg axes(Scale x, Scale y, String xTitle, String yTitle) {
        double left = x.from();
        double right = x.to();
        double bottom = y.from();
        double top = y.to();
        for (double t : y.ticks()) {
            double py = y.at(t);
            line(left, py, right, py, "grid", null);
            text(left - 6, py + 4, Scale.label(t), "end", "tick");
        }
        for (double t : x.ticks()) {
            double px = x.at(t);
            line(px, bottom, px, bottom + 5, "axis", null);
            text(px, bottom + 18, Scale.label(t), "middle", "tick");
        }
        line(left, bottom, right, bottom, "axis", null);
        line(left, bottom, left, top, "axis", null);
        text((left + right) / 2, bottom + 36, xTitle, "middle", "axis-title");
        verticalText(left - 44, (top + bottom) / 2, yTitle, "axis-title");
        return this;
    }

    /** A legend entry: a swatch (marker, line or patterned box) and its label. */
    Svg legendBox(double x, double y, Action action, String label) {
        rect(x, y - 10, 14, 12, null, "fill:url(#" + Palette.pattern(action) + ");stroke:#000;stroke-width:0.6", null);
        return text(x + 19, y, label, "start", "legend");
    }

    private void attrs(String cls, String style) {
        if (cls != null) {
            out.append(" class=\"").append(cls).append('"');
        }
        if (style != null) {
            out.append(" style=\"").append(Html.text(style)).append('"');
        }
    }

    private void tooltip(String tooltip) {
        if (tooltip != null) {
            out.append("><title>").append(Html.text(tooltip)).append("</title>");
        }
    }

    /**
     * The fill patterns of the four actions, defined once per page in a hidden SVG: a solid color
     * plus a texture (none for KEEP, hatching for DELETE, dots for REWRITE, cross-hatching for MERGE),
     * so that the bars read in gray and for every kind of color vision.
     */
    static String patternDefs() {
        StringBuilder d = new StringBuilder("<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>");
        for (Action a : Action.values()) {
            String color = Palette.action(a);
            d.append("<pattern id=\"").append(Palette.pattern(a))
                    .append("\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">")
                    .append("<rect width=\"8\" height=\"8\" fill=\"").append(color).append("\"/>");
            switch (a) {
                case KEEP -> { }
                case DELETE -> d.append("<path d=\"M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4\" stroke=\"#fff\" stroke-width=\"1.6\"/>");
                case REWRITE -> d.append("<circle cx=\"4\" cy=\"4\" r=\"1.6\" fill=\"#fff\"/>");
                case MERGE -> d.append("<path d=\"M0,0 l8,8 M8,0 l-8,8\" stroke=\"#000\" stroke-width=\"1\"/>");
            }
            d.append("</pattern>");
        }
        return d.append("</defs></svg>").toString();
    }

    @Override
    public String toString() {
        return out + "</svg>";
    }
}
