package drp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import drp.core.train.TrainerProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drp distill}: the distill stage's hosted fine-tuning jobs. */
@Command(name = "distill", mixinStandardHelpOptions = true,
        description = {"Manage the hosted fine-tuning jobs (trainer openai or together) that a run's distill stage started."},
        subcommands = {DistillCommand.Cancel.class})
final class DistillCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (see 'drp distill --help')");
    }

    /** {@code drp distill cancel RUN_DIR}. */
    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = {"Cancel a run's hosted fine-tuning jobs at the provider and record it in their job.json.",
                    "Reads RUN_DIR/models/ARM/job.json (the provider, its URL, the key's variable and the job id), asks the"
                            + " provider to cancel the job and prints the status it answers; a later drp run of RUN_DIR"
                            + " then says the job was cancelled instead of waiting for it (delete job.json to start a new job).",
                    "A job that already finished, or was already cancelled, is left as it is."},
            footer = {"", "Examples:",
                    "  drp distill cancel runs/paper              # every arm's running job",
                    "  drp distill cancel runs/paper --arm drp    # one arm's job",
                    "  drp distill cancel runs/paper/models/drp   # the job in one model folder"})
    static final class Cancel implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DebugOption debug;

        @Parameters(index = "0", paramLabel = "RUN_DIR",
                description = "The run directory (or one model folder, the one that holds job.json).")
        Path runDir;

        @Option(names = "--arm", paramLabel = "NAME", description = "Only this arm's job (its folder models/NAME).")
        String arm;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Path> folders = jobFolders();
            for (Path folder : folders) {
                JsonNode state = read(folder.resolve("job.json"));
                String name = folder.getFileName().toString();
                String jobId = state.path("job_id").asText("");
                if (state.hasNonNull("fine_tuned_model")) {
                    out.println(name + ": job " + jobId + " already finished: " + state.get("fine_tuned_model").asText());
                } else if (state.hasNonNull("cancelled_at")) {
                    out.println(name + ": job " + jobId + " was already cancelled at " + state.get("cancelled_at").asText());
                } else {
                    // job.json of the first openai trainer did not name its trainer
                    String trainer = state.path("trainer").asText("openai");
                    String status = TrainerProvider.find(trainer).cancel(folder);
                    out.println(name + ": " + trainer + " fine-tuning job " + jobId + ": " + status);
                }
            }
            return 0;
        }

        private List<Path> jobFolders() {
            if (!Files.isDirectory(runDir)) {
                throw new UserError("not a directory: " + runDir);
            }
            if (Files.isRegularFile(runDir.resolve("job.json"))) {
                return List.of(runDir);
            }
            Path models = runDir.resolve("models");
            List<Path> found = new ArrayList<>();
            if (arm != null) {
                found.add(models.resolve(arm));
            } else if (Files.isDirectory(models)) {
                try (Stream<Path> list = Files.list(models)) {
                    list.filter(Files::isDirectory).sorted().forEach(found::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + models + ": " + e.getMessage(), e);
                }
            }
            found.removeIf(f -> !Files.isRegularFile(f.resolve("job.json")));
            if (found.isEmpty()) {
                throw new UserError("no hosted fine-tuning job in " + runDir + " (no " + models.resolve(arm == null ? "*"
                        : arm).resolve("job.json") + "): only the openai and together trainers start one");
            }
            return found;
        }

        private static JsonNode read(Path file) {
            try {
                return JsonCodec.MAPPER.readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
