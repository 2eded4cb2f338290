package drp.core.step;

/**
 * How finely a think text is cut into steps. {@link #SKILL} is drp's method; the others are the
 * paper's ablation baselines.
 */
public enum Granularity {
    /** One step per paragraph (blank-line separated). */
    PARAGRAPH,
    /** One step per sentence: the "sentence split" baseline. */
    SENTENCE,
    /** Sentences grouped into steps of one skill each: a lead-in ending in ':' joins what it introduces, and neighbours of the same skill join. */
    SKILL
}
