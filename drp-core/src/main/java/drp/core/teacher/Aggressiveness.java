package drp.core.teacher;

/**
 * How much the heuristic teacher removes. {@link #STANDARD} is drp's method; {@link #LENGTH_ONLY}
 * is the paper's skill-blind baseline.
 */
public enum Aggressiveness {
    /** Delete only hesitations and verbatim restatements; keep every line of reasoning. */
    LIGHT,
    /**
     * Keep the first line of reasoning that reaches the answer; delete checks, reflections,
     * restatements and everything after the answer is first reached; compress computations and
     * merge runs of small ones.
     */
    STANDARD,
    /** Skill-blind truncation: keep the steps up to the first arrival at the answer, verbatim, and the answer. */
    LENGTH_ONLY
}
