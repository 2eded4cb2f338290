package drp.cli;

import drp.cli.pipeline.PipelineRunner;
import drp.cli.pipeline.PipelineSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drp run PIPELINE.yaml}: the whole method, sample to report, as a pipeline file says. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a pipeline file from sampling to the report: sample, prune, build, align (when enabled), distill, eval, report.",
                "Every stage writes keyed, resumable files into RUN_DIR and fingerprints the settings that shape them in"
                        + " RUN_DIR/run.json: a rerun with the same settings resumes, one with other settings is refused"
                        + " with the settings named (use another --out, or --restart STAGE).",
                "Exit codes: 0 done, 1 failed (calls that failed are not recorded; rerun to continue), 2 bad usage or"
                        + " input, 3 stopped at --max-cost."},
        footer = {"", "Examples:",
                "  drp run configs/demo.yaml --out runs/demo                 # what drp demo runs",
                "  drp run configs/demo.yaml --profile quick --out runs/q    # a smoke run of every stage",
                "  drp run configs/demo.yaml --set eval.limit=1000 --out runs/demo-1k",
                "  drp run pipeline.yaml --dry-run                           # the plan and its cost, nothing run",
                "  drp run pipeline.yaml --out runs/x --restart prune        # discard prune and later stages, run again"})
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file (YAML), e.g. configs/demo.yaml.")
    Path file;

    @Option(names = "--out", paramLabel = "RUN_DIR", description = "The run directory. Default: runs/<name>-<timestamp>.")
    Path out;

    @Option(names = "--profile", paramLabel = "NAME", description = "Merge the file's profiles.NAME over it (repeatable, in order).")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting, e.g. --set sample.limit=100 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the plan (stages, requests, tokens, cost) and run nothing.")
    boolean dryRun;

    @Option(names = "--from", paramLabel = "STAGE", description = "Start at this stage (earlier ones must have run in RUN_DIR).")
    String from;

    @Option(names = "--until", paramLabel = "STAGE", description = "Stop after this stage.")
    String until;

    @Option(names = "--restart", paramLabel = "STAGE", description = "Discard the results of this stage and of every later one, then run.")
    String restart;

    @Mixin
    DataDirectoryOption data;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            throw new UserError("pipeline file not found: " + file);
        }
        List<String> edits = new ArrayList<>(models.concurrencyOverrides());
        edits.addAll(overrides);
        PipelineSpec pipeline = PipelineSpec.load(file, profiles, edits);
        return new PipelineCommand(spec, data, models).run(pipeline, file.toString(), out,
                new PipelineRunner.Options(from, until, restart), dryRun, null);
    }
}
