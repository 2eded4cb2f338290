package drp.cli.report;

import java.util.Locale;

/** Escaping for text placed in HTML and SVG, and for JSON embedded in a {@code <script>} block. */
final class Html {

    private Html() {}

    /** Text or an attribute value: every markup character escaped. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * JSON made safe inside {@code <script type="application/json">}: {@code <}, {@code >} and
     * {@code &} become {@code \u003c}, {@code \u003e}, {@code \u0026} (they can only occur inside
     * JSON strings, where the escape means the same character), so no {@code </script>} or
     * {@code <!--} can end or change the block; U+2028 and U+2029 are escaped too.
     */
    static String scriptJson(String json) {
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A number for SVG coordinates: at most two decimals, no exponent, '.' as separator. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }

    /** An id-safe form of a name ({@code tiny-world:test} -> {@code tiny-world-test}). */
    static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
