package drp.core.answer;

import java.util.Optional;

/** Finds the final answer in a model output. */
public interface AnswerExtractor {

    /** The answer stated by {@code text}, or empty when no rule finds one. */
    Optional<ExtractedAnswer> extract(String text);
}
