package drp.llm.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HuggingFaceTokenCounterTest {

    private static final HuggingFaceTokenCounter TINY = TokenizerLoader.loadHuggingFace(TokenizerDirs.fixture("tiny-qwen2"));

    @Test
    void countAllSplitsLargeInputsIntoBatchesWithoutLosingOrder() {
        String paragraph = "Let x be 12. Then 3x + 4 = 40, so x = 12.\n\n";
        int batchChars = 1000;
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // some texts alone exceed a batch, some share one, some are empty
            int copies = i % 7 == 0 ? batchChars / paragraph.length() + 3 : i % 5;
            texts.add(paragraph.repeat(copies) + (i % 5 == 0 ? "" : "end " + i));
        }
        int[] expected = texts.stream().mapToInt(TINY::count).toArray();
        assertThat(TINY.countAll(texts, batchChars)).containsExactly(expected);
        assertThat(TINY.countAll(texts)).containsExactly(expected);
        assertThat(TINY.countAll(texts, 1)).containsExactly(expected);
    }

    @Test
    void aClosedCounterRefusesToCount() {
        var counter = TokenizerLoader.loadHuggingFace(TokenizerDirs.fixture("tiny-qwen2"));
        assertThat(counter.count("in")).isEqualTo(1);
        counter.close();
        counter.close();
        assertThatThrownBy(() -> counter.count("in")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> counter.countAll(List.of("in"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullTextIsRefused() {
        assertThatThrownBy(() -> TINY.count(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> TINY.countAll(Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("null");
    }

    @Test
    void namesItselfAfterItsDirectory() {
        assertThat(TINY.name()).isEqualTo("tiny-qwen2");
        assertThat(TINY).hasToString("HuggingFaceTokenCounter[tiny-qwen2]");
    }
}
