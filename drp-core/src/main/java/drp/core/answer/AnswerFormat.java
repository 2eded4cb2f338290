package drp.core.answer;

import java.util.List;

/**
 * How a final answer is written: one setting shared by the prompt's instruction, the synthesized
 * traces (which end with {@link #render}) and the extractor (which tries {@link #extractionOrder}).
 */
public enum AnswerFormat {
    /** {@code \boxed{42}}, DeepSeek-R1's and most math benchmarks' convention. */
    BOXED("put your final answer within \\boxed{}",
            List.of(ExtractionRule.BOXED, ExtractionRule.THE_ANSWER_IS, ExtractionRule.FINAL_ANSWER_IS)),
    /** GSM8K's own solutions: a last line {@code #### 42}. */
    HASH_MARK("write your final answer on a last line of the form \"#### <answer>\"",
            List.of(ExtractionRule.HASH_MARK, ExtractionRule.BOXED, ExtractionRule.THE_ANSWER_IS,
                    ExtractionRule.FINAL_ANSWER_IS)),
    /** A closing sentence "The answer is 42.". */
    THE_ANSWER_IS("end with the sentence \"The answer is <answer>.\"",
            List.of(ExtractionRule.THE_ANSWER_IS, ExtractionRule.BOXED, ExtractionRule.FINAL_ANSWER_IS));

    private final String instruction;
    private final List<ExtractionRule> extractionOrder;

    AnswerFormat(String instruction, List<ExtractionRule> extractionOrder) {
        this.instruction = instruction;
        this.extractionOrder = extractionOrder;
    }

    /** The instruction for a prompt, e.g. "put your final answer within \boxed{}". */
    public String instruction() {
        return instruction;
    }

    /** The final answer written in this format. */
    public String render(String answer) {
        return switch (this) {
            case BOXED -> "\\boxed{" + answer + "}";
            case HASH_MARK -> "#### " + answer;
            case THE_ANSWER_IS -> "The answer is " + answer + ".";
        };
    }

    /**
     * The closing sentence of a synthesized trace, stating {@code answer} in this format: what the
     * teacher writes and what {@link #extractionOrder} reads back first.
     */
    public String statement(String answer) {
        return switch (this) {
            case BOXED -> "The final answer is $\\boxed{" + answer + "}$.";
            case HASH_MARK -> "#### " + answer;
            case THE_ANSWER_IS -> "The answer is " + answer + ".";
        };
    }

    /** The rules that find an answer written this way, the format's own rule first. */
    public List<ExtractionRule> extractionOrder() {
        return extractionOrder;
    }
}
