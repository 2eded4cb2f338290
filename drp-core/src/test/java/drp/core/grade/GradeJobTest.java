package drp.core.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonCodec;
import drp.core.stats.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grading end to end: outputs file in, graded JSONL and summary.json out. */
class GradeJobTest {

    @TempDir
    Path dir;

    private GradeJob job(Path outputs) {
        Grader grader = Grader.of(GradeFixtures.gsm8k6(), GradeFixtures.SLOW_ON_INTEGRALS).withParallelism(2);
        return GradeJob.of(grader, outputs, dir.resolve("graded.jsonl"), dir.resolve("summary.json"))
                .withSummaryOptions(SummaryOptions.defaults().withBootstrap(GradeFixtures.FAST_BOOTSTRAP));
    }

    /**
     * base.jsonl, by hand: 12 outputs, 2 per problem (seeds 11, 12). Correct: p0 both, p1 s0, p2 s0,
     * p3 both, p4 s0 = 7; wrong: p1 s1, p4 s1, p5 s0 = 3; unparseable: p2 s1 (cut off while
     * thinking); timed out: p5 s1 (an integral). Tokens sum to 21,860 (mean 1821.67); correct ones
     * 4,780 over 7 (682.86); the 13,000-token output is over the 12,000 cutoff: 8,860 over 11
     * (805.45).
     */
    @Test
    void summaryOfBase() throws IOException {
        GradeReport report = job(GradeFixtures.resource("base.jsonl")).withSamplesPerProblem(2).run();
        RunSummary s = report.summary();
        assertThat(report.read()).isEqualTo(12);
        assertThat(report.graded()).isEqualTo(12);
        assertThat(s.n()).isEqualTo(12);
        assertThat(s.problems()).isEqualTo(6);
        assertThat(s.benchmarkProblems()).isEqualTo(6);
        assertThat(s.samplesPerProblem()).isEqualTo(2);
        assertThat(List.of(s.correct(), s.wrong(), s.unparseable(), s.timedOut())).containsExactly(7, 3, 1, 1);
        assertThat(s.accuracy()).isCloseTo(7 / 12.0, within(1e-12));
        assertThat(s.accuracyCi().contains(s.accuracy())).isTrue();
        // pass@1 = mean of (2/2, 1/2, 1/2, 2/2, 1/2, 0/2); pass@2 = 5 of 6 problems have a correct sample
        assertThat(s.passAtK()).containsOnlyKeys("1", "2");
        assertThat(s.passAtK().get("1")).isCloseTo(3.5 / 6, within(1e-12));
        assertThat(s.passAtK().get("2")).isCloseTo(5 / 6.0, within(1e-12));
        assertThat(s.meanTokens()).isCloseTo(21860 / 12.0, within(1e-9));
        assertThat(s.tokens().correct().mean()).isCloseTo(4780 / 7.0, within(1e-9));
        assertThat(s.tokens().all().max()).isEqualTo(13000);
        assertThat(s.tokensCutoff().cutoff()).isEqualTo(12000);
        assertThat(s.tokensCutoff().dropped()).isEqualTo(1);
        assertThat(s.tokensCutoff().droppedCorrect()).isZero();
        assertThat(s.tokensCutoff().all().mean()).isCloseTo(8860 / 11.0, within(1e-9));
        assertThat(s.truncated()).isEqualTo(1);
        assertThat(s.extraction()).containsEntry("boxed", 10).containsEntry("the_answer_is", 1).containsEntry("none", 1);
        assertThat(s.tokenSource()).isEqualTo("file");
        // seed 11: 5 of 6 correct; seed 12: 2 of 6; sd = sqrt(2 * 0.25^2)
        assertThat(s.seeds().groupBy()).isEqualTo("seed");
        assertThat(s.seeds().groups()).extracting(RunSummary.Group::key).containsExactly(11L, 12L);
        assertThat(s.seeds().accuracy().mean()).isCloseTo(7 / 12.0, within(1e-12));
        assertThat(s.seeds().accuracy().sd()).isCloseTo(Math.sqrt(2 * 0.25 * 0.25), within(1e-12));
        assertThat(s.failures()).isZero();

        List<GradedRecord> written = GradedRecords.read(dir.resolve("graded.jsonl"), ErrorPolicy.STRICT).items();
        assertThat(written).hasSize(12);
        assertThat(written.getLast().verdict()).isEqualTo(VerdictKind.TIMED_OUT);
    }

