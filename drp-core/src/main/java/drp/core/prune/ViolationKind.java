package drp.core.prune;

/**
 * The ways a teacher's answer can be invalid. Each names one rule of the protocol: the first group
 * concerns the decomposition into steps, the rest the pruning plan.
 */
public enum ViolationKind {
    /** The answer could not be read in the expected format (no JSON, no "Step n:" blocks, cut off). */
    UNPARSEABLE_ANSWER,
    /** A step's text is not a verbatim copy of a part of the trace. */
    STEP_NOT_FOUND,
    /** A step copies text that comes before the previous step's text. */
    STEPS_OUT_OF_ORDER,
    /** A step repeats text that the previous step already covers. */
    STEPS_OVERLAP,
    /** Part of the trace (words or numbers, not just spaces and punctuation) is in no step. */
    TRACE_NOT_COVERED,
    /** A step's skill label is not one of the known skills. */
    UNKNOWN_SKILL,
    /** A step has no decision. */
    MISSING_DECISION,
    /** A step has more than one decision. */
    DUPLICATE_DECISION,
    /** A decision names a step that does not exist. */
    UNKNOWN_STEP,
    /** The teacher named an action that is not KEEP, DELETE, REWRITE or MERGE. */
    UNKNOWN_ACTION,
    /** A REWRITE or MERGE without replacement text. */
    MISSING_TEXT,
    /** A KEEP or DELETE that carries a merge group or a rewrite. */
    STRAY_FIELDS,
    /** A MERGE group that is not a run of adjacent steps, has fewer than two, or omits the step itself. */
    MERGE_NOT_ADJACENT,
    /** Members of one MERGE group that disagree about the group. */
    MERGE_INCONSISTENT,
    /** The step that states the final answer is deleted. */
    ANSWER_STEP_DELETED,
    /** The synthesized trace is empty. */
    EMPTY_SYNTHESIS,
    /** The synthesized trace states no final answer. */
    NO_ANSWER,
    /** The synthesized trace states a different answer than the original. */
    ANSWER_CHANGED,
    /** The synthesized answer is not the gold answer (only when gold filtering is on). */
    ANSWER_NOT_GOLD,
    /** The answer check did not finish in time. */
    ANSWER_CHECK_TIMED_OUT,
    /** The synthesized trace is not shorter than the original. */
    NOT_SHORTER
}
