package drp.core.answer;

import java.util.Objects;

/**
 * An answer found in a model output, with the rule that found it.
 *
 * @param text the answer as written (not yet normalized)
 * @param rule the rule that fired
 * @param fromThink true when the answer was found inside the think block, not in the final part
 */
public record ExtractedAnswer(String text, ExtractionRule rule, boolean fromThink) {
    public ExtractedAnswer {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(rule, "rule");
    }

    /** An answer found in the final part of the output. */
    public ExtractedAnswer(String text, ExtractionRule rule) {
        this(text, rule, false);
    }
}
