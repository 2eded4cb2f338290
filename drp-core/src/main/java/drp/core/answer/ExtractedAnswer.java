package drp.core.answer;

import java.util.Objects;

/**
 * An answer found in a model output, with the rule that found it.
 *
 * @param text the answer as written (not yet normalized)
 * @param rule the rule that fired
 */
public record ExtractedAnswer(String text, ExtractionRule rule) {
    public ExtractedAnswer {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(rule, "rule");
    }
}
