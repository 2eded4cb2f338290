package drp.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.problem.Problem;
import drp.core.testing.SharedData;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The standard benchmarks on the real files of ../shared/data (skipped when absent). */
class StandardBenchmarksTest {

    /** Each file is read once for the whole class (PRM12K takes a few hundred ms). */
    private static final Map<String, List<Problem>> LOADED = new ConcurrentHashMap<>();

    private static BenchmarkRegistry registry() {
        return BenchmarkRegistry.standard(SharedData.require("benchmarks"));
    }

    private static List<Problem> problems(String name) {
        BenchmarkRegistry registry = registry();
        return LOADED.computeIfAbsent(name, n -> registry.get(n).problems());
    }

    @ParameterizedTest(name = "{0} has {1} problems")
    @CsvSource({"gsm8k:train, 7473", "gsm8k:test, 1319", "math500, 500", "prm12k, 12000", "aime24, 30",
            "aime25, 30", "amc23, 40"})
    void counts(String name, int expected) {
        List<Problem> problems = problems(name);
        assertThat(problems).hasSize(expected);
        assertThat(new HashSet<>(problems.stream().map(Problem::id).toList())).hasSize(expected);
        // two PRM12K records ship an empty answer (their MATH solutions box nothing): gold unknown
        List<String> unknownGold = name.equals("prm12k")
                ? List.of("prm12k-train/number_theory/7115.json", "prm12k-train/number_theory/7117.json") : List.of();
        assertThat(problems.stream().filter(p -> p.answer().isBlank()).map(Problem::id)).containsExactlyElementsOf(unknownGold);
    }

    /** Gold answers of known problems, read off the files by hand. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "gsm8k:test  | gsm8k-test-0000  | 18",
            "gsm8k:test  | gsm8k-test-0146  | 2125",     // '#### 2,125'
            "gsm8k:test  | gsm8k-test-1318  | 14",
            "gsm8k:train | gsm8k-train-0000 | 72",
            "math500     | math500-test/precalculus/807.json | \\left( 3, \\frac{\\pi}{2} \\right)",
            "math500     | math500-test/geometry/615.json    | 106^\\circ",
            "prm12k      | prm12k-train/algebra/24014.json   | 2", // "answer": null, solution '\boxed 2'
            "prm12k      | prm12k-train/algebra/25040.json   | 9", // "answer": null, solution '\boxed 9'
            "aime24      | aime24-60  | 204",
            "aime24      | aime24-67  | 25",                // shipped as '025'
            "aime25      | aime25-test-0000 | 70",
            "amc23       | amc23-0    | 27",                // shipped as 27.0
            "amc23       | amc23-17   | -1",                // shipped as -1.0
    })
    void knownGoldAnswers(String benchmark, String id, String gold) {
        Map<String, Problem> byId = problems(benchmark).stream()
                .collect(Collectors.toMap(Problem::id, Function.identity()));
        assertThat(byId).containsKey(id);
        assertThat(byId.get(id).answer()).isEqualTo(gold);
    }

    @Test
    void metaKeepsSubjectLevelAndSourceIds() {
        Problem first = problems("math500").getFirst();
        assertThat(first.meta()).containsEntry("subject", "Precalculus").containsEntry("level", "2")
                .containsEntry("source_id", "test/precalculus/807.json").containsEntry("index", "0");
        Problem recovered = problems("prm12k").get(6155);
        assertThat(recovered.meta()).containsEntry("gold_source", "solution (last \\boxed{})");
    }

    @Test
    void aime24PromptIsR1Style() {
        Benchmark aime = registry().get("aime24");
        Problem p = problems("aime24").getFirst();
        assertThat(aime.prompt(p)).startsWith("Every morning Aya goes for a $9$-kilometer-long walk")
                .endsWith("\nPlease reason step by step, and put your final answer within \\boxed{}.");
    }
}
