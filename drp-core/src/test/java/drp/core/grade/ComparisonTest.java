package drp.core.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.answer.BasicAnswerChecker;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs on the same problems, compared as the paper's Table 1. */
class ComparisonTest {

    @TempDir
    Path dir;

    private GradedRun graded(String name) {
        Path graded = dir.resolve(name + "/gsm8k.jsonl");
        Grader grader = Grader.of(GradeFixtures.gsm8k6(), new BasicAnswerChecker());
        GradeJob.of(grader, GradeFixtures.resource(name + ".jsonl"), graded, dir.resolve(name + "/summary.json"))
                .withSummaryOptions(SummaryOptions.defaults().withBootstrap(GradeFixtures.FAST_BOOTSTRAP)).run();
        return GradedRun.read(dir.resolve(name), ErrorPolicy.STRICT);
    }

    /**
     * By hand: base 7/12 correct, drp 10/12 (its last output has no answer in the final part).
     * First samples: base right on p0-p4, drp right on p0-p3 and p5: one discordant pair each way,
     * McNemar p = 1. Mean tokens: base 21,860/12, drp 2,820/12 = 235. Per-problem mean tokens
     * (base, drp): (660, 210), (695, 155), (7250, 410), (325, 125), (1000, 290), (1000, 220): all six
     * differences negative, exact Wilcoxon p = 2/2^6 = 0.03125.
     */
    @Test
    void baseVersusDrp() {
        Comparison c = Comparison.of(graded("base"), graded("drp"), GradeFixtures.FAST_BOOTSTRAP);
        assertThat(c.a()).isEqualTo("base");
        assertThat(c.b()).isEqualTo("drp");
        BenchmarkComparison g = c.benchmarks().getFirst();
        assertThat(g.benchmark()).isEqualTo("gsm8k:test");
        assertThat(g.title()).isEqualTo("GSM8K");
        assertThat(g.problems()).isEqualTo(6);
        assertThat(g.a().accuracy()).isCloseTo(7 / 12.0, within(1e-12));
        assertThat(g.b().accuracy()).isCloseTo(10 / 12.0, within(1e-12));
        assertThat(g.accuracyDifference()).isCloseTo(0.25, within(1e-12));
        assertThat(g.accuracyDifferenceCi().contains(0.25)).isTrue();
        assertThat(g.mcnemar().onlyA()).isEqualTo(1);
        assertThat(g.mcnemar().onlyB()).isEqualTo(1);
        assertThat(g.mcnemar().both()).isEqualTo(4);
        assertThat(g.mcnemar().pValue()).isEqualTo(1.0);
        assertThat(g.meanTokensDifference()).isCloseTo(235 - 21860 / 12.0, within(1e-9));
        assertThat(g.meanTokensDifferenceCi().high()).isNegative();
        assertThat(g.tokensRatio()).isCloseTo(2820.0 / 21860, within(1e-12));
        assertThat(g.wilcoxon().n()).isEqualTo(6);
        assertThat(g.wilcoxon().wPlus()).isZero();
        assertThat(g.wilcoxon().pValue()).isCloseTo(0.03125, within(1e-15));
    }

    @Test
    void markdownInTheShapeOfTable1() {
        String md = Comparison.of(graded("base"), graded("drp"), GradeFixtures.FAST_BOOTSTRAP).toMarkdown();
        List<String> lines = md.lines().toList();
        assertThat(lines.get(0)).isEqualTo("| Model | GSM8K Acc (%) | GSM8K Tokens |");
        assertThat(lines.get(1)).isEqualTo("| :-- | --: | --: |");
        assertThat(lines.get(2)).isEqualTo("| base | 58.3 | 1822 |");
        assertThat(lines.get(3)).isEqualTo("| drp | 83.3 | 235 |");
        assertThat(lines.get(4)).matches("\\| Δ drp − base \\[95% CI\\] \\| \\+25\\.0 \\[[-+]?\\d+\\.\\d, \\+\\d+\\.\\d\\] "
                + "\\| -1587 \\[-\\d+, -\\d+\\] \\(-87\\.1%\\) \\|");
        assertThat(lines.get(5)).isEqualTo("| p-value | 1.000 (McNemar) | 0.031 (Wilcoxon) |");
        assertThat(md).contains("Paired problems: GSM8K 6.").contains("2,000 resamples, seed 1");
    }

    @Test
    void jsonHasTheTestsAndIntervals() throws IOException {
        JsonNode json = JsonCodec.MAPPER.readTree(
                Comparison.of(graded("base"), graded("drp"), GradeFixtures.FAST_BOOTSTRAP).toJson());
        JsonNode g = json.at("/benchmarks/0");
        assertThat(g.get("accuracy_difference_ci")).hasSize(2);
        assertThat(g.at("/mcnemar/p_value").asDouble()).isEqualTo(1.0);
        assertThat(g.at("/mcnemar/only_a").asInt()).isEqualTo(1);
        assertThat(g.at("/wilcoxon/method").asText()).isEqualTo("exact");
        assertThat(g.at("/wilcoxon/w_plus").asDouble()).isZero();
        assertThat(json.at("/bootstrap/resamples").asInt()).isEqualTo(2000);
        assertThat(json.get("only_in_a")).isEmpty();
    }

    @Test
    void unpairedProblemsAreLeftOutAndCounted() {
        GradedRun base = graded("base");
        List<GradedRecord> fewer = base.byBenchmark().get("gsm8k:test").stream()
                .filter(r -> !r.problemId().equals("gsm8k-test-0005")).toList();
        Comparison c = Comparison.of(GradedRun.of("short", fewer), graded("drp"), GradeFixtures.FAST_BOOTSTRAP);
        assertThat(c.benchmarks().getFirst().problems()).isEqualTo(5);
        assertThat(c.benchmarks().getFirst().onlyInB()).isEqualTo(1);
        assertThat(c.toMarkdown()).contains("GSM8K 5 (0 only in short, 1 only in drp, left out)");
    }

    @Test
    void runsWithoutCommonProblemsCannotBeCompared() {
        List<GradedRecord> renamed = graded("drp").byBenchmark().get("gsm8k:test").stream()
                .map(r -> new GradedRecord("x" + r.id(), r.benchmark(), "x" + r.problemId(), r.sampleIndex(),
                        r.seed(), r.gold(), r.extractedAnswer(), r.extractionRule(), r.extractedFrom(), r.verdict(),
                        r.reason(), r.correct(), r.outputTokens(), r.finishReason()))
                .toList();
        assertThatThrownBy(() -> Comparison.of(graded("base"), GradedRun.of("other", renamed),
                GradeFixtures.FAST_BOOTSTRAP)).hasMessageContaining("the two runs share no problem");
    }
}
