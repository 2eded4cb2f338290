package drp.cli.pipeline;

import drp.core.align.AlignmentSummary;
import drp.core.align.VariantAlignment;
import drp.core.stage.AlignStage;
import drp.cli.report.RunReport;
import drp.core.bench.Benchmark;
import drp.core.grade.GradedRecord;
import drp.core.grade.GradedRecords;
import drp.core.grade.GradedRun;
import drp.core.grade.RunSummary;
import drp.core.grade.SummaryOptions;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonCodec;
import drp.core.run.RunDirectory;
import drp.core.run.RunManifest;
import drp.core.run.StageFingerprint;
import drp.core.run.StageRecord;
import drp.core.sft.BuildStage;
import drp.core.sft.BuildSummary;
import drp.core.stage.CompletionRecord;
import drp.core.stage.EvalStage;
import drp.core.stage.PruneSummary;
import drp.core.stage.SampleStage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report stage: reads back every model's graded answers and every stage's summary from the run
 * directory and writes summary.json, report.md and report.html ({@link RunReport}, the same page as
 * {@code drp report}); rewritten whole each time, nothing to resume.
 */
final class ReportPhase implements Phase {

    static final String REPORT = "report.md";

    private final PipelineSpec spec;
    private final List<PipelineSpec.Arm> arms;
    private String tables = "";

    ReportPhase(PipelineSpec spec, List<PipelineSpec.Arm> arms) {
        this.spec = spec;
        this.arms = arms;
    }

    @Override
    public String stage() {
        return "report";
    }

    @Override
    public String key() {
        return "report";
    }

    @Override
    public StageFingerprint fingerprint(RunContext ctx) {
        return null;
    }

    @Override
    public List<String> outputs() {
        return List.of(RunDirectory.SUMMARY, REPORT, RunReport.HTML);
    }

    @Override
    public List<String> plan(RunContext ctx) {
        return List.of("Table 1 per benchmark" + (arms.size() > 1 ? " and the ablation table" : "")
                + ", summary.json, report.md and report.html (charts, trace viewer)");
    }

