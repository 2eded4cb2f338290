package drp.core.answer;

/** The rules an {@link AnswerExtractor} can apply, in the order a benchmark configures. */
public enum ExtractionRule {
    /**
     * The last {@code \boxed{...}} (or {@code \fbox{...}}) with balanced braces, also
     * {@code \boxed 5}; boxes written side by side ({@code \boxed{-2} and \boxed{1}}) are one
     * answer, joined by commas.
     */
    BOXED,
    /** GSM8K's {@code #### N} line. */
    HASH_MARK,
    /** "The answer is ..." and "Answer: ...", up to the end of the sentence or of its math span. */
    THE_ANSWER_IS,
    /** "final answer is ...", "Final Answer: ...", and "**Final Answer**" over the answer's line. */
    FINAL_ANSWER_IS,
    /**
     * The last math expression: the content of the last {@code $...$}, {@code $$...$$},
     * {@code \\(...\\)} or {@code \\[...\\]}, as checkers that parse free text read it.
     */
    LAST_MATH,
    /** The last number in the text: the fallback of last resort. */
    LAST_NUMBER
}
