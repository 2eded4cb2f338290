package drp.cli.pipeline;

import drp.core.bench.Benchmark;
import drp.core.problem.Problem;
import drp.core.run.ContentHash;
import drp.core.run.InputFile;
import drp.core.run.StageFingerprint;
import drp.core.stage.CompletionRecord;
import drp.core.stage.SampleStage;
import drp.core.stage.Sampling;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sample stage of a pipeline: the base student answers the training problems, once per seed
 * and sample, and every answer is graded; completions.jsonl is what the teacher prunes.
 */
final class SamplePhase implements Phase {

    static final String OUTPUT = SampleStage.OUTPUT;

    private final PipelineSpec spec;

    SamplePhase(PipelineSpec spec) {
        this.spec = spec;
    }

    @Override
    public String stage() {
        return "sample";
    }

    @Override
    public String key() {
        return "sample";
    }

    @Override
    public StageFingerprint fingerprint(RunContext ctx) {
        PipelineSpec.Sample s = spec.sample();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("student", spec.student());
        settings.put("dataset", s.dataset());
        settings.put("dataset_sha256", ContentHash.of(ctx.benchmark(s.dataset(), s.limit()).file()));
        settings.put("limit", s.limit());
        settings.put("seeds", s.seeds());
        settings.put("samples", s.samples());
        settings.put("temperature", s.temperature());
        settings.put("top_p", s.topP());
        settings.put("max_tokens", s.maxTokens());
        settings.put("checker", spec.checker());
        return StageFingerprint.of(key(), settings);
    }

    @Override
    public List<InputFile> inputs(RunContext ctx) {
        PipelineSpec.Sample s = spec.sample();
        return List.of(InputFile.of("sample:" + s.dataset(), ctx.benchmark(s.dataset(), s.limit()).file()));
    }

    @Override
    public Map<String, String> components(RunContext ctx) {
        return Map.of("student", ctx.model(spec.student()).id().toString());
    }

    @Override
    public List<String> outputs() {
        return List.of(OUTPUT, RunContext.PROBLEMS);
    }

    Sampling sampling() {
        PipelineSpec.Sample s = spec.sample();
        return new Sampling(s.temperature(), s.temperature() == 0 ? null : s.topP(), s.maxTokens(), Map.of());
    }

    @Override
    public List<String> plan(RunContext ctx) {
        PipelineSpec.Sample s = spec.sample();
        List<Problem> problems = ctx.problems(s.dataset(), s.limit());
        int requests = problems.size() * s.seeds().size() * s.samples();
        return List.of(String.format(Locale.ROOT, "%s answers %,d problems of %s x %d seeds x %d samples = %,d requests"
                        + " (at most %,d tokens each)", spec.student(), problems.size(), s.dataset(), s.seeds().size(),
                s.samples(), requests, s.maxTokens()),
                Costs.line(ctx, spec.student(), requests, Costs.promptTokens(ctx.benchmark(s.dataset(), s.limit()), problems)
                        * s.seeds().size() * s.samples(), (long) requests * s.maxTokens()));
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        PipelineSpec.Sample s = spec.sample();
        Benchmark benchmark = ctx.benchmark(s.dataset(), s.limit());
        List<Problem> problems = ctx.problems(s.dataset(), s.limit());
        SampleStage stage = new SampleStage(ctx.model(spec.student()), benchmark, ctx.checker(), sampling(), s.concurrency());
        List<SampleStage.Item> items = SampleStage.plan(problems, s.seeds(), s.samples());
        SampleProgress progress = new SampleProgress(ctx.listener(), "sample", ctx.models()::usage);
        SampleStage.Outcome outcome;
        try {
            outcome = stage.run(items, ctx.run().file(OUTPUT), progress);
        } finally {
            progress.close();
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("planned", (long) outcome.planned());
        counts.put("already_done", (long) outcome.alreadyDone());
        counts.put("written", (long) outcome.written());
        counts.put("call_failures", outcome.calls().callFailures());
        if (!outcome.calls().complete()) {
            throw new PhaseStopped(key(), outcome.calls(), counts);
        }
        List<CompletionRecord> records = SampleStage.read(ctx.run().file(OUTPUT));
        long correct = records.stream().filter(r -> Boolean.TRUE.equals(r.correct())).count();
        double tokens = records.stream().mapToInt(r -> r.outputTokens() == null ? 0 : r.outputTokens()).average().orElse(0);
        counts.put("correct", correct);
        ctx.listener().note(String.format(Locale.ROOT, "the student's own traces: %d of %d correct (%.1f%%), %.0f tokens"
                + " on average", correct, records.size(), 100.0 * correct / Math.max(1, records.size()), tokens));
        return counts;
    }

    /** The ids of the sample plan in order: the order training examples keep, whatever order answers finished in. */
    List<String> order(RunContext ctx) {
        PipelineSpec.Sample s = spec.sample();
        List<String> ids = new ArrayList<>();
        for (SampleStage.Item item : SampleStage.plan(ctx.problems(s.dataset(), s.limit()), s.seeds(), s.samples())) {
            ids.add(item.id());
        }
        return ids;
    }
}
