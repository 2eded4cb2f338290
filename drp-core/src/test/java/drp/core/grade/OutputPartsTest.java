package drp.core.grade;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputPartsTest {

    @Test
    void closedThinkBlock() {
        OutputParts p = OutputParts.of("<think>\nwork 1 + 1\n</think>\n\nSo \\boxed{2}.", null);
        assertThat(p.think()).isEqualTo("work 1 + 1");
        assertThat(p.answer()).isEqualTo("So \\boxed{2}.");
    }

    @Test
    void closingTagOnlyAsWhenTheChatTemplateOpenedIt() {
        OutputParts p = OutputParts.of("work 1 + 1\n</think>\nSo 2.", null);
        assertThat(p.think()).isEqualTo("work 1 + 1");
        assertThat(p.answer()).isEqualTo("So 2.");
    }

    @Test
    void unclosedThinkBlockIsAllReasoning() {
        OutputParts p = OutputParts.of("<think>\nlet me recompute... 42", null);
        assertThat(p.answer()).isEmpty();
        assertThat(p.think()).isEqualTo("let me recompute... 42");
    }

    @Test
    void thinkFieldGivenApart() {
        OutputParts inside = OutputParts.of("reasoning here\nFinal: 7", "reasoning here");
        assertThat(inside.answer()).isEqualTo("Final: 7");
        OutputParts apart = OutputParts.of("Final: 7", "reasoning here");
        assertThat(apart.answer()).isEqualTo("Final: 7");
        assertThat(apart.generated()).isEqualTo("reasoning here\nFinal: 7");
    }

    @Test
    void plainTextIsAllFinal() {
        OutputParts p = OutputParts.of(" The answer is 5. ", null);
        assertThat(p.answer()).isEqualTo("The answer is 5.");
        assertThat(p.think()).isEmpty();
    }
}
