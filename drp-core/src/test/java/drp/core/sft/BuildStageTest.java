package drp.core.sft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.answer.AnswerFormat;
import drp.core.answer.BasicAnswerChecker;
import drp.core.problem.Problem;
import drp.core.stage.PrunedRecord;
import drp.core.token.CharacterCount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildStageTest {

    private static PrunedRecord ok(String id, String question, String answer, String gold, boolean preserved, String text) {
        return new PrunedRecord(id, PrunedRecord.OK, question, answer, gold, "heuristic", List.of(), List.of(), List.of(),
                text, 100, 40, preserved, null, null, List.of(), 1);
    }

    private static PrunedRecord ok(String id, String answer, String gold, boolean preserved, String text) {
        return ok(id, "Q " + id, answer, gold, preserved, text);
    }

    private static PrunedRecord failed(String id) {
        return new PrunedRecord(id, PrunedRecord.FAILED, "Q " + id, "1", "1", "heuristic", List.of(), List.of(), List.of(),
                null, 100, null, null, "not_shorter", "detail", List.of(), 1);
    }

    private final BuildStage stage = new BuildStage(SftFilters.DEFAULT, AnswerFormat.THE_ANSWER_IS,
            new BasicAnswerChecker(), new CharacterCount());

    @Test
    void everyInputIsWrittenOrDroppedWithItsReasonInTheSampleOrder() {
        List<PrunedRecord> pruned = List.of(
                ok("c", "3", "3", true, "Three. The answer is 3."),
                failed("d"),
                ok("a", "1", "1", true, "One. The answer is 1."),
                ok("b", "2", "5", true, "Two. The answer is 2."),
                ok("e", "4", "4", false, "Four. The answer is 7."),
                ok("f", "6", null, true, "Six. The answer is 6."));
        BuildStage.Result result = stage.fromPruned(pruned, List.of("a", "b", "c", "d", "e", "f"));
        assertThat(result.examples()).extracting(SftExample::id).containsExactly("a", "c");
        assertThat(result.summary().dropped()).isEqualTo(Map.of("prune_failed", 1, "wrong_answer", 1,
                "answer_changed", 1, "no_gold", 1));
        assertThat(result.summary().read()).isEqualTo(6);
        SftExample a = result.examples().getFirst();
        assertThat(a.assistant()).isEqualTo("<think>\nOne. The answer is 1.\n</think>\n\nThe answer is 1.");
        assertThat(a.question()).isEqualTo("Q a");
        assertThat(a.tokens()).isEqualTo(a.assistant().length());
        assertThat(BuildStage.jsonl(result.examples())).startsWith("{\"id\":\"a\",\"source\":\"pruned\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":\"Q a\"},{\"role\":\"assistant\",");
    }

    @Test
    void lengthBoundsDropAndNeverTruncate() {
        BuildStage bounded = new BuildStage(new SftFilters(true, true, 60, 120, true), AnswerFormat.THE_ANSWER_IS,
                new BasicAnswerChecker(), new CharacterCount());
        String tooShort = "1. The answer is 1.";
        String fits = "One and one more makes the one. The answer is 1.";
        String tooLong = "One " + "and one ".repeat(20) + "The answer is 1.";
        BuildStage.Result r = bounded.fromPruned(List.of(ok("a", "1", "1", true, tooShort), ok("b", "1", "1", true, fits),
                ok("c", "1", "1", true, tooLong)), List.of());
        assertThat(r.examples()).extracting(SftExample::id).containsExactly("b");
        assertThat(r.examples().getFirst().assistant()).contains(fits);
        assertThat(r.summary().dropped()).isEqualTo(Map.of("too_short", 1, "too_long", 1));
    }

    @Test
    void aTraceWithoutReasoningOrWithAThinkTagOfItsOwnIsUnfinished() {
        BuildStage.Result r = stage.fromPruned(List.of(ok("a", "1", "1", true, "One. The answer is 1."),
                ok("b", "1", "1", true, "One.</think> The answer is 1."),
                ok("c", "1", "1", true, "  "),
                ok("d", "", "1", true, "One.")), List.of("a", "b", "c", "d"));
        assertThat(r.examples()).extracting(SftExample::id).containsExactly("a");
        assertThat(r.summary().dropped()).isEqualTo(Map.of("unfinished", 3));
    }

    @Test
    void theSameQuestionAndReplyTwiceIsADuplicate() {
        BuildStage.Result r = stage.fromPruned(List.of(ok("a", "Q", "1", "1", true, "One. The answer is 1."),
                ok("b", "Q", "1", "1", true, "One. The answer is 1."),
                ok("c", "Q", "1", "1", true, "Just one. The answer is 1.")), List.of("a", "b", "c"));
        assertThat(r.examples()).extracting(SftExample::id).containsExactly("a", "c");
        assertThat(r.summary().dropped()).isEqualTo(Map.of("duplicate", 1));
    }

    @Test
    void solutionsOfTheSameProblemsBecomeExamplesAndMissingOnesAreCounted() {
        Problem p = new Problem("p1", "How many?", "5", Map.of("solution", "2 + 3 = 5."));
        Problem bare = new Problem("p2", "How many more?", "6");
        BuildStage.Result r = stage.fromSolutions(List.of("p1#s7#0", "p2#s7#0", "p3#s7#0"),
                Map.of("p1#s7#0", p, "p2#s7#0", bare));
        assertThat(r.examples()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(SftExample.SOLUTION);
            assertThat(e.assistant()).isEqualTo("<think>\n2 + 3 = 5.\n</think>\n\nThe answer is 5.");
        });
        assertThat(r.summary().dropped()).isEqualTo(Map.of("no_solution", 2));
    }

    @Test
    void countsThatDoNotAddUpAreABug() {
        assertThatThrownBy(() -> new BuildSummary(3, 1, Map.of("too_long", 1), 10))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("do not add up");
    }
}
