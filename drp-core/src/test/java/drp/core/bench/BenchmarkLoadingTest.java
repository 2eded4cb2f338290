package drp.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.io.ErrorPolicy;
import drp.core.io.JsonlFormatException;
import drp.core.io.ReadResult;
import drp.core.problem.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkLoadingTest {

    private final Path malformed = BenchmarkFixtures.resource("malformed.jsonl");
    private final Benchmark gsm8kStyle = Benchmark.fromJsonl("toy", malformed,
            ProblemFields.of("question", "answer").withGold(GoldForm.HASH_MARK_LINE));

    @Test
    void strictStopsAtTheFirstBadLineNamingFileAndLine() {
        assertThatThrownBy(() -> gsm8kStyle.load(ErrorPolicy.STRICT))
                .isInstanceOf(JsonlFormatException.class)
                .hasMessageStartingWith(malformed + ":2: not valid JSON");
    }

    @Test
    void lenientKeepsGoodRecordsAndReportsEveryBadOne() {
        ReadResult<Problem> read = gsm8kStyle.load(ErrorPolicy.LENIENT);
        // line 1 is good; line 4 is blank; line 7's gold '1,0' reads as 10
        assertThat(read.items()).extracting(Problem::id, Problem::answer).containsExactly(
                tuple("toy-0000", "2"),
                tuple("toy-0006", "10"));
        assertThat(read.errors()).extracting(e -> e.line()).containsExactly(2, 3, 5, 6);
        assertThat(read.errors().getFirst().toString()).startsWith(malformed + ":2: not valid JSON (");
        assertThat(read.errors().subList(1, 4)).extracting(Object::toString).containsExactly(
                malformed + ":3: field 'answer': missing (fields present: question)",
                malformed + ":5: field 'answer': expected a solution ending with a '#### N' line, found 'it is eight'",
                malformed + ":6: expected a JSON object, found array");
    }

    @Test
    void customFieldMappingWithIdsAndNumbers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("quiz.jsonl");
        Files.writeString(file, """
                {"key": "q1", "prompt": "Half of 5?", "gold": 2.50, "topic": "fractions"}
                {"key": "q2", "prompt": "Ten squared?", "gold": "100"}
                """);
        Benchmark quiz = Benchmark.fromJsonl("quiz:dev", file, ProblemFields.of("prompt", "gold").withId("key")
                .withGold(GoldForm.NUMBER).withMeta(List.of("topic")));
        assertThat(quiz.problems()).extracting(Problem::id, Problem::answer).containsExactly(
                tuple("quiz-dev-q1", "2.5"),
                tuple("quiz-dev-q2", "100"));
        assertThat(quiz.problems().getFirst().meta()).containsEntry("topic", "fractions").containsEntry("source_id", "q1");
        assertThat(quiz.prompt(quiz.problems().getFirst()))
                .isEqualTo("Half of 5?\nPlease reason step by step, and put your final answer within \\boxed{}.");
    }

    @Test
    void duplicateIdsAreErrors(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dup.jsonl");
        Files.writeString(file, """
                {"id": 1, "problem": "a", "answer": "1"}
                {"id": 1, "problem": "b", "answer": "2"}
                """);
        Benchmark dup = Benchmark.fromJsonl("dup", file, ProblemFields.of("problem", "answer").withId("id"));
        assertThatThrownBy(dup::problems).hasMessage(file + ":2: field 'id': duplicate problem id dup-1 (first at line 1)");
    }

    @Test
    void missingFileIsAClearError() {
        Benchmark none = Benchmark.fromJsonl("none", Path.of("no/such/file.jsonl"), ProblemFields.of("q", "a"));
        assertThatThrownBy(none::problems).hasMessageContaining("input file not found: no/such/file.jsonl");
    }
}
