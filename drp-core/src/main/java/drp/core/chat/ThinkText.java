package drp.core.chat;

import java.util.Objects;

/**
 * Splits a reasoning model's output into its thinking and its answer at the {@code <think>} tags.
 * R1-style chat templates put {@code <think>} into the prompt, so the output often carries only
 * the closing tag; an opening tag without a closing one means the thinking was cut off.
 *
 * @param reasoning the text inside the think block, trimmed; empty when there is none
 * @param answer the text after the think block, without leading white space
 */
public record ThinkText(String reasoning, String answer) {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    public ThinkText {
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(answer, "answer");
    }

    /** Splits {@code text}; text without think tags is all answer. */
    public static ThinkText split(String text) {
        Objects.requireNonNull(text, "text");
        int close = text.indexOf(CLOSE);
        if (close >= 0) {
            return new ThinkText(stripOpen(text.substring(0, close)).strip(),
                    text.substring(close + CLOSE.length()).stripLeading());
        }
        String lead = text.stripLeading();
        if (lead.startsWith(OPEN)) {
            return new ThinkText(lead.substring(OPEN.length()).strip(), "");
        }
        return new ThinkText("", text);
    }

    private static String stripOpen(String thinking) {
        String lead = thinking.stripLeading();
        return lead.startsWith(OPEN) ? lead.substring(OPEN.length()) : thinking;
    }
}
