package drp.cli;

import drp.core.run.RunDirectory;
import drp.tiny.TinyStudent;
import drp.tiny.base.BaseStudentRecipe;
import drp.tiny.base.TrainBase;
import drp.tiny.base.TrainingRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drp tiny train-base}: trains the overthinking base student, deterministically. */
@Command(name = "train-base", mixinStandardHelpOptions = true,
        description = {"Train the base student on the world's verbose traces and write its checkpoint.",
                "The checkpoint (safetensors + config.json + tokenizer) comes with training_record.json: recipe, seeds,",
                "data hash, loss curve, greedy test accuracy, time. Deterministic: the same recipe gives the same weights, so running it again",
                "reproduces the shipped base student (the command says whether it did)."},
        footer = {"", "Examples:",
                "  drp tiny train-base --out runs/tiny-base     # the shipped recipe (about 7 minutes on two cores)",
                "  drp tiny train-base --quick --out runs/tiny-quick   # seconds; a model too small to reason",
                "  drp demo --base runs/tiny-base               # run the demo from it"})
final class TrainBaseCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Option(names = "--out", defaultValue = "runs/tiny-base", paramLabel = "DIR",
            description = "Where to write the checkpoint. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quick", description = "The small, fast recipe of tests and smoke runs (it does not learn to reason).")
    boolean quick;

    @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps instead of the recipe's.")
    Integer steps;

    @Override
    public Integer call() throws IOException {
        BaseStudentRecipe recipe = quick ? BaseStudentRecipe.quick() : BaseStudentRecipe.defaults();
        if (steps != null) {
            if (steps < 1) {
                throw new UserError("--steps must be at least 1, got " + steps);
            }
            recipe = recipe.withTraining(recipe.training().withSteps(steps));
        }
        if (Files.isRegularFile(out)) {
            throw new UserError("--out " + out + " is a file; give a folder");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Files.createDirectories(out);
        TrainingRecord record;
        try (TrainBaseProgress progress = new TrainBaseProgress(new ProgressListener(err, out.resolve(RunDirectory.LOG)))) {
            record = TrainBase.run(recipe, out, progress);
        }
        print(stdout, record);
        Optional<TrainingRecord> shipped = shipped();
        if (shipped.isPresent()) {
            boolean same = shipped.get().weightsSha256().equals(record.weightsSha256());
            stdout.println(same ? "same weights as the shipped base student (weights sha256 " + record.weightsSha256() + ")"
                    : "not the shipped base student's weights (" + (recipe.equals(BaseStudentRecipe.defaults())
                            ? "same recipe: this machine's arithmetic differs" : "another recipe") + ")");
        }
        stdout.println("wrote " + out.resolve(TrainingRecord.FILE_NAME) + " and the checkpoint; run the demo from it with"
                + " drp demo --base " + out);
        stdout.flush();
        return 0;
    }

    static void print(PrintWriter out, TrainingRecord r) {
        out.println();
        out.printf(Locale.ROOT, "parameters         %,d (dim %d, %d layers, %d heads, vocabulary %d, context %d)%n",
                r.parameters(), r.model().dim(), r.model().layers(), r.model().heads(), r.model().vocabSize(),
                r.model().contextLength());
        out.printf(Locale.ROOT, "training data      %,d problems, %,d tokens (sha256 %s)%n", r.trainProblems(),
                r.dataTokens(), r.dataSha256().substring(0, 16));
        out.printf(Locale.ROOT, "training           %,d steps of %dx%d, %,d tokens in %.0f s (%,.0f tokens/s)%n",
                r.training().steps(), r.training().rows(), r.training().rowLength(), r.tokensTrained(),
                r.trainSeconds(), r.tokensPerSecond());
        StringBuilder curve = new StringBuilder();
        int every = Math.max(1, r.lossCurve().size() / 8);
        for (int i = 0; i < r.lossCurve().size(); i += every) {
            curve.append(String.format(Locale.ROOT, "%.0f:%.3f ", r.lossCurve().get(i)[0], r.lossCurve().get(i)[1]));
        }
        out.printf(Locale.ROOT, "loss curve         %s(final %.4f)%n", curve, r.finalLoss());
        out.printf(Locale.ROOT, "greedy test        %d / %d correct (%.1f%%), %.0f tokens on average%n", r.testCorrect(),
                r.testProblems(), 100 * r.testAccuracy(), r.testMeanOutputTokens());
        out.printf(Locale.ROOT, "weights sha256     %s%n", r.weightsSha256());
        out.printf(Locale.ROOT, "machine            %d processors, %d threads, %s, %s; load %s -> %s%n",
                r.machine().processors(), r.machine().threads(), r.machine().kernel(), r.machine().java(),
                r.machine().loadAverageBefore(), r.machine().loadAverageAfter());
    }

    private static Optional<TrainingRecord> shipped() {
        try (InputStream in = TinyStudent.class.getClassLoader()
                .getResourceAsStream(TinyStudent.BASE_RESOURCE + TrainingRecord.FILE_NAME)) {
            return in == null ? Optional.empty() : Optional.of(TrainingRecord.read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped base student's record: " + e.getMessage(), e);
        }
    }
}
