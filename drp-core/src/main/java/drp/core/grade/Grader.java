package drp.core.grade;

import drp.core.answer.AnswerChecker;
import drp.core.answer.AnswerExtractor;
import drp.core.answer.ChoiceOptions;
import drp.core.answer.ExtractedAnswer;
import drp.core.answer.Verdict;
import drp.core.bench.Benchmark;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonlFormatException;
import drp.core.io.ReadResult;
import drp.core.io.RecordError;
import drp.core.problem.Problem;
import drp.core.token.TokenCounter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Grades model outputs against a benchmark's gold answers: extract the answer (final part first,
 * the reasoning only when {@link #withThinkSearch think search} is on), check it, count tokens.
 * For a multiple-choice problem the check knows the options the problem text lists
 * ({@link ChoiceOptions}): a letter is compared with a value through its option.
 *
 * <p>Checks run in parallel on a fixed pool of platform threads (checking is CPU work; the
 * checker is thread-safe and bounds each check's time itself). Tokens are counted with one
 * {@link TokenCounter#countAll} call per batch on the calling thread, so a counter need not be
 * thread-safe; without a counter the count the outputs file reports is kept. A checker that throws
 * is a bug, not a wrong answer: the exception propagates, naming the output's file:line.
 */
public final class Grader {

    private final Benchmark benchmark;
    private final Map<String, Problem> byId;
    private final int problemCount;
    private final String exampleId;
    private final AnswerChecker checker;
    private final AnswerExtractor extractor;
    private final TokenCounter tokenCounter;
    private final boolean thinkSearch;
    private final int parallelism;

    private Grader(Benchmark benchmark, Map<String, Problem> byId, int problemCount, String exampleId,
            AnswerChecker checker, AnswerExtractor extractor, TokenCounter tokenCounter, boolean thinkSearch,
            int parallelism) {
        this.benchmark = benchmark;
        this.byId = byId;
        this.problemCount = problemCount;
        this.exampleId = exampleId;
        this.checker = checker;
        this.extractor = extractor;
        this.tokenCounter = tokenCounter;
        this.thinkSearch = thinkSearch;
        this.parallelism = parallelism;
    }

    /**
     * A grader for {@code problems} of {@code benchmark}, with the benchmark's extractor, tokens
     * from the file, no think search and one thread per processor.
     */
    public static Grader of(Benchmark benchmark, List<Problem> problems, AnswerChecker checker) {
        Objects.requireNonNull(checker, "checker");
        // outputs may name a problem by its drp id or by the file's own id (meta source_id)
        Map<String, Problem> byId = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (Problem p : problems) {
            if (byId.put(p.id(), p) != null) {
                throw new IllegalArgumentException("duplicate problem id " + p.id() + " in " + benchmark.name());
            }
        }
        Map<String, Problem> bySource = new HashMap<>();
        for (Problem p : problems) {
            String source = p.meta().get("source_id");
            if (source != null && !byId.containsKey(source) && bySource.put(source, p) != null) {
                ambiguous.add(source);
            }
        }
        ambiguous.forEach(bySource::remove);
        bySource.forEach(byId::putIfAbsent);
        String example = problems.isEmpty() ? "(no problems)" : problems.getFirst().id();
        return new Grader(benchmark, Map.copyOf(byId), problems.size(), example, checker, benchmark.extractor(), null,
                false, Runtime.getRuntime().availableProcessors());
    }

    /** Loads the benchmark's problems (strictly) and grades against them. */
    public static Grader of(Benchmark benchmark, AnswerChecker checker) {
        return of(benchmark, benchmark.problems(), checker);
    }

    public Grader withExtractor(AnswerExtractor answerExtractor) {
        return new Grader(benchmark, byId, problemCount, exampleId, checker, Objects.requireNonNull(answerExtractor),
                tokenCounter, thinkSearch, parallelism);
    }

    /** Counts every output's tokens with {@code counter} instead of taking them from the file. */
    public Grader withTokenCounter(TokenCounter counter) {
        return new Grader(benchmark, byId, problemCount, exampleId, checker, extractor, Objects.requireNonNull(counter),
                thinkSearch, parallelism);
    }

    /** When on, an output with no answer in its final part is searched again in its reasoning. */
    public Grader withThinkSearch(boolean on) {
        return new Grader(benchmark, byId, problemCount, exampleId, checker, extractor, tokenCounter, on, parallelism);
    }

    public Grader withParallelism(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + threads);
        }
        return new Grader(benchmark, byId, problemCount, exampleId, checker, extractor, tokenCounter, thinkSearch, threads);
    }

    public Benchmark benchmark() {
        return benchmark;
    }

    /** How many problems the benchmark has. */
    public int problemCount() {
        return problemCount;
    }

    /** Where token counts come from: {@code tokenizer:<name>} or {@code file}. */
    public String tokenSource() {
        return tokenCounter == null ? "file" : "tokenizer:" + tokenCounter.name();
    }

    /** The problem an output names (by drp id, or by the file's own id), if any. */
    public Optional<Problem> problem(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** What keeps outputs for {@code problemId} from being graded: unknown id, or no gold answer. */
    public Optional<String> problemError(String problemId) {
        Problem problem = byId.get(problemId);
        if (problem == null) {
            return Optional.of("unknown problem id '" + problemId + "' in benchmark " + benchmark.name()
                    + " (its ids look like " + exampleId + ")");
        }
        return problem.answer().isBlank()
                ? Optional.of("problem " + problem.id() + " has no gold answer in " + benchmark.file())
                : Optional.empty();
    }

    /**
     * Grades {@code outputs}; the result is in input order. An output naming an unknown problem is
     * an error at its file:line (thrown under STRICT, kept under LENIENT).
     */
    public ReadResult<GradedRecord> grade(List<ModelOutput> outputs, ErrorPolicy policy) {
        List<RecordError> errors = new ArrayList<>();
        List<ModelOutput> known = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (ModelOutput output : outputs) {
            Optional<String> why = problemError(output.problemId());
            if (why.isPresent()) {
                RecordError error = new RecordError(output.file(), output.line(), null, why.get());
                if (policy == ErrorPolicy.STRICT) {
                    throw new JsonlFormatException(error);
                }
                errors.add(error);
                continue;
            }
            Problem problem = byId.get(output.problemId());
            known.add(output);
            problems.add(problem);
        }
        int[] tokens = countTokens(known);
        List<GradedRecord> graded = new ArrayList<>(known.size());
        AtomicInteger threadNo = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "drp-grade-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        })) {
            List<Future<GradedRecord>> futures = new ArrayList<>(known.size());
            for (int i = 0; i < known.size(); i++) {
                ModelOutput output = known.get(i);
                Problem problem = problems.get(i);
                int count = tokens[i];
                futures.add(pool.submit(() -> grade(problem, output, count < 0 ? null : count)));
            }
            for (int i = 0; i < futures.size(); i++) {
                graded.add(await(futures.get(i), known.get(i)));
            }
        }
        return new ReadResult<>(graded, errors);
    }

    /** Grades one output against its problem. */
    public GradedRecord grade(Problem problem, ModelOutput output, Integer outputTokens) {
        OutputParts parts = OutputParts.of(output.text(), output.think());
        Optional<ExtractedAnswer> found = extractFrom(parts.answer());
        String from = GradedRecord.FROM_FINAL;
        if (found.isEmpty() && thinkSearch) {
            found = extractFrom(parts.think());
            from = GradedRecord.FROM_THINK;
        }
        Verdict verdict;
        if (found.isEmpty()) {
            verdict = new Verdict.Unparseable("no answer found in the final part"
                    + (thinkSearch ? " or the reasoning" : "")
                    + (parts.answer().isEmpty() ? " (the final part is empty)" : ""));
        } else {
            try {
                // a letter against an option's value (or the reverse) is resolved with the problem's options
                verdict = ChoiceOptions.of(problem.question()).check(checker, problem.answer(), found.get().text());
            } catch (RuntimeException e) {
                throw new IllegalStateException(output.location() + ": the answer checker failed on problem "
                        + problem.id() + " (gold '" + problem.answer() + "', predicted '" + found.get().text() + "')", e);
            }
        }
        return new GradedRecord(output.key(), benchmark.name(), problem.id(), output.sampleIndex(), output.seed(),
                problem.answer(), found.map(ExtractedAnswer::text).orElse(null),
                found.map(ExtractedAnswer::rule).orElse(null), found.isPresent() ? from : null,
                VerdictKind.of(verdict), verdict.reason(), verdict.isCorrect(), outputTokens, output.finishReason());
    }

    private Optional<ExtractedAnswer> extractFrom(String text) {
        return text.isBlank() ? Optional.empty() : extractor.extract(text);
    }

    /** Token counts in input order; -1 where unknown. */
    private int[] countTokens(List<ModelOutput> outputs) {
        int[] counts = new int[outputs.size()];
        if (tokenCounter == null) {
            for (int i = 0; i < counts.length; i++) {
                Integer t = outputs.get(i).tokens();
                counts[i] = t == null ? -1 : t;
            }
            return counts;
        }
        List<String> texts = new ArrayList<>(outputs.size());
        for (ModelOutput o : outputs) {
            texts.add(OutputParts.of(o.text(), o.think()).generated());
        }
        int[] counted = tokenCounter.countAll(texts);
        if (counted.length != texts.size()) {
            throw new IllegalStateException("token counter " + tokenCounter.name() + " returned " + counted.length
                    + " counts for " + texts.size() + " texts");
        }
        return counted;
    }

    private static GradedRecord await(Future<GradedRecord> future, ModelOutput output) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading " + output.location(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(output.location() + ": grading failed", cause);
        }
    }
}