    /** The tables printed at the end, once the phase ran. */
    String tables() {
        return tables;
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        RunDirectory run = ctx.run();
        Map<String, String> models = new LinkedHashMap<>();
        models.put(EvalPhase.BASE, "base");
        arms.forEach(a -> models.put(a.name(), a.label()));
        Map<String, GradedRun> graded = new LinkedHashMap<>();
        Map<String, Map<String, RunSummary>> summaries = new LinkedHashMap<>();
        Map<String, CompletionRecord> examples = new LinkedHashMap<>();
        for (String model : models.keySet()) {
            List<GradedRecord> records = new ArrayList<>();
            Map<String, RunSummary> byBenchmark = new LinkedHashMap<>();
            for (String name : spec.eval().benchmarks()) {
                Benchmark benchmark = ctx.benchmark(name, spec.eval().limit());
                int problems = ctx.problems(name, spec.eval().limit()).size();
                List<Benchmark> passes = new ArrayList<>(List.of(benchmark));
                if (spec.eval().greedy()) {
                    passes.add(EvalStage.greedy(benchmark));
                }
                for (Benchmark pass : passes) {
                    Path file = run.file(EvalPhase.folder(model) + EvalStage.stem(pass) + ".jsonl");
                    if (!Files.isRegularFile(file)) {
                        throw new IllegalArgumentException("the report needs " + file + ": run the eval stage of "
                                + model + " first");
                    }
                    List<GradedRecord> passRecords = GradedRecords.read(file, ErrorPolicy.STRICT).items();
                    records.addAll(passRecords);
                    byBenchmark.put(pass.name(), RunSummary.of(pass.name(), passRecords, problems, null, List.of(),
                            SummaryOptions.defaults()));
                }
                if (model.equals(EvalPhase.BASE) || !examples.containsKey(model)) {
                    Benchmark shown = passes.getLast();
                    Path completions = run.file(EvalPhase.folder(model) + EvalStage.stem(shown) + ".completions.jsonl");
                    String first = ctx.problems(name, spec.eval().limit()).getFirst().id();
                    SampleStage.read(completions).stream().filter(c -> c.problemId().equals(first))
                            .min(java.util.Comparator.comparing(CompletionRecord::id))
                            .ifPresent(c -> examples.putIfAbsent(model, c));
                }
            }
            graded.put(model, GradedRun.of(models.get(model), records));
            summaries.put(model, byBenchmark);
        }
        Map<String, PruneSummary> pruning = new LinkedHashMap<>();
        Map<String, BuildSummary> building = new LinkedHashMap<>();
        Map<String, String> training = new LinkedHashMap<>();
        Map<String, VariantAlignment> alignment = new LinkedHashMap<>();
        if (spec.align().enabled()) {
            alignment(run, AlignPhase.ORIGINAL + "/", AlignPhase.ORIGINAL).ifPresent(a -> alignment.put(AlignPhase.ORIGINAL, a));
        }
        for (PipelineSpec.Arm arm : arms) {
            if (spec.align().enabled()) {
                alignment(run, arm.folder(), arm.name()).ifPresent(a -> alignment.put(arm.name(), a));
            }
            Path prune = run.file(arm.folder() + PrunePhase.SUMMARY);
            if (arm.prunes() && Files.isRegularFile(prune)) {
                pruning.put(arm.name(), run.readJson(arm.folder() + PrunePhase.SUMMARY, PruneSummary.class));
            }
            building.put(arm.name(), run.readJson(arm.folder() + BuildStage.SUMMARY, BuildSummary.class));
            training.put(arm.name(), trainingLine(run.file(arm.folder() + DistillPhase.MODEL)));
        }
        PipelineReport report = new PipelineReport(new PipelineReport.Inputs(spec, models, graded, summaries, examples,
                SampleStage.read(run.file(SamplePhase.OUTPUT)), pruning, building, training, alignment, seconds(run)));
        run.writeJson(RunDirectory.SUMMARY, report.summary());
        run.writeText(REPORT, report.markdown());
        tables = report.tables();
        RunReport.write(run.root(), false);
        return Map.of("models", (long) models.size());
    }

    /** The align stage's figures of one variant, when it ran. */
    private static java.util.Optional<VariantAlignment> alignment(RunDirectory run, String folder, String variant) {
        if (!Files.isRegularFile(run.file(folder + AlignStage.SUMMARY))) {
            return java.util.Optional.empty();
        }
        return run.readJson(folder + AlignStage.SUMMARY, AlignmentSummary.class).variant(variant);
    }

    /** "loss 2.31 -> 0.01, 18,216 tok/s, 372 steps" from the trainer's record in model.json. */
    private static String trainingLine(Path modelJson) {
        try {
            var record = JsonCodec.MAPPER.readTree(modelJson.toFile()).path("record");
            return String.format(Locale.ROOT, "loss %.3f -> %.3f, %,d steps, %,.0f tok/s",
                    record.path("first_loss").asDouble(), record.path("final_loss").asDouble(),
                    record.path("config").path("steps").asLong(), record.path("tokens_per_second").asDouble());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelJson + ": " + e.getMessage(), e);
        }
    }

    /** Wall time per stage, summed over every run of it recorded in run.json. */
    private static Map<String, Double> seconds(RunDirectory run) {
        Map<String, Double> out = new LinkedHashMap<>();
        RunManifest manifest = run.manifest(List.of());
        for (Map.Entry<String, List<StageRecord>> e : manifest.stages().entrySet()) {
            String stage = e.getKey().replaceFirst(":.*", "");
            out.merge(stage, e.getValue().stream().mapToDouble(StageRecord::seconds).sum(), Double::sum);
        }
        return out;
    }
}
