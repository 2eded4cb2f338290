package drp.core.step;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The parts of a text that are mathematics in LaTeX delimiters: {@code $...$}, {@code $$...$$},
 * {@code \(...\)} and {@code \[...\]}. A step boundary never falls inside one. An opening delimiter
 * that is never closed protects nothing: it is more likely a literal dollar sign than math that
 * runs to the end of the trace.
 */
public final class MathRegions {

    private final BitSet inside;

    private MathRegions(BitSet inside) {
        this.inside = inside;
    }

    /** Finds the math regions of {@code text}. */
    public static MathRegions of(String text) {
        BitSet inside = new BitSet(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char next = text.charAt(i + 1);
                if (next == '(' || next == '[') {
                    String close = next == '(' ? "\\)" : "\\]";
                    int end = text.indexOf(close, i + 2);
                    if (end >= 0) {
                        inside.set(i, end + 2);
                        i = end + 2;
                        continue;
                    }
                }
                i += 2; // an escaped character, e.g. \$ , is never a delimiter
                continue;
            }
            if (c == '$') {
                boolean display = i + 1 < n && text.charAt(i + 1) == '$';
                String close = display ? "$$" : "$";
                int end = findUnescaped(text, close, i + close.length());
                if (end >= 0) {
                    inside.set(i, end + close.length());
                    i = end + close.length();
                    continue;
                }
            }
            i++;
        }
        return new MathRegions(inside);
    }

    private static int findUnescaped(String text, String token, int from) {
        int at = text.indexOf(token, from);
        while (at > 0 && text.charAt(at - 1) == '\\') {
            at = text.indexOf(token, at + 1);
        }
        return at;
    }

    /** True when position {@code i} lies strictly inside math (a cut before {@code i} would split it). */
    public boolean protects(int i) {
        return i > 0 && inside.get(i) && inside.get(i - 1);
    }

    /** The regions as spans, in order. */
    public List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        int start = inside.nextSetBit(0);
        while (start >= 0) {
            int end = inside.nextClearBit(start);
            spans.add(new Span(start, end));
            start = inside.nextSetBit(end);
        }
        return spans;
    }
}
