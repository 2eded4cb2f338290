package drp.core.prune;

import drp.core.answer.ExtractionRule;
import java.util.List;

/**
 * How a trace states its final answer. One setting is shared by the teacher prompt, the
 * synthesized traces and the answer extractor, so that what is written is what is read back.
 */
public enum AnswerFormat {
    /** "The answer is 42." (GSM8K style). */
    THE_ANSWER_IS,
    /** "The final answer is $\boxed{42}$." (MATH style). */
    BOXED;

    /** The closing sentence stating {@code answer}. */
    public String statement(String answer) {
        return switch (this) {
            case THE_ANSWER_IS -> "The answer is " + answer + ".";
            case BOXED -> "The final answer is $\\boxed{" + answer + "}$.";
        };
    }

    /** The extraction order that reads this format back first. */
    public List<ExtractionRule> extractionOrder() {
        return switch (this) {
            case THE_ANSWER_IS -> List.of(ExtractionRule.THE_ANSWER_IS, ExtractionRule.BOXED,
                    ExtractionRule.FINAL_ANSWER_IS, ExtractionRule.LAST_NUMBER);
            case BOXED -> List.of(ExtractionRule.BOXED, ExtractionRule.THE_ANSWER_IS,
                    ExtractionRule.FINAL_ANSWER_IS, ExtractionRule.LAST_NUMBER);
        };
    }
}
