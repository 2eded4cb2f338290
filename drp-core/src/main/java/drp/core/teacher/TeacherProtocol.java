package drp.core.teacher;

/** How many calls an LLM teacher makes per trace. */
public enum TeacherProtocol {
    /** The paper's protocol: one call decomposes into labelled steps, a second decides and synthesizes. */
    TWO_CALL,
    /** One call does both: cheaper, and a baseline for the two-call protocol. */
    ONE_CALL
}
