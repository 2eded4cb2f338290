package drp.core.answer;

/** The rules an {@link AnswerExtractor} can apply, in the order a benchmark configures. */
public enum ExtractionRule {
    /** The last {@code \boxed{...}} (or {@code \fbox{...}}) with balanced braces. */
    BOXED,
    /** GSM8K's {@code #### N} line. */
    HASH_MARK,
    /** "The answer is ...". */
    THE_ANSWER_IS,
    /** "final answer is ..." / "Final Answer: ...". */
    FINAL_ANSWER_IS,
    /** The last number in the text: the fallback of last resort. */
    LAST_NUMBER
}
