package drp.core.step;

/**
 * The mathematical skill a reasoning step exercises: the unit of the teacher's decomposition. The
 * taxonomy follows the paper's examples ("reading a given quantity", "arithmetic", "verification",
 * "clarify answer") widened to cover what long chains of thought actually contain.
 */
public enum Skill {
    /** Reading or restating a given quantity, condition or the question itself. */
    READ("reading a given quantity or condition"),
    /** Setting up an equation, a variable, or a plan of attack. */
    PLAN("setting up an equation or plan"),
    /** Recalling a fact, definition, theorem or formula. */
    RECALL("recalling a fact or formula"),
    /** Computing with numbers. */
    ARITHMETIC("arithmetic computation"),
    /** Manipulating expressions and equations with unknowns. */
    ALGEBRA("algebraic manipulation"),
    /** Splitting into cases or conditions. */
    CASE_ANALYSIS("case analysis"),
    /** Comparing quantities or candidates, or drawing a conclusion from them. */
    COMPARISON("comparison or conclusion"),
    /** Checking a result again: substituting back, recomputing, double-checking. */
    VERIFICATION("verification or double-checking"),
    /** Hesitation and self-talk that carries no mathematics ("Wait", "Hmm", "Let me think"). */
    REFLECTION("reflection or hesitation"),
    /** Trying another approach. */
    EXPLORATION("exploring an alternative approach"),
    /** Stating the final answer. */
    ANSWER("stating the answer");

    private final String description;

    Skill(String description) {
        this.description = description;
    }

    /** The label used in prompts and reports. */
    public String description() {
        return description;
    }
}
