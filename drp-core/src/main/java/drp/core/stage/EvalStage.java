package drp.core.stage;

import drp.core.answer.AnswerChecker;
import drp.core.bench.Benchmark;
import drp.core.chat.ChatModel;
import drp.core.grade.GradeJob;
import drp.core.grade.GradeReport;
import drp.core.grade.Grader;
import drp.core.grade.OutputFields;
import drp.core.io.ErrorPolicy;
import drp.core.problem.Problem;
import drp.core.token.TokenCounter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The eval stage for one model on one benchmark: draws the model's answers to every problem once
 * per seed and sample (the sample stage, resumable by record id), grades them, and writes beside
 * each other in the model's folder {@code <benchmark>.completions.jsonl}, {@code <benchmark>.jsonl}
 * (graded) and {@code <benchmark>.summary.json}, with {@code :} in the benchmark name written as
 * {@code -}. A greedy pass is graded as its own benchmark, {@code <name>:greedy}.
 */
public final class EvalStage {

    /** The suffix of the benchmark name greedy answers are graded under. */
    public static final String GREEDY = ":greedy";

    /**
     * One pass over a benchmark's problems.
     *
     * @param seeds    the seeds: every problem is answered once per seed and sample
     * @param samples  answers per problem and seed
     * @param sampling how to sample (greedy when its temperature is 0)
     */
    public record Pass(List<Long> seeds, int samples, Sampling sampling) {
        public Pass {
            seeds = List.copyOf(seeds);
            Objects.requireNonNull(sampling, "sampling");
        }
    }

    /** What one pass did: the sampling outcome and the grading report. */
    public record Result(Benchmark benchmark, SampleStage.Outcome sampled, GradeReport graded) {}

    private final ChatModel model;
    private final AnswerChecker checker;
    private final TokenCounter counter;
    private final int concurrency;

    /**
     * @param counter counts output tokens when the model's server does not report them, or null
     *                to rely on the server's usage
     */
    public EvalStage(ChatModel model, AnswerChecker checker, TokenCounter counter, int concurrency) {
        this.model = Objects.requireNonNull(model, "model");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.counter = counter;
        this.concurrency = concurrency;
    }

    /** The benchmark greedy answers to {@code benchmark} are graded under. */
    public static Benchmark greedy(Benchmark benchmark) {
        return benchmark.withName(benchmark.name() + GREEDY, benchmark.title() + " (greedy)");
    }

    /** The file stem of {@code benchmark}'s files in a model's folder. */
    public static String stem(Benchmark benchmark) {
        return benchmark.name().replace(':', '-');
    }

    /** The sample stage that draws the answers of a pass (its requests, for estimates). */
    public SampleStage sampler(Benchmark benchmark, Pass pass) {
        return new SampleStage(model, benchmark, checker, pass.sampling(), concurrency);
    }

    /** Where the answers of {@code benchmark} go in a model's folder {@code dir}. */
    public static Path completions(Benchmark benchmark, Path dir) {
        return dir.resolve(stem(benchmark) + ".completions.jsonl");
    }

    /** Answers and grades {@code problems} of {@code benchmark} into {@code dir}. */
    public Result run(Benchmark benchmark, List<Problem> problems, Pass pass, Path dir, SampleStage.Listener listener) {
        List<SampleStage.Item> items = SampleStage.plan(problems, pass.seeds(), pass.samples());
        String stem = stem(benchmark);
        Path completions = completions(benchmark, dir);
        SampleStage.Outcome outcome = sampler(benchmark, pass).run(items, completions, listener);
        Grader grader = Grader.of(benchmark, problems, checker);
        if (counter != null) {
            grader = grader.withTokenCounter(counter);
        }
        GradeReport report = GradeJob.of(grader, completions, dir.resolve(stem + ".jsonl"),
                        dir.resolve(stem + ".summary.json"))
                .withFields(OutputFields.COMPLETIONS).withPolicy(ErrorPolicy.STRICT).run();
        return new Result(benchmark, outcome, report);
    }
}
