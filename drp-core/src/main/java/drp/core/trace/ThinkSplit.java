package drp.core.trace;

import java.util.Objects;

/**
 * A model output split into its reasoning (inside {@code <think>...</think>}) and the final part
 * after it.
 *
 * <p>R1-style chat templates put the opening {@code <think>} into the prompt, so the generated
 * text often holds only the closing tag: everything before it is then the think text. An output
 * with no tags at all has no think text ({@link #hasThink()} is false) and is all final part.
 * An opening tag that is never closed (a generation cut at its token cap) yields a think text
 * running to the end and an empty final part, with {@link #closed()} false.
 *
 * @param think     the reasoning, without the tags
 * @param finalPart what follows {@code </think>}, leading whitespace removed
 * @param hasThink  whether the output had a think block at all
 * @param closed    whether the think block was closed
 */
public record ThinkSplit(String think, String finalPart, boolean hasThink, boolean closed) {

    public static final String OPEN = "<think>";
    public static final String CLOSE = "</think>";

    public ThinkSplit {
        Objects.requireNonNull(think, "think");
        Objects.requireNonNull(finalPart, "finalPart");
    }

    /** Splits a raw model output. */
    public static ThinkSplit of(String output) {
        int open = output.indexOf(OPEN);
        int close = output.indexOf(CLOSE, open < 0 ? 0 : open);
        if (close >= 0) {
            int thinkStart = open >= 0 ? open + OPEN.length() : 0;
            String think = stripNewlines(output.substring(thinkStart, close));
            String rest = output.substring(close + CLOSE.length()).stripLeading();
            return new ThinkSplit(think, rest, true, true);
        }
        if (open >= 0) {
            return new ThinkSplit(stripNewlines(output.substring(open + OPEN.length())), "", true, false);
        }
        return new ThinkSplit("", output.strip(), false, true);
    }

    /** {@code <think>\nTHINK\n</think>\n\nFINAL}: the shape R1-style models emit and are trained on. */
    public static String join(String think, String finalPart) {
        return OPEN + "\n" + think.strip() + "\n" + CLOSE + "\n\n" + finalPart.strip();
    }

    /** Only the newlines next to the tags belong to the template; other whitespace is content. */
    private static String stripNewlines(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '\n' || s.charAt(start) == '\r')) {
            start++;
        }
        while (end > start && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }
}
