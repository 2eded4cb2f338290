package drp.core.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.answer.ExtractionRule;
import drp.core.problem.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry on the small fixture directory (runs without ../shared/data). */
class BenchmarkRegistryTest {

    private final BenchmarkRegistry registry = BenchmarkRegistry.standard(BenchmarkFixtures.miniDirectory());

    @Test
    void knowsTheSevenNamesAndAliases() {
        assertThat(registry.names()).containsExactly("gsm8k:train", "gsm8k:test", "math500", "prm12k", "aime24",
                "aime25", "amc23");
        assertThat(registry.get("gsm8k").name()).isEqualTo("gsm8k:test");
        assertThat(registry.get("AIME24:test").name()).isEqualTo("aime24");
        assertThatThrownBy(() -> registry.get("mmlu"))
                .hasMessage("unknown benchmark 'mmlu'; known: gsm8k:train, gsm8k:test, math500, prm12k, aime24, "
                        + "aime25, amc23");
    }

    @Test
    void readsEveryFixture() {
        for (String name : registry.names()) {
            assertThat(registry.get(name).problems()).as(name).isNotEmpty();
        }
    }

    @Test
    void gsm8kGoldIsTheHashMarkLineWithoutCommas() {
        List<Problem> test = registry.get("gsm8k:test").problems();
        assertThat(test).extracting(Problem::id).containsExactly("gsm8k-test-0000", "gsm8k-test-0001", "gsm8k-test-0002");
        assertThat(test).extracting(Problem::answer).containsExactly("18", "3", "2125");
    }

    @Test
    void numbersAreCanonical() {
        assertThat(registry.get("amc23").problems()).extracting(Problem::id, Problem::answer)
                .containsExactly(tuple("amc23-0", "27"),
                        tuple("amc23-17", "-1"));
        assertThat(registry.get("aime24").problems()).extracting(Problem::answer).containsExactly("204", "25");
        assertThat(registry.get("aime25").problems()).extracting(Problem::id)
                .containsExactly("aime25-test-0000", "aime25-test-0001");
    }

    @Test
    void nullMathAnswerFallsBackToTheSolutionsBox() {
        Problem p = registry.get("prm12k").problems().get(2);
        assertThat(p.id()).isEqualTo("prm12k-train/algebra/24014.json");
        assertThat(p.answer()).isEqualTo("2");
    }

    @Test
    void extractionOrdersFitTheAnswers() {
        assertThat(registry.get("gsm8k:test").extractionOrder()).containsSubsequence(ExtractionRule.BOXED,
                ExtractionRule.HASH_MARK, ExtractionRule.LAST_NUMBER);
        assertThat(registry.get("math500").extractionOrder()).doesNotContain(ExtractionRule.LAST_NUMBER);
        assertThat(registry.get("aime25").extractionOrder()).endsWith(ExtractionRule.LAST_NUMBER);
        assertThat(registry.get("math500").extractor().extract("so x = 3 and \\boxed{\\frac{1}{2}}").orElseThrow().text())
                .isEqualTo("\\frac{1}{2}");
        // MATH-style: without a box or a phrase, the last math span, never a bare number
        assertThat(registry.get("math500").extractionOrder()).endsWith(ExtractionRule.LAST_MATH);
        assertThat(registry.get("math500").extractor().extract("we try 4, so $x = \\frac{1}{2}$ works").orElseThrow().text())
                .isEqualTo("x = \\frac{1}{2}");
        assertThat(registry.get("math500").extractor().extract("we try 4 and 5")).isEmpty();
    }

    @Test
    void everyStandardBenchmarkStatesItsPrecisionConvention() {
        for (String name : registry.names()) {
            assertThat(BenchmarkRegistry.ROUNDED_PREDICTIONS).as(name).containsKey(name);
            assertThat(registry.get(name).roundedPredictions()).as(name).isFalse();
            assertThat(registry.get(name).precisionLabel()).as(name).isEqualTo("exact");
        }
        Benchmark rounded = registry.get("math500").withRoundedPredictions(true);
        assertThat(rounded.precisionLabel()).isEqualTo("rounded");
        assertThat(rounded.withName("m", "M").roundedPredictions()).as("withers keep the convention").isTrue();
        assertThat(Benchmark.fromJsonl("mine", Path.of("mine.jsonl"), ProblemFields.of("q", "a")).roundedPredictions()).isFalse();
    }

    @Test
    void customBenchmarksJoinTheRegistry() {
        Benchmark mine = Benchmark.fromJsonl("mine", Path.of("mine.jsonl"), ProblemFields.of("q", "a"));
        BenchmarkRegistry more = registry.with(mine);
        assertThat(more.get("mine")).isSameAs(mine);
        assertThat(more.title("mine")).isEqualTo("mine");
        assertThat(registry.find("mine")).isEmpty();
    }

    @Test
    void defaultDirectoryFollowsTheEnvironment() {
        assertThat(BenchmarkRegistry.defaultDirectory(Map.of("DRP_DATA", "/data/drp")))
                .isEqualTo(Path.of("/data/drp/benchmarks"));
        assertThat(BenchmarkRegistry.defaultDirectory(Map.of())).isEqualTo(Path.of("data/benchmarks"));
    }
}
