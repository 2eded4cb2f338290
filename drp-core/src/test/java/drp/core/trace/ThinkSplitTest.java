package drp.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThinkSplitTest {

    @Test
    void splitsAFullThinkBlock() {
        ThinkSplit s = ThinkSplit.of("<think>\nFirst, 2 + 2 = 4.\n</think>\n\nThe answer is 4.");
        assertThat(s.think()).isEqualTo("First, 2 + 2 = 4.");
        assertThat(s.finalPart()).isEqualTo("The answer is 4.");
        assertThat(s.hasThink()).isTrue();
        assertThat(s.closed()).isTrue();
    }

    @Test
    void onlyTheClosingTagAsWhenTheTemplatePrefillsTheOpeningOne() {
        ThinkSplit s = ThinkSplit.of("Okay, 3 * 3 = 9.\n</think>\n\n**Answer:** 9");
        assertThat(s.think()).isEqualTo("Okay, 3 * 3 = 9.");
        assertThat(s.finalPart()).isEqualTo("**Answer:** 9");
        assertThat(s.hasThink()).isTrue();
    }

    @Test
    void anUnclosedThinkBlockIsACutOffGeneration() {
        ThinkSplit s = ThinkSplit.of("<think>\nLet me think about this for a very long");
        assertThat(s.think()).isEqualTo("Let me think about this for a very long");
        assertThat(s.finalPart()).isEmpty();
        assertThat(s.closed()).isFalse();
    }

    @Test
    void noTagsMeansNoThinkText() {
        ThinkSplit s = ThinkSplit.of("The answer is 7.");
        assertThat(s.hasThink()).isFalse();
        assertThat(s.think()).isEmpty();
        assertThat(s.finalPart()).isEqualTo("The answer is 7.");
    }

    @Test
    void indentationInsideTheThinkTextIsContentAndKept() {
        ThinkSplit s = ThinkSplit.of("<think>\n  indented line\n</think>x");
        assertThat(s.think()).isEqualTo("  indented line");
    }

    @Test
    void joinIsTheInverseShape() {
        String joined = ThinkSplit.join("a = 1", "The answer is 1.");
        assertThat(joined).isEqualTo("<think>\na = 1\n</think>\n\nThe answer is 1.");
        assertThat(ThinkSplit.of(joined).think()).isEqualTo("a = 1");
    }
}
