package drp.core.grade;

/**
 * An output split into its reasoning ("think") part and its final part. Answers are looked for in
 * the final part first, because the reasoning of a model such as DeepSeek-R1 is full of tentative
 * answers.
 *
 * <p>The split: text after the last {@code </think>} is final and the text before it (without a
 * leading {@code <think>}) is reasoning. Without {@code </think>}: when the source gives the
 * reasoning apart and the text contains it, what follows it is final; when the text does not
 * contain it, the text is all final; a text that opens {@code <think>} and never closes it is all
 * reasoning (generation stopped while thinking); any other text is all final.
 *
 * @param think     the reasoning part (may be empty)
 * @param answer    the final part (may be empty)
 * @param generated everything the model generated, for counting tokens
 */
public record OutputParts(String think, String answer, String generated) {

    static final String OPEN = "<think>";
    static final String CLOSE = "</think>";

    public static OutputParts of(String text, String thinkField) {
        int close = text.lastIndexOf(CLOSE);
        if (close >= 0) {
            String before = text.substring(0, close).strip();
            if (before.startsWith(OPEN)) {
                before = before.substring(OPEN.length());
            }
            return new OutputParts(before.strip(), text.substring(close + CLOSE.length()).strip(), text);
        }
        if (thinkField != null && !thinkField.isBlank()) {
            int at = text.indexOf(thinkField);
            if (at >= 0) {
                return new OutputParts(thinkField, text.substring(at + thinkField.length()).strip(), text);
            }
            return new OutputParts(thinkField, text.strip(), thinkField + "\n" + text);
        }
        String stripped = text.strip();
        if (stripped.startsWith(OPEN)) {
            return new OutputParts(stripped.substring(OPEN.length()).strip(), "", text);
        }
        return new OutputParts("", stripped, text);
    }
}
