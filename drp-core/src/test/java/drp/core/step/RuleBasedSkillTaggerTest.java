package drp.core.step;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleBasedSkillTaggerTest {

    private static final String QUESTION = "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?";
    private final SkillTagger tagger = new RuleBasedSkillTagger();

    /** Rows taken from real R1-Distill traces and from the paper's skill examples. */
    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            Natalia sold 48 clips in April and half as many in May.                 | READ
            The problem says she sold clips to 48 of her friends in April.        | READ
            Let me set up an equation for the total.                              | PLAN
            Let x be the number of clips sold in May.                             | PLAN
            I remember that the sum of roots of a quadratic is -b/a.              | RECALL
            Using the quadratic formula, the roots follow.                        | RECALL
            48 / 2 = 24.                                                          | ARITHMETIC
            -8x - 5x is -13x, so 0 = x^3 - 2x^2 - 13x - 10                        | ALGEBRA
            Factor the quadratic into two binomials.                              | ALGEBRA
            Case 1: x is positive.                                                | CASE_ANALYSIS
            Wait, let me double-check that.                                       | VERIFICATION
            Let me verify by plugging x = 5 back in.                              | VERIFICATION
            Yes, that checks out.                                                 | VERIFICATION
            Did I make any mistakes in the synthetic division?                    | VERIFICATION
            Hmm, let me think about how to approach this.                         | REFLECTION
            Wait, that doesn't look right.                                        | REFLECTION
            I'm confident the sum is 4.                                           | REFLECTION
            Alternatively, maybe there's a smarter way to approach the problem.   | EXPLORATION
            Let me try a different approach.                                      | EXPLORATION
            Comparing the two values, 24 is less than 48.                         | COMPARISON
            So the answer is 72.                                                  | ANSWER
            **Final Answer** The sum is \\boxed{4}.                                | ANSWER
            """)
    void tagsBySkill(String text, Skill expected) {
        assertThat(tagger.tag(text, QUESTION)).isEqualTo(expected);
    }
}
