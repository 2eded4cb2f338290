package drp.cli;

import drp.cli.demo.DemoPipeline;
import drp.cli.demo.DemoResult;
import drp.cli.demo.DemoSettings;
import drp.core.run.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drp demo}: the whole method on the embedded student, with real training and real measurements. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"DRP end to end on a laptop, with no model download: the shipped base student (a small"
                + " reasoning model that overthinks) samples its own traces on training problems of a synthetic"
                + " world, the heuristic teacher prunes them, the correct pruned traces fine-tune a copy of the"
                + " student, and base and DRP students are evaluated on the test split over several seeds.",
                "Prints the paper's Table 1 in miniature and writes RUN_DIR: run.json, every JSONL, report.md,"
                + " summary.json. Stopped at any point (Ctrl-C), it resumes when run again with the same --out."},
        footer = {"", "Examples:",
                "  drp demo                          # about 2.5 minutes on two cores",
                "  drp demo --quick                  # a smoke run of every phase, under a minute",
                "  drp demo --ablation --out runs/ablation   # adds Tables 2 and 4 in miniature",
                "  drp demo --out runs/demo-x        # after Ctrl-C: the same command continues"})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "The run directory. Default: runs/demo-<timestamp>.")
    Path out;

    @Option(names = "--quick", description = "A smoke run: few problems, few fine-tuning steps (what CI runs).")
    boolean quick;

    @Option(names = "--ablation", description = "Also train and evaluate the ablation rows: no decomposition, sentence split,"
            + " the teacher's own solutions (the paper's Tables 2 and 4).")
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

    @Override
    public Integer call() {
        if (fromScratch && baseDir != null) {
            throw new UserError("--from-scratch and --base exclude each other");
        }
        if (baseDir != null && !Files.isDirectory(baseDir)) {
            throw new UserError("--base " + baseDir + ": no such folder");
        }
        DemoSettings settings = quick ? DemoSettings.quick() : DemoSettings.full();
        if (seeds != null) {
            settings = settings.withSeeds(seeds);
        }
        if (trainProblems != null) {
            settings = settings.withTrainProblems(atLeastOne("--train-problems", trainProblems));
        }
        if (testProblems != null) {
            settings = settings.withTestProblems(atLeastOne("--test-problems", testProblems));
        }
        settings = settings.withAblation(ablation).withFromScratch(fromScratch);
        Path runDir = out != null ? out
                : Path.of("runs", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println("drp demo" + (quick ? " --quick" : "") + ": run directory " + runDir);
        err.flush();

        List<String> args = spec.commandLine().getParseResult().originalArgs();
        List<String> own = args.subList(args.indexOf(spec.name()) + 1, args.size());
        String resumeCommand = "drp demo " + String.join(" ", own) + (out == null ? " --out " + runDir : "");
        AtomicBoolean finished = new AtomicBoolean();
        Thread hint = new Thread(() -> {
            if (!finished.get()) {
                err.println();
                err.println("drp demo: stopped; what was written is kept. Continue with: " + resumeCommand);
                err.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(hint);
        DemoResult result;
        try {
            result = new DemoPipeline(settings, runDir, baseDir, args,
                    new ProgressListener(err, runDir.resolve(RunDirectory.LOG))).run();
        } finally {
            finished.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(hint);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: nothing to remove
            }
        }
        stdout.println();
        stdout.print(result.tables());
        stdout.println();
        if (quick) {
            // a first-time user often starts with --quick; its DRP row must not read as the method's result
            stdout.println("--quick checks that every phase runs: its DRP student is fine-tuned for a few steps on a few"
                    + " traces and is not expected to reason. Run drp demo without --quick for the real figures.");
        }
        stdout.println("wrote " + runDir.resolve("report.md") + ", summary.json, run.json and every JSONL in " + runDir);
        stdout.flush();
        return 0;
    }

    private static int atLeastOne(String option, int value) {
        if (value < 1) {
            throw new UserError(option + " must be at least 1, got " + value);
        }
        return value;
    }
}
