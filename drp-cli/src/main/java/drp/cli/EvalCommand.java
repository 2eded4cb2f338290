package drp.cli;

import drp.core.bench.Benchmark;
import drp.core.grade.GradeReport;
import drp.core.problem.Problem;
import drp.core.run.InputFile;
import drp.core.run.RunDirectory;
import drp.core.run.StageFingerprint;
import drp.core.run.StageRecord;
import drp.core.stage.EvalStage;
import drp.core.stage.EvalSummary;
import drp.core.stage.SampleStage;
import drp.core.stage.Sampling;
import drp.core.stats.Interval;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

/** {@code drp eval}: a model's accuracy and output tokens on the benchmarks, with intervals. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate models on benchmarks: sample every problem, grade each output and summarize.",
                "Sampling is R1's recommended by default (temperature 0.6, top-p 0.95, 32,768 tokens; or --greedy).",
                "Writes RUN_DIR/eval/<model>/<benchmark>.completions.jsonl (outputs), <benchmark>.jsonl (graded),",
                "<benchmark>.summary.json (full statistics) and RUN_DIR/summary.json (per model and benchmark: n,",
                "accuracy, accuracy_ci, mean_tokens, mean_tokens_ci, failures). Resumable; several models evaluated",
                "into one run directory end up side by side in summary.json.",
                "Exit codes: 0 done, 1 failed (outputs whose calls failed are not recorded; rerun to retry),",
                "2 bad usage or input, 3 stopped at --max-cost."},
        footer = {"", "Examples:",
                "  drp eval --model openai:http://127.0.0.1:8000/v1#drp-qwen-7b --benchmarks gsm8k,math500,aime24,amc23 \\",
                "      --samples 4 --out runs/eval",
                "  drp eval --model base --model drp --config drp.yaml --benchmarks gsm8k --seeds 1,2,3 --out runs/eval",
                "  drp eval --model gguf:models/student.gguf --benchmarks gsm8k --limit 50 --greedy --out runs/eval"})
final class EvalCommand implements Callable<Integer> {

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

    @Mixin
    TokenizerOption tokenizer;

    @Option(names = "--model", required = true, paramLabel = "ENDPOINT",
            description = "A model to evaluate: openai:BASE_URL#MODEL, gguf:PATH, or an endpoint named in --config. Repeatable.")
    List<String> endpoints;

    @Option(names = "--benchmarks", required = true, split = ",", paramLabel = "NAMES",
            description = "Comma-separated: gsm8k (the test split), math500, aime24, amc23, aime25, prm12k, gsm8k:train, or"
                    + " tiny-world:test (the shipped tiny student's world; needs --limit).")
    List<String> benchmarkNames;

    @Option(names = "--samples", defaultValue = "1", paramLabel = "K", description = "Outputs per problem and seed. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--seeds", split = ",", defaultValue = "0", paramLabel = "S,...",
            description = "Seeds; each gives its own outputs, and the summary shows the spread over seeds. Default: ${DEFAULT-VALUE}.")
    List<Long> seeds;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N problems of each benchmark.")
    Integer limit;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "The run directory.")
    Path out;

    @Override
    public Integer call() {
        Sampling sampling = SampleRun.sampling(samplingOptions, samples, limit);
        RunDirectory run = RunDirectory.open(out);
        List<Benchmark> benchmarks = new ArrayList<>();
        for (String name : benchmarkNames) {
            Benchmark b = data.find(name, "benchmark", limit, run);
            if (!Files.isRegularFile(b.file())) {
                throw new UserError("benchmark " + b.name() + ": file not found: " + b.file() + " (set --data or DRP_DATA)");
            }
            benchmarks.add(b);
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        EvalSummary summary = Files.exists(run.file(RunDirectory.SUMMARY))
                ? run.readJson(RunDirectory.SUMMARY, EvalSummary.class) : EvalSummary.EMPTY;
        int exit = StageEnd.DONE;
        for (String endpoint : endpoints) {
            Instant started = Instant.now();
            String modelName = SampleRun.safeName(SampleRun.modelName(models.resolve(endpoint)));
            Path dir = run.file("eval").resolve(modelName);
            Map<String, Long> counts = new LinkedHashMap<>();
            List<InputFile> inputs = new ArrayList<>();
            for (Benchmark b : benchmarks) {
                // one fingerprint per model and benchmark: another benchmark can join the run later
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("model", endpoint);
                settings.put("benchmark_sha256", InputFile.of(b.name(), b.file()).sha256());
                settings.put("limit", limit);
                settings.put("seeds", seeds);
                settings.put("samples", samples);
                settings.put("sampling", sampling);
                run.checkFingerprint(StageFingerprint.of("eval:" + modelName + ":" + b.name(), settings),
                        List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)));
            }
            try (StageModel model = models.open(endpoint, run)) {
                EvalStage stage = new EvalStage(model.model(), AnswerCheckers.standard(),
                        tokenizer.path == null ? null : tokenizer.counter(), models.concurrency(32));
                for (Benchmark benchmark : benchmarks) {
                    List<Problem> problems = SampleRun.first(benchmark.problems(), limit);
                    EvalStage.Pass pass = new EvalStage.Pass(seeds, samples, sampling);
                    String label = "eval " + modelName + " " + benchmark.name();
                    EvalStage.Result result = SampleRun.eval(label, stage, benchmark, problems, pass, dir, model, err,
                            run.file(RunDirectory.LOG));
                    SampleStage.Outcome outcome = result.sampled();
                    GradeReport report = result.graded();
                    EvalSummary.Entry entry = EvalSummary.Entry.of(report.summary(), outcome.planned());
                    summary = summary.with(modelName, benchmark.name(), entry);
                    run.writeJson(RunDirectory.SUMMARY, summary);
                    print(o, modelName, benchmark.name(), entry);
                    String file = EvalStage.stem(benchmark);
                    counts.put(file + ".written", (long) outcome.written());
                    counts.put(file + ".graded", (long) report.summary().n());
                    counts.put(file + ".call_failures", outcome.calls().callFailures());
                    inputs.add(InputFile.of(benchmark.name(), benchmark.file()));
                    int code = StageEnd.report(label, outcome.calls(), "outputs", err);
                    exit = Math.max(exit, code);
                    if (outcome.calls().stopped()) {
                        break;
                    }
                }
                model.printReport(o);
                record(run, started, endpoint, modelName, model, sampling, counts, inputs);
            }
            if (exit != StageEnd.DONE) {
                break;
            }
        }
        o.flush();
        return exit;
    }

    private static void print(PrintWriter o, String model, String benchmark, EvalSummary.Entry e) {
        o.printf(Locale.ROOT, "%s %s: n=%d  accuracy %s  mean tokens %s  failures %d%n", model, benchmark, e.n(),
                e.accuracy() == null ? "-" : String.format(Locale.ROOT, "%.1f%% %s", 100 * e.accuracy(), ci(e.accuracyCi(), 100)),
                e.meanTokens() == null ? "-" : String.format(Locale.ROOT, "%.1f %s", e.meanTokens(), ci(e.meanTokensCi(), 1)),
                e.failures());
        o.flush();
    }

    private static String ci(Interval ci, double scale) {
        return ci == null ? "" : String.format(Locale.ROOT, "[%.1f, %.1f]", ci.low() * scale, ci.high() * scale);
    }

    private void record(RunDirectory run, Instant started, String endpoint, String modelName, StageModel model,
            Sampling sampling, Map<String, Long> counts, List<InputFile> inputs) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", endpoint);
        config.put("model_dir", "eval/" + modelName);
        config.put("benchmarks", benchmarkNames);
        config.put("samples", samples);
        config.put("seeds", seeds);
        config.put("limit", limit);
        config.put("temperature", sampling.temperature());
        config.put("top_p", sampling.topP());
        config.put("max_tokens", sampling.maxTokens());
        config.put("tokens_counted_by", tokenizer.path == null ? "server usage" : tokenizer.describe());
        config.put("concurrency", models.concurrency(32));
        config.put("usage", model.usage());
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        run.recordStage(List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)),
                "eval:" + modelName, config, inputs, Map.of("eval:" + modelName, model.id().toString()),
                new StageRecord(started, seconds, counts));
    }
}
