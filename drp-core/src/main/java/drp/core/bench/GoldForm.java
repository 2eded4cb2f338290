package drp.core.bench;

import java.math.BigDecimal;
import java.util.Optional;

/** How a benchmark file writes its gold answer, and how to read the final answer from it. */
public enum GoldForm {
    /**
     * The final answer as written (surrounding whitespace removed): MATH500, PRM12K. An empty
     * answer is read as unknown (two PRM12K records ship {@code ""}: their MATH solutions box
     * nothing); such a problem loads with an empty answer and grading reports it instead of
     * guessing.
     */
    TEXT,
    /**
     * A worked solution whose last line is {@code #### N}: the text after the last {@code ####},
     * thousands separators removed ({@code 1,080} becomes {@code 1080}): GSM8K.
     */
    HASH_MARK_LINE,
    /**
     * A number, written in canonical plain form: {@code 27.0} is {@code 27}, {@code 025} is
     * {@code 25}, {@code 2.50} is {@code 2.5}: AMC 2023 (floats), AIME (zero-padded integers).
     */
    NUMBER;

    /** The gold answer from the field's raw text, or empty when it is not in this form. */
    public Optional<String> read(String raw) {
        String s = raw.strip();
        return switch (this) {
            case TEXT -> Optional.of(s);
            case HASH_MARK_LINE -> {
                int at = s.lastIndexOf("####");
                if (at < 0) {
                    yield Optional.empty();
                }
                String answer = s.substring(at + 4).strip().replace(",", "");
                yield answer.isEmpty() ? Optional.empty() : Optional.of(answer);
            }
            case NUMBER -> {
                try {
                    BigDecimal value = new BigDecimal(s).stripTrailingZeros();
                    yield Optional.of(value.signum() == 0 ? "0" : value.toPlainString());
                } catch (NumberFormatException e) {
                    yield Optional.empty();
                }
            }
        };
    }

    /** What {@link #read} expects, for error messages. */
    public String expectation() {
        return switch (this) {
            case TEXT -> "an answer";
            case HASH_MARK_LINE -> "a solution ending with a '#### N' line";
            case NUMBER -> "a number";
        };
    }
}
