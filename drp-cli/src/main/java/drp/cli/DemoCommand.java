package drp.cli;

import drp.cli.pipeline.PipelineRunner;
import drp.cli.pipeline.PipelineSpec;
import drp.core.run.RunDirectory;
import drp.tiny.base.BaseStudentRecipe;
import drp.tiny.base.TrainBase;
import drp.tiny.base.TrainingRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drp demo}: {@code drp run configs/demo.yaml}, with options that are edits of that file
 * ({@code --quick} and {@code --ablation} are its profiles, the others {@code --set} overrides).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run DRP end to end on a laptop with the embedded student, no model download needed.",
                "The shipped base student (a small reasoning model that overthinks) samples its own traces on training"
                        + " problems of a synthetic world, the heuristic teacher prunes them, the correct pruned traces"
                        + " fine-tune a copy of the student, and base and DRP students are evaluated on the test split"
                        + " over several seeds. This is drp run configs/demo.yaml; see that file for every setting.",
                "Prints the paper's Table 1 in miniature and writes RUN_DIR: run.json, every JSONL, report.md,"
                        + " summary.json. Stopped at any point (Ctrl-C, or a kill), it resumes when run again with the"
                        + " same options and --out."},
        footer = {"", "Examples:",
                "  drp demo                          # about 2 minutes on two cores",
                "  drp demo --quick                  # a smoke run of every stage, in seconds",
                "  drp demo --ablation --out runs/ablation   # adds the paper's ablations in miniature",
                "  drp demo --out runs/demo-x        # after Ctrl-C: the same command continues"})
final class DemoCommand implements Callable<Integer> {

    /** The demo's pipeline file, shipped in the jar from configs/. */
    static final String PIPELINE = "drp/configs/demo.yaml";

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "The run directory. Default: runs/demo-<timestamp>.")
    Path out;

    @Option(names = "--quick", description = "A smoke run: few problems, few fine-tuning steps (the file's quick profile).")
    boolean quick;

    @Option(names = "--ablation", description = "Also train and evaluate the ablation arms: no decomposition, sentence split,"
            + " the teacher's own solutions, a stronger model's solutions (the paper's Tables 2 and 4) and capacity-aware"
            + " selection; the base student first scores every arm's targets (the alignment column).")
    boolean ablation;

    @Option(names = "--seeds", split = ",", paramLabel = "SEED", splitSynopsisLabel = ",",
            description = "Evaluation seeds: every model answers every test problem once per seed. Default: 1,2,3.")
    List<Long> seeds;

    @Option(names = "--train-problems", paramLabel = "N", description = "How many training problems the base student"
            + " answers to produce its own traces (default: 2000; 24 with --quick).")
    Integer trainProblems;

    @Option(names = "--test-problems", paramLabel = "N", description = "How many test problems every model answers"
            + " (default: 200; 16 with --quick). More give narrower intervals and take proportionally longer.")
    Integer testProblems;

    @Option(names = "--from-scratch", description = "Train the base student first (drp tiny train-base's recipe; about 7"
            + " minutes on two cores, a few seconds with --quick, whose base does not learn to reason) instead of loading"
            + " the shipped one.")
    boolean fromScratch;

    @Option(names = "--base", paramLabel = "DIR", description = "Start from this base student checkpoint (written by"
            + " drp tiny train-base) instead of the shipped one.")
    Path baseDir;

    @Option(names = "--dry-run", description = "Print the plan and run nothing.")
    boolean dryRun;

    @Mixin
    DataDirectoryOption data;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        if (fromScratch && baseDir != null) {
            throw new UserError("--from-scratch and --base exclude each other");
        }
        if (baseDir != null && !Files.isDirectory(baseDir)) {
            throw new UserError("--base " + baseDir + ": no such folder");
        }
        Path runDir = out != null ? out
                : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        List<String> profiles = new ArrayList<>();
        if (quick) {
            profiles.add("quick");
        }
        if (ablation) {
            profiles.add("ablation");
        }
        List<String> overrides = new ArrayList<>(models.concurrencyOverrides());
        if (seeds != null) {
            overrides.add("eval.seeds=[" + seeds.stream().map(String::valueOf).collect(Collectors.joining(",")) + "]");
        }
        if (trainProblems != null) {
            overrides.add("sample.limit=" + atLeastOne("--train-problems", trainProblems));
        }
        if (testProblems != null) {
            overrides.add("eval.limit=" + atLeastOne("--test-problems", testProblems));
        }
        if (baseDir != null) {
            overrides.add("student=tiny:" + baseDir.toAbsolutePath().normalize());
        }
        if (fromScratch && !dryRun) {
            overrides.add("student=tiny:" + trainBase(runDir).toAbsolutePath().normalize());
        }
        PipelineSpec pipeline = PipelineSpec.load(shippedPipeline(), "classpath:" + PIPELINE, profiles, overrides);
        String note = quick ? "--quick checks that every stage runs: its DRP student is fine-tuned for a few steps on a few"
                + " traces and is not expected to reason. Run drp demo without --quick for the real figures." : null;
        return new PipelineCommand(spec, data, models).run(pipeline, "classpath:" + PIPELINE, runDir,
                PipelineRunner.Options.ALL, dryRun, note);
    }

    /** Trains the base student into RUN_DIR/models/base unless an earlier run did. */
    private Path trainBase(Path runDir) {
        Path dir = runDir.resolve("models/base");
        if (Files.isRegularFile(dir.resolve(TrainingRecord.FILE_NAME))) {
            spec.commandLine().getErr().println("base student: already trained, loaded " + dir);
            return dir;
        }
        BaseStudentRecipe recipe = quick ? BaseStudentRecipe.quick() : BaseStudentRecipe.defaults();
        try (TrainBaseProgress progress = new TrainBaseProgress(new ProgressListener(spec.commandLine().getErr(),
                runDir.resolve(RunDirectory.LOG)))) {
            TrainBase.run(recipe, dir, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot train the base student into " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    static String shippedPipeline() {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(PIPELINE)) {
            if (in == null) {
                throw new IllegalStateException(PIPELINE + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PIPELINE + ": " + e.getMessage(), e);
        }
    }

    private static int atLeastOne(String option, int value) {
        if (value < 1) {
            throw new UserError(option + " must be at least 1, got " + value);
        }
        return value;
    }
}
