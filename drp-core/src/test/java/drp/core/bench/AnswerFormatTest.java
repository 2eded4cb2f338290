package drp.core.bench;

import drp.core.answer.AnswerFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.answer.RuleBasedExtractor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class AnswerFormatTest {

    /** What a format writes, its own extractor finds with its own rule first. */
    @ParameterizedTest
    @EnumSource(AnswerFormat.class)
    void renderedAnswersAreExtractedBack(AnswerFormat format) {
        String trace = "First 3 + 4 = 7, then 7 * 6 = 42.\n" + format.render("42");
        var found = new RuleBasedExtractor(format.extractionOrder()).extract(trace).orElseThrow();
        assertThat(found.text()).isEqualTo("42");
        assertThat(found.rule()).isEqualTo(format.extractionOrder().getFirst());
    }

    @Test
    void goldForms() {
        assertThat(GoldForm.NUMBER.read("27.0")).contains("27");
        assertThat(GoldForm.NUMBER.read("025")).contains("25");
        assertThat(GoldForm.NUMBER.read("-0.0")).contains("0");
        assertThat(GoldForm.NUMBER.read("1e3")).contains("1000");
        assertThat(GoldForm.NUMBER.read("x")).isEmpty();
        assertThat(GoldForm.HASH_MARK_LINE.read("a\n#### 1,080")).contains("1080");
        assertThat(GoldForm.HASH_MARK_LINE.read("#### ")).isEmpty();
        assertThat(GoldForm.TEXT.read("  \\frac12 ")).contains("\\frac12");
    }

    @Test
    void promptTemplatesNeedOnePlaceholder() {
        assertThat(PromptStyle.QUESTION_ONLY.render("Q?")).isEqualTo("Q?");
        assertThatThrownBy(() -> new PromptStyle("bad", "no placeholder")).hasMessageContaining("{question}");
        assertThatThrownBy(() -> new PromptStyle("bad", "{question}{question}")).hasMessageContaining("exactly once");
    }
}
