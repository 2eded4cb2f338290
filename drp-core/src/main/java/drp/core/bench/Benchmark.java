package drp.core.bench;

import drp.core.answer.AnswerFormat;
import drp.core.answer.AnswerExtractor;
import drp.core.answer.ExtractionRule;
import drp.core.answer.RuleBasedExtractor;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonlFormatException;
import drp.core.io.JsonlReader;
import drp.core.io.JsonlRecord;
import drp.core.io.ReadResult;
import drp.core.problem.Problem;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A set of problems in a JSONL file, with what it takes to ask and grade them: the prompt style,
 * the answer format and the order in which extraction rules are tried.
 *
 * @param name            registry name, e.g. {@code gsm8k:test}; graded records carry it
 * @param title           the name tables print, e.g. {@code GSM8K}
 * @param file            the JSONL file
 * @param fields          how a record maps to a {@link Problem}
 * @param idPrefix        prefix of problem ids (see {@link ProblemFields})
 * @param prompt          the default prompt style
 * @param format          the answer format the prompt asks for
 * @param extractionOrder the extraction rules, in order
 * @param roundedPredictions the benchmark's convention on rounded decimal predictions: whether a
 *     prediction such as {@code 2.236} counts for a gold {@code \sqrt{5}}
 *     ({@link drp.core.answer.EquivalenceOptions#roundedPredictions()}); see
 *     {@link BenchmarkRegistry} for the standard benchmarks' settings
 */
public record Benchmark(String name, String title, Path file, ProblemFields fields, String idPrefix,
        PromptStyle prompt, AnswerFormat format, List<ExtractionRule> extractionOrder, boolean roundedPredictions) {

    /** A benchmark whose convention is exact answers (no rounded decimals). */
    public Benchmark(String name, String title, Path file, ProblemFields fields, String idPrefix,
            PromptStyle prompt, AnswerFormat format, List<ExtractionRule> extractionOrder) {
        this(name, title, file, fields, idPrefix, prompt, format, extractionOrder, false);
    }

    public Benchmark {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(idPrefix, "idPrefix");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(format, "format");
        extractionOrder = List.copyOf(extractionOrder);
        if (name.isBlank() || idPrefix.isBlank()) {
            throw new IllegalArgumentException("benchmark name and id prefix must not be blank");
        }
        if (extractionOrder.isEmpty()) {
            throw new IllegalArgumentException("benchmark " + name + " needs at least one extraction rule");
        }
    }

    /**
     * Any JSONL file of problems: the R1 prompt, boxed answers, every extraction rule
     * ({@link RuleBasedExtractor#DEFAULT_ORDER}); ids {@code <name>-<own id or index>}.
     */
    public static Benchmark fromJsonl(String name, Path file, ProblemFields fields) {
        return new Benchmark(name, name, file, fields, name.replace(':', '-'), PromptStyle.R1_BOXED,
                AnswerFormat.BOXED, RuleBasedExtractor.DEFAULT_ORDER);
    }

    public Benchmark withPrompt(PromptStyle style) {
        return new Benchmark(name, title, file, fields, idPrefix, style, format, extractionOrder, roundedPredictions);
    }

    public Benchmark withFormat(AnswerFormat answerFormat) {
        return new Benchmark(name, title, file, fields, idPrefix, prompt, answerFormat, extractionOrder, roundedPredictions);
    }

    public Benchmark withExtractionOrder(List<ExtractionRule> order) {
        return new Benchmark(name, title, file, fields, idPrefix, prompt, format, order, roundedPredictions);
    }

    /** The same problems under another name and title (e.g. greedy answers graded apart). */
    public Benchmark withName(String newName, String newTitle) {
        return new Benchmark(newName, newTitle, file, fields, idPrefix, prompt, format, extractionOrder, roundedPredictions);
    }

    /** This benchmark with another convention on rounded decimal predictions. */
    public Benchmark withRoundedPredictions(boolean rounded) {
        return new Benchmark(name, title, file, fields, idPrefix, prompt, format, extractionOrder, rounded);
    }

    /** How this benchmark compares decimal predictions, as reports name it: "rounded" or "exact". */
    public String precisionLabel() {
        return roundedPredictions ? "rounded" : "exact";
    }

    public Benchmark withFile(Path path) {
        return new Benchmark(name, title, path, fields, idPrefix, prompt, format, extractionOrder, roundedPredictions);
    }

    /**
     * Reads the problems; a malformed record or a repeated id is an error at file:line.
     *
     * @param policy STRICT stops at the first error, LENIENT skips the record and keeps its error
     */
    public ReadResult<Problem> load(ErrorPolicy policy) {
        Map<String, Integer> firstLine = new HashMap<>();
        return JsonlReader.read(file, policy, (JsonlRecord record) -> {
            Problem problem = fields.read(record, idPrefix, record.line() - 1);
            Integer earlier = firstLine.putIfAbsent(problem.id(), record.line());
            if (earlier != null) {
                throw record.error(fields.id().orElse(null),
                        "duplicate problem id " + problem.id() + " (first at line " + earlier + ")");
            }
            return problem;
        });
    }

    /** All problems; the first malformed record throws {@link JsonlFormatException}. */
    public List<Problem> problems() {
        return load(ErrorPolicy.STRICT).items();
    }

    /** The user message for {@code problem}. */
    public String prompt(Problem problem) {
        return prompt.render(problem.question());
    }

    /** The rule-based extractor in this benchmark's order. */
    public AnswerExtractor extractor() {
        return new RuleBasedExtractor(extractionOrder, roundedPredictions);
    }
}
