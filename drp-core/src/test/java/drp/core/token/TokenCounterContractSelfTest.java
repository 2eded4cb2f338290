package drp.core.token;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the contract on the simplest exact counter, and checks that it rejects broken ones. */
class TokenCounterContractSelfTest extends TokenCounterContract {

    /** One token per code point. */
    private static final TokenCounter CODE_POINTS = new TokenCounter() {
        @Override
        public String name() {
            return "code-points";
        }

        @Override
        public int count(String text) {
            return text.codePointCount(0, text.length());
        }
    };

    @Override
    protected TokenCounter counter() {
        return CODE_POINTS;
    }

    @Test
    void aCounterThatTruncatesFailsTheContract() {
        TokenCounter truncating = counting("truncating", text -> Math.min(8192, CODE_POINTS.count(text)));
        assertThatThrownBy(contractOf(truncating)::longTextIsNotTruncated).isInstanceOf(AssertionError.class);
    }

    @Test
    void aCounterThatPadsItsBatchesFailsTheContract() {
        TokenCounter padding = new TokenCounter() {
            @Override
            public String name() {
                return "padding";
            }

            @Override
            public int count(String text) {
                return CODE_POINTS.count(text);
            }

            @Override
            public int[] countAll(List<String> texts) {
                int longest = texts.stream().mapToInt(this::count).max().orElse(0);
                int[] counts = new int[texts.size()];
                Arrays.fill(counts, longest);
                return counts;
            }
        };
        assertThatThrownBy(contractOf(padding)::countAllIsCountElementWiseInInputOrder)
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aCounterThatAddsASpecialTokenFailsTheContract() {
        TokenCounter withBos = counting("with-bos", text -> 1 + CODE_POINTS.count(text));
        assertThatThrownBy(contractOf(withBos)::emptyTextCountsZero).isInstanceOf(AssertionError.class);
    }

    private static TokenCounter counting(String name, java.util.function.ToIntFunction<String> count) {
        return new TokenCounter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int count(String text) {
                return count.applyAsInt(text);
            }
        };
    }

    private static TokenCounterContract contractOf(TokenCounter counter) {
        return new TokenCounterContract() {
            @Override
            protected TokenCounter counter() {
                return counter;
            }
        };
    }
}
