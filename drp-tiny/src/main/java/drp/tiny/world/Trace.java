package drp.tiny.world;

/**
 * A solution as a reasoning model writes it: the text inside the think block, then the final line.
 *
 * <p>The assistant text has the DeepSeek-R1 shape:
 * {@code <think>\n THINK \n</think>\n\nThe answer is N.} Paragraphs inside the think block are
 * separated by a blank line; each paragraph is one reasoning move (a computation, a check, a
 * restatement...), so a rule-based pruner can delete whole paragraphs.
 */
public record Trace(String think, int answer) {

    public static final String THINK_OPEN = "<think>";
    public static final String THINK_CLOSE = "</think>";

    /** The final line, after the think block. */
    public String finalLine() {
        return answerLine(answer);
    }

    /** {@code The answer is N.}: the answer format shared with the extractor. */
    public static String answerLine(int answer) {
        return "The answer is " + answer + ".";
    }

    private static final java.util.regex.Pattern ANSWER =
            java.util.regex.Pattern.compile("</think>\\s*The answer is (-?\\d+)\\.?\\s*$");

    /**
     * The answer an assistant message states in its final line, or empty when the message does not
     * close its think block and end with {@code The answer is N.}
     */
    public static java.util.OptionalInt parseAnswer(String assistantText) {
        java.util.regex.Matcher m = ANSWER.matcher(assistantText);
        if (!m.find()) {
            return java.util.OptionalInt.empty();
        }
        try {
            return java.util.OptionalInt.of(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /** The whole assistant message. */
    public String assistantText() {
        return THINK_OPEN + "\n" + think + "\n" + THINK_CLOSE + "\n\n" + finalLine();
    }
}
