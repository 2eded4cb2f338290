package drp.core.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.answer.AnswerChecker;
import drp.core.answer.BasicAnswerChecker;
import drp.core.answer.EquivalenceChecker;
import drp.core.answer.ExtractionRule;
import drp.core.bench.BenchmarkRegistry;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonlFormatException;
import drp.core.io.ReadResult;
import drp.core.problem.Problem;
import drp.core.token.TokenCounter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GraderTest {

    private final Grader grader = Grader.of(GradeFixtures.gsm8k6(), new BasicAnswerChecker());
    private final Path baseOutputs = GradeFixtures.resource("base.jsonl");
    private final Path drpOutputs = GradeFixtures.resource("drp.jsonl");

    private List<GradedRecord> grade(Grader g, Path outputs) {
        return g.grade(OutputReader.read(outputs, OutputFields.COMPLETIONS, ErrorPolicy.STRICT).items(),
                ErrorPolicy.STRICT).items();
    }

    @Test
    void gradesEachOutputWithWhatDecided() {
        List<GradedRecord> records = grade(grader, baseOutputs);
        assertThat(records).hasSize(12);
        GradedRecord first = records.getFirst();
        assertThat(first.id()).isEqualTo("gsm8k-test-0000#s11#0");
        assertThat(first.benchmark()).isEqualTo("gsm8k:test");
        assertThat(first.gold()).isEqualTo("18");
        assertThat(first.extractedAnswer()).isEqualTo("18");
        assertThat(first.extractionRule()).isEqualTo(ExtractionRule.BOXED);
        assertThat(first.extractedFrom()).isEqualTo("final");
        assertThat(first.verdict()).isEqualTo(VerdictKind.CORRECT);
        assertThat(first.outputTokens()).isEqualTo(620);
        assertThat(first.seed()).isEqualTo(11L);

        // "The answer is 3." found by its phrase
        assertThat(records.get(2).extractionRule()).isEqualTo(ExtractionRule.THE_ANSWER_IS);
        // cut off while thinking: nothing to extract, counted as unparseable, not wrong
        GradedRecord truncated = records.get(5);
        assertThat(truncated.verdict()).isEqualTo(VerdictKind.UNPARSEABLE);
        assertThat(truncated.reason()).isEqualTo("no answer found in the final part (the final part is empty)");
        assertThat(truncated.finishReason()).isEqualTo("length");
        assertThat(truncated.extractedAnswer()).isNull();
        // 70,000 vs gold 70000
        assertThat(records.get(4).verdict()).isEqualTo(VerdictKind.CORRECT);
    }

    @Test
    void thinkTextIsSearchedOnlyWhenAskedTo() {
        GradedRecord off = grade(grader, drpOutputs).getLast();
        assertThat(off.verdict()).isEqualTo(VerdictKind.UNPARSEABLE);
        GradedRecord on = grade(grader.withThinkSearch(true), drpOutputs).getLast();
        assertThat(on.verdict()).isEqualTo(VerdictKind.CORRECT);
        assertThat(on.extractedFrom()).isEqualTo("think");
        assertThat(on.extractionRule()).isEqualTo(ExtractionRule.LAST_NUMBER);
        assertThat(on.reason()).isEqualTo("numeric 64 vs 64");
    }

    @Test
    void aTimeoutIsItsOwnVerdict() {
        GradedRecord integral = grade(Grader.of(GradeFixtures.gsm8k6(), GradeFixtures.SLOW_ON_INTEGRALS), baseOutputs).getLast();
        assertThat(integral.verdict()).isEqualTo(VerdictKind.TIMED_OUT);
        assertThat(integral.correct()).isFalse();
        assertThat(integral.reason()).isEqualTo("symbolic check exceeded 5 s");
    }

    @Test
    void parallelGradingGivesTheSameRecordsInInputOrder() {
        List<GradedRecord> one = grade(grader.withParallelism(1), baseOutputs);
        List<GradedRecord> four = grade(grader.withParallelism(4), baseOutputs);
        assertThat(four).isEqualTo(one);
    }

    @Test
    void tokenCounterReplacesTheFilesCounts() {
        AtomicInteger calls = new AtomicInteger();
        TokenCounter words = new TokenCounter() {
            @Override
            public String name() {
                return "words";
            }

            @Override
            public int count(String text) {
                return text.isBlank() ? 0 : text.strip().split("\\s+").length;
            }

            @Override
            public int[] countAll(List<String> texts) {
                calls.incrementAndGet();
                return TokenCounter.super.countAll(texts);
            }
        };
        Grader counting = grader.withTokenCounter(words);
        List<GradedRecord> records = grade(counting, drpOutputs);
        // "<think>\n16 - 3 - 4 = 9 eggs; 9 * 2 = 18.\n</think>\n\n\boxed{18}": 16 words
        assertThat(records.getFirst().outputTokens()).isEqualTo(16);
        assertThat(calls).hasValue(1); // one batch call, on the calling thread
        assertThat(counting.tokenSource()).isEqualTo("tokenizer:words");
        assertThat(grader.tokenSource()).isEqualTo("file");
    }

    @Test
    void unknownProblemsAreErrorsAtTheirLine() {
        Path other = GradeFixtures.resource("other-format.jsonl");
        OutputFields fields = OutputFields.of("qid", "response").withTokens("tokens");
        ReadResult<ModelOutput> read = OutputReader.read(other, fields, ErrorPolicy.LENIENT);
        assertThatThrownBy(() -> grader.grade(read.items(), ErrorPolicy.STRICT))
                .isInstanceOf(JsonlFormatException.class)
                .hasMessage(other + ":4: unknown problem id 'gsm8k-test-0009' in benchmark gsm8k:test "
                        + "(its ids look like gsm8k-test-0000)");
        ReadResult<GradedRecord> lenient = grader.grade(read.items(), ErrorPolicy.LENIENT);
        assertThat(lenient.items()).hasSize(3);
        assertThat(lenient.errors()).extracting(e -> e.line()).containsExactly(4);
    }

    @Test
    void outputsMayUseTheFilesOwnIds() {
        var aime = BenchmarkRegistry.standard(GradeFixtures.benchmarksMini()).get("aime24");
        Grader g = Grader.of(aime, new BasicAnswerChecker());
        assertThat(g.problem("60")).map(p -> p.id()).contains("aime24-60");
        assertThat(g.problem("aime24-67")).map(p -> p.answer()).contains("25");
    }

    /** The problem text reaches the check: a letter is graded through the option it names, and a value through a letter gold. */
    @Test
    void multipleChoiceLettersAreGradedThroughTheProblemsOptions() {
        Problem amc = new Problem("mc-1", "How many triangles ...?\n$\\textbf{(A)}\\ 2128 \\qquad\\textbf{(B)}\\ 2148 "
                + "\\qquad\\textbf{(C)}\\ 2160 \\qquad\\textbf{(D)}\\ 2200 \\qquad\\textbf{(E)}\\ 2300$", "2148");
        Problem curve = new Problem("mc-2", "Find the curve.\n(A) Line\n(B) Circle\n(C) Parabola\n\n"
                + "Enter the letter of the correct option.", "\\text{(B)}");
        try (EquivalenceChecker checker = new EquivalenceChecker()) {
            Grader g = Grader.of(GradeFixtures.gsm8k6(), List.of(amc, curve), checker);
            GradedRecord letter = g.grade(amc, output("mc-1", "So it is \\boxed{B}."), null);
            assertThat(letter.verdict()).isEqualTo(VerdictKind.CORRECT);
            assertThat(letter.extractedAnswer()).isEqualTo("B");
            assertThat(letter.reason()).startsWith("option (B) is '2148': ");
            assertThat(g.grade(amc, output("mc-1", "\\boxed{(C)}"), null).verdict()).isEqualTo(VerdictKind.WRONG);
            assertThat(g.grade(curve, output("mc-2", "\\boxed{\\text{Circle}}"), null).verdict()).isEqualTo(VerdictKind.CORRECT);
            assertThat(g.grade(curve, output("mc-2", "\\boxed{Line}"), null).verdict()).isEqualTo(VerdictKind.WRONG);
            assertThat(g.grade(curve, output("mc-2", "\\boxed{B}"), null).verdict()).isEqualTo(VerdictKind.CORRECT);
        }
    }

    private static ModelOutput output(String problemId, String text) {
        return new ModelOutput(problemId, 0, null, text, null, null, "stop", Path.of("outputs.jsonl"), 1);
    }

    @Test
    void aFailingCheckerIsABugNotAWrongAnswer() {
        AnswerChecker broken = (gold, predicted) -> {
            throw new IllegalStateException("parser crashed");
        };
        assertThatThrownBy(() -> grade(Grader.of(GradeFixtures.gsm8k6(), broken), baseOutputs))
                .hasMessageContaining("base.jsonl:1: the answer checker failed on problem gsm8k-test-0000 (gold '18', predicted '18')")
                .hasRootCauseMessage("parser crashed");
    }
}
