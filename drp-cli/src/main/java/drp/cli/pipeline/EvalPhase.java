package drp.cli.pipeline;

import drp.core.bench.Benchmark;
import drp.core.problem.Problem;
import drp.core.run.ContentHash;
import drp.core.run.InputFile;
import drp.core.run.StageFingerprint;
import drp.core.stage.EvalStage;
import drp.core.stage.Sampling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The eval stage of one model (the base student, or an arm's fine-tuned student): it answers every
 * benchmark's problems once per seed and sample (and once greedily when asked), and every answer is
 * graded into {@code eval/MODEL/}.
 */
final class EvalPhase implements Phase {

    /** The name of the base student's results. */
    static final String BASE = "base";

    private final PipelineSpec spec;
    private final String model;
    private final Phase source;
    private final Function<RunContext, String> endpoint;

    /**
     * @param model    the model's name in eval/ and the report ({@code base} or the arm's name)
     * @param source   the phase that made it (an arm's distill), or null for the base student
     * @param endpoint where the model is, once it exists
     */
    EvalPhase(PipelineSpec spec, String model, Phase source, Function<RunContext, String> endpoint) {
        this.spec = spec;
        this.model = model;
        this.source = source;
        this.endpoint = endpoint;
    }

    @Override
    public String stage() {
        return "eval";
    }

    @Override
    public String key() {
        return "eval:" + model;
    }

    String model() {
        return model;
    }

    static String folder(String model) {
        return "eval/" + model + "/";
    }

    Sampling sampling() {
        PipelineSpec.Eval e = spec.eval();
        PipelineSpec.Sample s = spec.sample();
        double temperature = e.temperature() != null ? e.temperature() : s.temperature();
        double topP = e.topP() != null ? e.topP() : s.topP();
        int maxTokens = e.maxTokens() != null ? e.maxTokens() : s.maxTokens();
        return new Sampling(temperature, temperature == 0 ? null : topP, maxTokens, Map.of());
    }

    int concurrency() {
        return spec.eval().concurrency() != null ? spec.eval().concurrency() : spec.sample().concurrency();
    }

    @Override
    public StageFingerprint fingerprint(RunContext ctx) {
        PipelineSpec.Eval e = spec.eval();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", source == null ? spec.student() : source.fingerprint(ctx).hash());
        settings.put("benchmarks", e.benchmarks());
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String name : e.benchmarks()) {
            hashes.put(name, ContentHash.of(ctx.benchmark(name, e.limit()).file()));
        }
        settings.put("benchmark_sha256", hashes);
        settings.put("limit", e.limit());
        settings.put("seeds", e.seeds());
        settings.put("samples", e.samples());
        settings.put("greedy", e.greedy());
        settings.put("sampling", sampling());
        settings.put("checker", spec.checker());
        return StageFingerprint.of(key(), settings);
    }

    @Override
    public List<InputFile> inputs(RunContext ctx) {
        List<InputFile> files = new java.util.ArrayList<>();
        for (String name : spec.eval().benchmarks()) {
            files.add(InputFile.of("eval:" + name, ctx.benchmark(name, spec.eval().limit()).file()));
        }
        return files;
    }

    @Override
    public List<String> outputs() {
        return List.of(folder(model));
    }

    @Override
    public List<String> plan(RunContext ctx) {
        PipelineSpec.Eval e = spec.eval();
        Sampling sampling = sampling();
        String where = source == null ? spec.student() : "the " + model + " arm's fine-tuned student";
        List<String> lines = new java.util.ArrayList<>();
        for (String name : e.benchmarks()) {
            List<Problem> problems = ctx.problems(name, e.limit());
            int requests = problems.size() * (e.seeds().size() * e.samples() + (e.greedy() ? 1 : 0));
            long in = Costs.promptTokens(ctx.benchmark(name, e.limit()), problems) * requests / Math.max(1, problems.size());
            lines.add(String.format(Locale.ROOT, "%s answers %,d problems of %s x %d seeds x %d samples%s = %,d requests",
                    where, problems.size(), name, e.seeds().size(), e.samples(), e.greedy() ? " + 1 greedy" : "", requests));
            lines.add(source == null ? Costs.line(ctx, spec.student(), requests, in, (long) requests * sampling.maxTokens())
                    : "  served like the base student");
        }
        return lines;
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        PipelineSpec.Eval e = spec.eval();
        String at = endpoint.apply(ctx);
        EvalStage stage = new EvalStage(ctx.model(at), ctx.checker(), null, concurrency());
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            for (String name : e.benchmarks()) {
                Benchmark benchmark = ctx.benchmark(name, e.limit());
                List<Problem> problems = ctx.problems(name, e.limit());
                pass(ctx, stage, benchmark, problems, new EvalStage.Pass(e.seeds(), e.samples(), sampling()), counts);
                if (e.greedy()) {
                    pass(ctx, stage, EvalStage.greedy(benchmark), problems,
                            new EvalStage.Pass(List.of(0L), 1, Sampling.greedy(sampling().maxTokens())), counts);
                }
            }
        } finally {
            ctx.release(at);
        }
        return counts;
    }

    private void pass(RunContext ctx, EvalStage stage, Benchmark benchmark, List<Problem> problems, EvalStage.Pass pass,
                      Map<String, Long> counts) {
        SampleProgress progress = new SampleProgress(ctx.listener(), "eval " + model + " " + benchmark.name(),
                ctx.models()::usage);
        EvalStage.Result result;
        try {
            result = stage.run(benchmark, problems, pass, ctx.run().file(folder(model)), progress);
        } finally {
            progress.close();
        }
        String stem = EvalStage.stem(benchmark);
        counts.put(stem + ".planned", (long) result.sampled().planned());
        counts.put(stem + ".written", (long) result.sampled().written());
        counts.put(stem + ".graded", (long) result.graded().summary().n());
        counts.put(stem + ".call_failures", result.sampled().calls().callFailures());
        if (!result.sampled().calls().complete()) {
            throw new PhaseStopped(key(), result.sampled().calls(), counts);
        }
        var s = result.graded().summary();
        ctx.listener().note(String.format(Locale.ROOT, "eval %s %s: n=%d, accuracy %.1f%%, %.0f tokens on average",
                model, benchmark.name(), s.n(), s.accuracy() == null ? Double.NaN : 100 * s.accuracy(),
                s.meanTokens() == null ? Double.NaN : s.meanTokens()));
    }
}
