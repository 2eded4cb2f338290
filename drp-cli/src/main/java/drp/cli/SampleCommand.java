package drp.cli;

import drp.core.bench.Benchmark;
import drp.core.problem.Problem;
import drp.core.run.InputFile;
import drp.core.run.RunDirectory;
import drp.core.run.StageFingerprint;
import drp.core.run.StageRecord;
import drp.core.stage.CompletionRecord;
import drp.core.stage.SampleStage;
import drp.core.stage.Sampling;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drp sample}: the student's own reasoning on training problems, graded, in completions.jsonl. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Sample the student's own chains of thought on a dataset's problems and grade them.",
                "Each output is graded against the gold answer and appended to RUN_DIR/completions.jsonl (resumable by id; 'drp prune --in",
                "RUN_DIR/completions.jsonl' reads it as it is). Sample i of a problem is drawn with its own seed, so",
                "samples differ and the call cache (RUN_DIR/calls.sqlite) never returns one answer for all of them.",
                "Exit codes: 0 done, 1 failed (outputs whose calls failed are not recorded; rerun to retry),",
                "2 bad usage or input, 3 stopped at --max-cost."},
        footer = {"", "Examples:",
                "  drp sample --model openai:http://127.0.0.1:8000/v1#deepseek-r1-distill-qwen-7b --dataset gsm8k:train \\",
                "      --samples 4 --limit 1000 --out runs/r1",
                "  drp sample --model student --config drp.yaml --dataset prm12k --out runs/r1 --concurrency 256",
                "  drp sample --model gguf:models/qwen2.5-0.5b-instruct-q4_k_m.gguf --dataset gsm8k:train --limit 20 --greedy"})
final class SampleCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Mixin
    DataDirectoryOption data;

    @Mixin
    ModelOptions models;

    @Mixin
    SamplingOptions samplingOptions;

    @Option(names = "--model", required = true, paramLabel = "ENDPOINT",
            description = "The student: openai:BASE_URL#MODEL, gguf:PATH, or an endpoint named in --config.")
    String endpoint;

    @Option(names = "--dataset", required = true, paramLabel = "NAME",
            description = "The problems: gsm8k:train, prm12k, or any benchmark name (gsm8k:test, math500...).")
    String dataset;

    @Option(names = "--samples", defaultValue = "1", paramLabel = "N", description = "Outputs per problem. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N problems.")
    Integer limit;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "The run's seed (sample i uses a seed derived from it). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "The run directory. Default: runs/<model name>.")
    Path out;

    @Override
    public Integer call() {
        Sampling sampling = SampleRun.sampling(samplingOptions, samples, limit);
        if (out == null) {
            out = Path.of("runs", SampleRun.safeName(SampleRun.modelName(models.resolve(endpoint))));
        }
        RunDirectory run = RunDirectory.open(out);
        Benchmark benchmark = data.find(dataset, "dataset", limit, run);
        List<Problem> problems = SampleRun.first(benchmark.problems(), limit);
        Instant started = Instant.now();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        List<SampleStage.Item> items = SampleStage.plan(problems, List.of(seed), samples);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", endpoint);
        settings.put("dataset", benchmark.name());
        settings.put("dataset_sha256", InputFile.of("dataset", benchmark.file()).sha256());
        settings.put("limit", limit);
        settings.put("seeds", List.of(seed));
        settings.put("samples", samples);
        settings.put("sampling", sampling);
        run.checkFingerprint(StageFingerprint.of("sample", settings),
                List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)));
        try (StageModel model = models.open(endpoint, run)) {
            SampleStage stage = new SampleStage(model.model(), benchmark, AnswerCheckers.standard(), sampling,
                    models.concurrency(32));
            Path output = run.file(SampleStage.OUTPUT);
            SampleStage.Outcome outcome = SampleRun.run("sample", stage, items, output, model, err, run.file(RunDirectory.LOG));

            List<CompletionRecord> all = SampleStage.read(output);
            long graded = all.stream().filter(r -> r.correct() != null).count();
            long correct = all.stream().filter(r -> Boolean.TRUE.equals(r.correct())).count();
            double meanTokens = all.stream().filter(r -> r.outputTokens() != null).mapToInt(CompletionRecord::outputTokens)
                    .average().orElse(Double.NaN);
            long truncated = all.stream().filter(r -> "length".equals(r.finishReason())).count();
            o.println();
            o.printf(Locale.ROOT, "outputs            %,d in %s (%,d new, %,d already there)%n", all.size(), output,
                    outcome.written(), outcome.alreadyDone());
            o.printf(Locale.ROOT, "correct            %,d / %,d%s%n", correct, graded,
                    graded == 0 ? "" : String.format(Locale.ROOT, " (%.1f%%)", 100.0 * correct / graded));
            o.printf(Locale.ROOT, "mean tokens        %s%n", Double.isNaN(meanTokens) ? "-" : String.format(Locale.ROOT, "%.1f", meanTokens));
            o.printf(Locale.ROOT, "cut at max tokens  %,d%n", truncated);
            model.printReport(o);

            Map<String, Object> config = new LinkedHashMap<>();
            config.put("model", endpoint);
            config.put("dataset", benchmark.name());
            config.put("prompt", benchmark.prompt().name());
            config.put("samples", samples);
            config.put("limit", limit);
            config.put("seed", seed);
            config.put("temperature", sampling.temperature());
            config.put("top_p", sampling.topP());
            config.put("max_tokens", sampling.maxTokens());
            config.put("concurrency", models.concurrency(32));
            config.put("usage", model.usage());
            outcome.calls().stop().ifPresent(s -> config.put("stopped", s));
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("planned", (long) outcome.planned());
            counts.put("already_done", (long) outcome.alreadyDone());
            counts.put("written", (long) outcome.written());
            counts.put("call_failures", outcome.calls().callFailures());
            counts.put("correct", correct);
            counts.put("graded", graded);
            double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
            run.recordStage(List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)), "sample",
                    config, List.of(drp.core.run.InputFile.of("problems", benchmark.file())),
                    Map.of("student", model.id().toString()), new StageRecord(started, seconds, counts));
            return StageEnd.report("sample", outcome.calls(), "outputs", err);
        }
    }
}
