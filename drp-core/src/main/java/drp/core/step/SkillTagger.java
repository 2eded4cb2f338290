package drp.core.step;

/**
 * Labels a piece of reasoning with the skill it exercises.
 */
public interface SkillTagger {

    /**
     * @param text     the step or sentence, verbatim
     * @param question the problem being solved (restating it is {@link Skill#READ})
     */
    Skill tag(String text, String question);
}
