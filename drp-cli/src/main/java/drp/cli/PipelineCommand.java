package drp.cli;

import drp.cli.pipeline.PhaseStopped;
import drp.cli.pipeline.PipelineRunner;
import drp.cli.pipeline.PipelineSpec;
import drp.cli.pipeline.RunContext;
import drp.core.io.FileTree;
import drp.core.io.JsonCodec;
import drp.core.run.InputFile;
import drp.core.run.RunDirectory;
import drp.core.run.StageRecord;
import drp.llm.endpoint.EndpointConfig;
import drp.llm.endpoint.EndpointSpec;
import drp.llm.meter.Price;
import drp.llm.meter.PriceTable;
import drp.cli.pipeline.PhaseListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code drp run} and {@code drp demo} share: the run directory, the models, progress on the
 * terminal and in drp.log, the plan of a dry run, the runner, the tables at the end, and exit codes
 * (0 done, 1 calls failed, 3 stopped at the cost cap). A run stopped by Ctrl-C prints how to
 * continue it.
 */
final class PipelineCommand {

    private final CommandSpec spec;
    private final DataDirectoryOption data;
    private final ModelOptions models;

    PipelineCommand(CommandSpec spec, DataDirectoryOption data, ModelOptions models) {
        this.spec = spec;
        this.data = data;
        this.models = models;
    }

    /**
     * Runs {@code pipeline} into {@code out} (a new timestamped folder under runs/ when null).
     *
     * @param source   where the pipeline came from, for run.json
     * @param quickNote a line printed under the tables, or null
     */
    int run(PipelineSpec pipeline, String source, Path out, PipelineRunner.Options options, boolean dryRun,
            String quickNote) {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path runDir = out != null ? out : Path.of("runs", pipeline.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        EndpointConfig endpoints = endpoints(pipeline, source);
        PipelineRunner runner = new PipelineRunner(pipeline);
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        if (dryRun) {
            dryRun(pipeline, runner, options, endpoints, runDir, stdout);
            return StageEnd.DONE;
        }
        RunDirectory run = RunDirectory.open(runDir);
        err.println("drp " + spec.name() + ": run directory " + runDir);
        err.flush();
        String resume = "drp " + String.join(" ", args) + (out == null ? " --out " + runDir : "");
        AtomicBoolean finished = new AtomicBoolean();
        Thread hint = new Thread(() -> {
            if (!finished.get()) {
                err.println();
                err.println("drp " + spec.name() + ": stopped; what was written is kept. Continue with: " + resume);
                err.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(hint);
        Instant started = Instant.now();
        PipelineRunner.Result result;
        try (CommandModels opened = new CommandModels(models, endpoints, run);
             RunContext ctx = new RunContext(pipeline, run, opened, new ProgressListener(err, run.file(RunDirectory.LOG)),
                     data.benchmarks(), AnswerCheckers.standard())) {
            try {
                result = runner.run(ctx, options, args);
            } catch (PhaseStopped stopped) {
                record(run, args, pipeline, source, started, opened, "stopped: " + stopped.getMessage());
                err.println("drp: " + stopped.getMessage());
                err.println("drp: everything finished is kept; " + (stopped.calls().budgetSpent()
                        ? "rerun with a higher --max-cost to continue" : "fix the endpoint and rerun the same command to continue"));
                err.flush();
                return stopped.calls().budgetSpent() ? StageEnd.BUDGET : StageEnd.FAILED;
            }
            record(run, args, pipeline, source, started, opened, "done");
        } finally {
            finished.set(true);
            try {
                Runtime.getRuntime().removeShutdownHook(hint);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: nothing to remove
            }
        }
        if (!result.tables().isEmpty()) {
            stdout.println();
            stdout.print(result.tables());
            stdout.println();
        }
        if (quickNote != null) {
            stdout.println(quickNote);
        }
        stdout.println("wrote " + (options.covers("report") ? runDir.resolve("report.html") + " (open it in a browser), "
                + runDir.resolve("report.md") + ", summary.json, " : "")
                + "run.json and every JSONL in " + runDir);
        stdout.flush();
        return StageEnd.DONE;
    }

    /**
     * Prints the plan. Nothing is written into {@code runDir}: made benchmarks go to a scratch
     * folder that holds a copy of the run's run.json (so the plan says which stages would resume).
     */
    private void dryRun(PipelineSpec pipeline, PipelineRunner runner, PipelineRunner.Options options,
                        EndpointConfig endpoints, Path runDir, PrintWriter stdout) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("drp-dry-run");
            Path manifest = runDir.resolve(RunDirectory.MANIFEST);
            if (Files.isRegularFile(manifest)) {
                Files.copy(manifest, scratch.resolve(RunDirectory.MANIFEST));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a scratch folder for the dry run: " + e.getMessage(), e);
        }
        try (CommandModels opened = new CommandModels(models, endpoints, null);
             RunContext ctx = new RunContext(pipeline, RunDirectory.open(scratch), opened, PhaseListener.NONE,
                     data.benchmarks(), AnswerCheckers.standard())) {
            stdout.println("drp " + spec.name() + " --dry-run: pipeline " + pipeline.name() + " into " + runDir
                    + " (nothing is run or written)");
            runner.plan(ctx, options).forEach(stdout::println);
            if (models.maxCost != null) {
                stdout.printf(Locale.ROOT, "budget: $%.2f (--max-cost): a stage stops cleanly before spending more%n",
                        models.maxCost);
            }
        } finally {
            try {
                FileTree.delete(scratch);
            } catch (UncheckedIOException e) {
                // a scratch folder left in the temp directory is harmless
            }
        }
        stdout.flush();
    }

    /** The pipeline as resolved (every default filled in), its source, and the calls' usage, in run.json. */
    private static void record(RunDirectory run, List<String> args, PipelineSpec pipeline, String source, Instant started,
                               CommandModels opened, String state) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("source", source);
        config.put("resolved", JsonCodec.MAPPER.convertValue(pipeline, Map.class));
        config.put("state", state);
        config.put("usage", opened.usageRecord());
        List<InputFile> inputs = source.startsWith("classpath:") ? List.of() : List.of(InputFile.of("pipeline", Path.of(source)));
        run.recordStage(args, "pipeline", config, inputs, Map.of("drp", drp.core.run.DrpVersion.current()),
                new StageRecord(started, (java.time.Duration.between(started, Instant.now()).toMillis()) / 1000.0,
                        Map.of()));
    }

    /** The endpoints and prices of {@code --config} and of the pipeline file's own sections. */
    private EndpointConfig endpoints(PipelineSpec pipeline, String source) {
        EndpointConfig fromFile = models.endpoints();
        if (pipeline.endpoints() == null && pipeline.prices() == null) {
            return fromFile;
        }
        Map<String, Object> sections = new LinkedHashMap<>();
        if (pipeline.endpoints() != null) {
            sections.put("endpoints", pipeline.endpoints());
        }
        if (pipeline.prices() != null) {
            sections.put("prices", pipeline.prices());
        }
        Path base = source.startsWith("classpath:") ? Path.of(".") : Path.of(source).toAbsolutePath().getParent();
        EndpointConfig own = EndpointConfig.parse(JsonCodec.line(sections), source, base);
        Map<String, EndpointSpec> all = new LinkedHashMap<>(fromFile.endpoints());
        all.putAll(own.endpoints());
        Map<String, Price> prices = new LinkedHashMap<>(fromFile.prices().prices());
        prices.putAll(own.prices().prices());
        return new EndpointConfig(all, new PriceTable(prices));
    }
}
