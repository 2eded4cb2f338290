package drp.core.answer;

/**
 * A reasoning model's output split at {@code </think>}: the thinking, and the final part the model
 * shows as its solution. Works when only the closing tag is present (the prompt opened the block)
 * and when the block never closed (the output hit its token limit: everything is thinking).
 *
 * @param think the text inside the think block, empty when there is none
 * @param answer the text after it; the whole text when there is no think block
 * @param closed false when a think block was opened and never closed
 */
record ThinkSplit(String think, String answer, boolean closed) {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    static ThinkSplit of(String text) {
        int close = text.lastIndexOf(CLOSE);
        if (close >= 0) {
            String before = text.substring(0, close);
            int open = before.indexOf(OPEN);
            return new ThinkSplit(open >= 0 ? before.substring(open + OPEN.length()) : before,
                    text.substring(close + CLOSE.length()), true);
        }
        int open = text.indexOf(OPEN);
        if (open >= 0) {
            return new ThinkSplit(text.substring(open + OPEN.length()), "", false);
        }
        return new ThinkSplit("", text, true);
    }
}
