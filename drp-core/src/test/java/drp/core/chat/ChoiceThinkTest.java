package drp.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Choice splits reasoning from answer with {@link drp.core.trace.ThinkSplit} when the server sends no reasoning field. */
class ChoiceThinkTest {

    record Row(String why, String text, String reasoning, String answer) {}

    static List<Row> rows() {
        return List.of(
                new Row("both tags", "<think>\nadd 2 and 3\n</think>\n\nThe answer is 5.", "add 2 and 3", "The answer is 5."),
                new Row("template put <think> in the prompt", "add 2 and 3\n</think>\nThe answer is 5.", "add 2 and 3", "The answer is 5."),
                new Row("cut off while thinking", "<think>\nadd 2 and", "add 2 and", ""),
                new Row("no tags at all", "The answer is 5.", "", "The answer is 5."),
                new Row("leading white space before the tag", "  <think>x</think>y", "x", "y"),
                new Row("empty think block", "<think></think>y", "", "y"),
                new Row("only the first closing tag splits", "a</think>b</think>c", "a", "b</think>c"),
                new Row("empty text", "", "", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void splits(Row row) {
        drp.core.trace.ThinkSplit split = drp.core.trace.ThinkSplit.of(row.text());
        assertThat(split.think()).as(row.why()).isEqualTo(row.reasoning());
        assertThat(split.finalPart()).as(row.why()).isEqualTo(row.answer());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void choiceTakesReasoningFromTheTextWhenTheServerSendsNone(Row row) {
        Choice choice = Choice.of(0, row.text(), null, FinishReason.STOP, null);
        assertThat(choice.reasoning()).isEqualTo(row.reasoning());
        assertThat(choice.answer()).isEqualTo(row.answer());
    }

    @org.junit.jupiter.api.Test
    void aSeparateReasoningFieldWins() {
        Choice choice = Choice.of(0, "The answer is 5.", "add 2 and 3", FinishReason.STOP, null);
        assertThat(choice.reasoning()).isEqualTo("add 2 and 3");
        assertThat(choice.answer()).isEqualTo("The answer is 5.");
        assertThat(Choice.of(0, null, "r", FinishReason.LENGTH, null).text()).isEmpty();
    }
}
