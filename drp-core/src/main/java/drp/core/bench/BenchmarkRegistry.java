package drp.core.bench;

import drp.core.answer.AnswerFormat;
import drp.core.answer.ExtractionRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Benchmarks by name. {@link #standard(Path)} knows the six benchmarks of the paper's setting as
 * shipped in a data directory laid out as {@code <dir>/gsm8k/train.jsonl}, {@code <dir>/gsm8k/test.jsonl},
 * {@code <dir>/math500/test.jsonl}, {@code <dir>/prm12k/train.jsonl}, {@code <dir>/aime24/test.jsonl},
 * {@code <dir>/aime25/test.jsonl}, {@code <dir>/amc23/test.jsonl}.
 *
 * <p>Every standard benchmark asks with {@link PromptStyle#R1_BOXED} for a {@link AnswerFormat#BOXED}
 * answer. Extraction tries the boxed answer, then "The answer is", then "final answer is"; GSM8K
 * also accepts its own {@code #### N}; benchmarks whose answers are numbers (GSM8K, AIME, AMC) fall
 * back to the last number, MATH-style ones (answers such as {@code \frac{\pi}{2}}) to the last math
 * span ({@code $...$}, {@code \[...\]}), as checkers that parse free text do, never to a bare number.
 *
 * <p><b>Rounded predictions</b> ({@link #ROUNDED_PREDICTIONS}, {@link Benchmark#roundedPredictions()}):
 * off for all six. GSM8K, AIME and AMC golds are integers, where rounding never applies; MATH500
 * and PRM12K ask for exact forms ("simplest radical form", "a common fraction", "in terms of
 * {@code \pi}"), and where a MATH problem asks for a decimal ("to the nearest tenth") its gold is
 * that decimal, compared exactly. So a rounded {@code 2.236} for a gold {@code \sqrt{5}} is not the
 * asked answer there. A benchmark whose problems accept rounded values turns it on
 * ({@link Benchmark#withRoundedPredictions}); {@code drp grade --precision} overrides it per run.
 */
public final class BenchmarkRegistry {

    /** Environment variable naming the data root (the folder holding {@code benchmarks/}). */
    public static final String DATA_ENV = "DRP_DATA";

    /** The order in which reports list benchmarks: the paper's Table 1, then the rest. */
    public static final List<String> REPORT_ORDER = List.of(
            "gsm8k:test", "math500", "aime24", "amc23", "aime25", "prm12k", "gsm8k:train");

    private static final List<ExtractionRule> BOXED_PHRASES_MATH = List.of(
            ExtractionRule.BOXED, ExtractionRule.THE_ANSWER_IS, ExtractionRule.FINAL_ANSWER_IS, ExtractionRule.LAST_MATH);
    private static final List<ExtractionRule> BOXED_PHRASES_NUMBER = List.of(
            ExtractionRule.BOXED, ExtractionRule.THE_ANSWER_IS, ExtractionRule.FINAL_ANSWER_IS,
            ExtractionRule.LAST_NUMBER);
    private static final List<ExtractionRule> GSM8K_ORDER = List.of(
            ExtractionRule.BOXED, ExtractionRule.HASH_MARK, ExtractionRule.THE_ANSWER_IS,
            ExtractionRule.FINAL_ANSWER_IS, ExtractionRule.LAST_NUMBER);

    /**
     * Each standard benchmark's convention on rounded decimal predictions (see the class comment):
     * all exact.
     */
    public static final Map<String, Boolean> ROUNDED_PREDICTIONS = Map.of(
            "gsm8k:train", false, "gsm8k:test", false, "math500", false, "prm12k", false,
            "aime24", false, "aime25", false, "amc23", false);

    private static final Map<String, String> TITLES = Map.of(
            "gsm8k:train", "GSM8K-train", "gsm8k:test", "GSM8K", "math500", "MATH500", "prm12k", "PRM12K",
            "aime24", "AIME24", "aime25", "AIME25", "amc23", "AMC23");

    private static final Map<String, String> ALIASES = Map.of(
            "gsm8k", "gsm8k:test",
            "math500:test", "math500",
            "prm12k:train", "prm12k",
            "aime24:test", "aime24",
            "aime25:test", "aime25",
            "amc23:test", "amc23");

    private final Map<String, Benchmark> benchmarks;

    private BenchmarkRegistry(Map<String, Benchmark> benchmarks) {
        this.benchmarks = benchmarks;
    }

    /** The standard benchmarks, read from {@code directory} (the folder holding {@code gsm8k/} etc.). */
    public static BenchmarkRegistry standard(Path directory) {
        ProblemFields gsm8k = ProblemFields.of("question", "answer").withGold(GoldForm.HASH_MARK_LINE);
        ProblemFields math = ProblemFields.of("problem", "answer").withId("unique_id").withSolution("solution")
                .withMeta(List.of("subject", "level"));
        ProblemFields aimeWithIds = ProblemFields.of("problem", "answer").withId("id").withGold(GoldForm.NUMBER)
                .withMeta(List.of("url"));
        ProblemFields aimeNoIds = ProblemFields.of("problem", "answer").withGold(GoldForm.NUMBER);
        Map<String, Benchmark> all = new LinkedHashMap<>();
        add(all, "gsm8k:train", directory.resolve("gsm8k/train.jsonl"), gsm8k, "gsm8k-train", GSM8K_ORDER);
        add(all, "gsm8k:test", directory.resolve("gsm8k/test.jsonl"), gsm8k, "gsm8k-test", GSM8K_ORDER);
        add(all, "math500", directory.resolve("math500/test.jsonl"), math, "math500", BOXED_PHRASES_MATH);
        add(all, "prm12k", directory.resolve("prm12k/train.jsonl"), math, "prm12k", BOXED_PHRASES_MATH);
        add(all, "aime24", directory.resolve("aime24/test.jsonl"), aimeWithIds, "aime24", BOXED_PHRASES_NUMBER);
        add(all, "aime25", directory.resolve("aime25/test.jsonl"), aimeNoIds, "aime25-test", BOXED_PHRASES_NUMBER);
        add(all, "amc23", directory.resolve("amc23/test.jsonl"), aimeWithIds, "amc23", BOXED_PHRASES_NUMBER);
        return new BenchmarkRegistry(all);
    }

    private static void add(Map<String, Benchmark> all, String name, Path file, ProblemFields fields,
            String idPrefix, List<ExtractionRule> order) {
        all.put(name, new Benchmark(name, TITLES.get(name), file, fields, idPrefix, PromptStyle.R1_BOXED, AnswerFormat.BOXED, order,
                ROUNDED_PREDICTIONS.get(name)));
    }

    /**
     * The default data directory of the standard benchmarks: {@code $DRP_DATA/benchmarks} when the
     * variable is set, else {@code data/benchmarks} under the working directory.
     */
    public static Path defaultDirectory(Map<String, String> environment) {
        String root = environment.get(DATA_ENV);
        return (root == null || root.isBlank() ? Path.of("data") : Path.of(root)).resolve("benchmarks");
    }

    /** This registry with {@code benchmark} added (or replacing one of the same name). */
    public BenchmarkRegistry with(Benchmark benchmark) {
        Map<String, Benchmark> all = new LinkedHashMap<>(benchmarks);
        all.put(benchmark.name(), benchmark);
        return new BenchmarkRegistry(all);
    }

    /** The benchmark called {@code name} (or an alias such as {@code gsm8k} for {@code gsm8k:test}). */
    public Optional<Benchmark> find(String name) {
        String key = name.strip().toLowerCase();
        return Optional.ofNullable(benchmarks.get(ALIASES.getOrDefault(key, key)));
    }

    /** Like {@link #find}, with an error that lists the known names. */
    public Benchmark get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown benchmark '" + name + "'; known: " + String.join(", ", names())));
    }

    /** The registered names, in registration order. */
    public List<String> names() {
        return new ArrayList<>(benchmarks.keySet());
    }

    /** The title tables print for benchmark {@code name}: the registered title, else the name itself. */
    public String title(String name) {
        return find(name).map(Benchmark::title).orElse(name);
    }

    /** The title of a standard benchmark ({@code gsm8k:test} is {@code GSM8K}), else the name itself. */
    public static String standardTitle(String name) {
        return TITLES.getOrDefault(name, name);
    }
}
