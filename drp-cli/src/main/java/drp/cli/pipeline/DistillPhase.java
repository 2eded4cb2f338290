package drp.cli.pipeline;

import drp.core.io.JsonCodec;
import drp.core.run.StageFingerprint;
import drp.core.sft.BuildStage;
import drp.core.train.TrainedModel;
import drp.core.train.Trainer;
import drp.core.train.TrainerProvider;
import drp.core.train.TrainingJob;
import drp.core.train.TrainingListener;
import drp.core.train.TrainingSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The distill stage of one arm: the pipeline's trainer fine-tunes the base student on the arm's
 * sft.jsonl into {@code models/ARM}, and {@code model.json} in the arm's folder records the model
 * reference eval opens (and what the trainer recorded).
 */
final class DistillPhase implements Phase {

    /** The trained model's reference, in the arm's folder. */
    static final String MODEL = "model.json";

    private final PipelineSpec spec;
    private final PipelineSpec.Arm arm;
    private final Phase build;

    /** @param build the phase that writes the arm's sft.jsonl */
    DistillPhase(PipelineSpec spec, PipelineSpec.Arm arm, Phase build) {
        this.spec = spec;
        this.arm = arm;
        this.build = build;
    }

    @Override
    public String stage() {
        return "distill";
    }

    @Override
    public String key() {
        // the main arm's files are the run's own (its root), so its stage has the plain name
        return arm.main() ? "distill" : "distill:" + arm.name();
    }

    PipelineSpec.Arm arm() {
        return arm;
    }

    @Override
    public StageFingerprint fingerprint(RunContext ctx) {
        PipelineSpec.Distill d = spec.distill();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("input", build.fingerprint(ctx).hash());
        settings.put("base", d.base(spec.student()));
        settings.put("trainer", d.trainer());
        settings.put("epochs", d.epochs());
        settings.put("learning_rate", d.learningRate());
        settings.put("seed", d.seed());
        settings.put("options", d.options());
        return StageFingerprint.of(key(), settings);
    }

    @Override
    public void check(RunContext ctx) {
        PipelineSpec.Distill d = spec.distill();
        TrainerProvider.find(d.trainer()).check(d.base(spec.student()), trainingSpec());
    }

    @Override
    public Map<String, String> components(RunContext ctx) {
        return Map.of("trainer:" + arm.name(), spec.distill().trainer(), "base_model", spec.distill().base(spec.student()));
    }

    String modelDir() {
        return "models/" + arm.name();
    }

    @Override
    public List<String> outputs() {
        return List.of(modelDir(), modelDir() + ".partial", arm.folder() + MODEL);
    }

    @Override
    public List<String> plan(RunContext ctx) {
        PipelineSpec.Distill d = spec.distill();
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(Locale.ROOT, "trainer %s fine-tunes %s on the arm's examples: %s epochs, learning rate %s,"
                + " seed %d", d.trainer(), d.base(spec.student()), d.epochs(), d.learningRate(), d.seed()));
        lines.addAll(TrainerProvider.find(d.trainer()).plan(d.base(spec.student()), trainingSpec(),
                Path.of("RUN_DIR").resolve(modelDir())));
        return lines;
    }

    private TrainingSpec trainingSpec() {
        PipelineSpec.Distill d = spec.distill();
        return new TrainingSpec(d.epochs(), d.learningRate(), d.seed(), d.options());
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        PipelineSpec.Distill d = spec.distill();
        Trainer trainer = TrainerProvider.find(d.trainer());
        Path dataset = ctx.run().file(arm.folder() + BuildStage.OUTPUT);
        if (BuildStage.read(dataset).isEmpty()) {
            throw new IllegalArgumentException("no examples to fine-tune " + arm.name() + " on: " + dataset + " is empty ("
                    + ctx.run().file(arm.folder() + BuildStage.SUMMARY) + " says why; a student that answers nothing"
                    + " correctly leaves no trace to learn from)");
        }
        TrainingJob job = new TrainingJob(arm.name(), d.base(spec.student()), dataset,
                trainingSpec(), ctx.run().file(modelDir()).toAbsolutePath().normalize());
        PhaseListener.Tracker[] tracker = new PhaseListener.Tracker[1];
        TrainedModel model;
        try {
            model = trainer.train(job, new TrainingListener() {
                @Override
                public void started(long totalSteps, long doneSteps) {
                    tracker[0] = ctx.listener().start("distill " + arm.name(), totalSteps, doneSteps, "optimizer steps");
                }

                @Override
                public void step(long step, double loss, double tokensPerSecond) {
                    // a hosted job may report a step without its loss (Together's step counter) or speed
                    List<String> parts = new java.util.ArrayList<>();
                    if (!Double.isNaN(loss)) {
                        parts.add(String.format(Locale.ROOT, "loss %.3f", loss));
                    }
                    if (tokensPerSecond > 0) {
                        parts.add(String.format(Locale.ROOT, "%,.0f tok/s", tokensPerSecond));
                    }
                    tracker[0].step(String.join(" | ", parts));
                }

                @Override
                public void note(String line) {
                    ctx.listener().note(line);
                }
            });
        } finally {
            if (tracker[0] != null) {
                tracker[0].close();
            }
        }
        Map<String, Object> reference = new LinkedHashMap<>();
        reference.put("endpoint", model.endpoint());
        reference.put("trainer", trainer.name());
        reference.put("record", model.record());
        ctx.run().writeJson(arm.folder() + MODEL, reference);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("trained", model.trained() ? 1L : 0L);
        Object steps = model.record().get("config") instanceof Map<?, ?> config ? config.get("steps") : null;
        if (steps instanceof Number n) {
            counts.put("steps", n.longValue());
        }
        return counts;
    }

    /** The endpoint of the arm's trained model, as its distill phase recorded it. */
    static String endpoint(RunContext ctx, PipelineSpec.Arm arm) {
        Path file = ctx.run().file(arm.folder() + MODEL);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("arm " + arm.name() + " has no trained model yet (" + file
                    + " is missing): run its distill stage first");
        }
        try {
            return JsonCodec.MAPPER.readTree(file.toFile()).get("endpoint").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