    /** summary.json has stable snake_case keys, nulls written out, intervals as [low, high]. */
    @Test
    void summaryJsonKeys() throws IOException {
        job(GradeFixtures.resource("base.jsonl")).run();
        JsonNode json = JsonCodec.MAPPER.readTree(dir.resolve("summary.json").toFile());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("benchmark", "n", "problems", "benchmark_problems", "samples_per_problem",
                "correct", "wrong", "unparseable", "timed_out", "accuracy", "accuracy_ci", "pass_at_k",
                "pass_at_k_ci", "mean_tokens", "mean_tokens_ci", "tokens", "tokens_cutoff", "token_source",
                "truncated", "extraction", "extracted_from_think", "seeds", "failures", "failure_examples",
                "bootstrap");
        assertThat(json.get("accuracy_ci").isArray()).isTrue();
        assertThat(json.get("accuracy_ci")).hasSize(2);
        assertThat(json.at("/tokens/all/mean_ci")).hasSize(2);
        assertThat(json.at("/bootstrap/resamples").asInt()).isEqualTo(2000);
        assertThat(json.at("/bootstrap/unit").asText()).isEqualTo("problem");
        // the summary reads back as the same record
        RunSummary back = JsonCodec.MAPPER.treeToValue(json, RunSummary.class);
        assertThat(back.accuracyCi()).isEqualTo(JsonCodec.MAPPER.treeToValue(json.get("accuracy_ci"),
                Interval.class));
    }

    @Test
    void resumesWithoutRegradingOrDuplicating() throws IOException {
        Path outputs = GradeFixtures.resource("base.jsonl");
        Path graded = dir.resolve("graded.jsonl");
        job(outputs).run();
        // a killed run: keep the first 5 records and half of the 6th
        List<String> lines = Files.readAllLines(graded);
        Files.writeString(graded, String.join("\n", lines.subList(0, 5)) + "\n" + lines.get(5).substring(0, 40));
        GradeReport resumed = job(outputs).run();
        assertThat(resumed.alreadyGraded()).isEqualTo(5);
        assertThat(resumed.graded()).isEqualTo(7);
        assertThat(Files.readAllLines(graded)).isEqualTo(lines);
        assertThat(resumed.summary().n()).isEqualTo(12);

        GradeReport again = job(outputs).run();
        assertThat(again.graded()).isZero();
        assertThat(again.alreadyGraded()).isEqualTo(12);
        GradeReport restarted = job(outputs).withRestart(true).run();
        assertThat(restarted.graded()).isEqualTo(12);
    }

    @Test
    void lenientRunsCountFailuresInTheSummary() {
        GradeReport report = job(GradeFixtures.resource("other-format.jsonl"))
                .withFields(OutputFields.of("qid", "response").withTokens("tokens"))
                .withPolicy(ErrorPolicy.LENIENT).run();
        // good: 0000 (18, correct), 0001 #### 3 (correct), 0001 "so 2 bolts" (wrong); 0009 unknown
        assertThat(report.summary().n()).isEqualTo(3);
        assertThat(report.summary().correct()).isEqualTo(2);
        assertThat(report.summary().failures()).isEqualTo(4);
        assertThat(report.summary().failureExamples()).hasSize(4)
                .anySatisfy(m -> assertThat(m).endsWith("other-format.jsonl:4: field 'qid': unknown problem id 'gsm8k-test-0009' "
                        + "in benchmark gsm8k:test (its ids look like gsm8k-test-0000)"));
        // no token counts in that file: token statistics are empty, not zero
        assertThat(report.summary().meanTokens()).isNull();
        assertThat(report.summary().tokens().all().n()).isZero();
        assertThat(report.summary().samplesPerProblem()).isNull();
    }

    @Test
    void strictRunsStopAtTheFirstBadLine() {
        assertThatThrownBy(() -> job(GradeFixtures.resource("other-format.jsonl"))
                .withFields(OutputFields.of("qid", "response")).run())
                .hasMessageContaining("other-format.jsonl:4: field 'qid': unknown problem id 'gsm8k-test-0009'");
    }

    @Test
    void wrongSampleCountsAreReported() throws IOException {
        Path outputs = dir.resolve("three.jsonl");
        Files.copy(GradeFixtures.resource("base.jsonl"), outputs);
        Files.writeString(outputs, "{\"problem_id\": \"gsm8k-test-0003\", \"sample_index\": 2, \"text\": \"540\"}\n",
                StandardOpenOption.APPEND);
        assertThatThrownBy(() -> job(outputs).withSamplesPerProblem(2).run())
                .hasMessageEndingWith("expected 2 outputs per problem, but 1 problems differ: gsm8k-test-0003 (3)");
    }

    @Test
    void withoutCutoffThereIsNoCutoffSection() {
        GradeReport report = job(GradeFixtures.resource("drp.jsonl"))
                .withSummaryOptions(SummaryOptions.defaults().withBootstrap(GradeFixtures.FAST_BOOTSTRAP)
                        .withTokenCutoff(OptionalInt.empty())).run();
        assertThat(report.summary().tokensCutoff()).isNull();
        assertThat(report.summary().correct()).isEqualTo(10);
    }
}
