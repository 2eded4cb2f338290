package drp.llm.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import drp.core.io.JsonCodec;
import drp.core.run.ContentHash;
import drp.core.train.TrainedModel;
import drp.core.train.Trainer;
import drp.core.train.TrainingJob;
import drp.core.train.TrainingListener;
import drp.core.train.TrainingSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Fine-tunes with TRL's {@code sft} command under {@code accelerate launch}: copies the build
 * stage's TRL export (prompt/completion text already rendered through the student's chat template,
 * so TRL's own template cannot strip the reasoning; the pipeline needs {@code build.chat_template})
 * into {@code data/}, writes {@code trl.yaml} (LoRA on all linear layers, the completion alone in
 * the loss, {@code max_length} the build's cutoff, the spec's epochs, rate and seed, cosine with
 * warm-up 0.1, bf16), launches {@code accelerate launch -m trl.scripts.sft --config trl.yaml},
 * follows the trainer's output for steps and loss, and returns the adapter with the vLLM command
 * that serves it.
 *
 * <p>Options: every TRL key (checked against {@link EngineKeys#TRL}), overriding drp's defaults;
 * and drp's own: {@code command} (default {@code accelerate}), {@code num_processes},
 * {@code num_machines}, {@code machine_rank}, {@code main_process_ip}, {@code main_process_port},
 * {@code accelerate_config} (accelerate's config file: DeepSpeed, FSDP), {@code serve_port},
 * {@code served_model_name}. A rerun after a crash resumes from the last checkpoint.
 */
public final class TrlTrainer implements Trainer {

    public static final String NAME = "trl";

    static final Set<String> OWN = Set.of("command", "num_processes", "num_machines", "machine_rank",
            "main_process_ip", "main_process_port", "accelerate_config", "serve_port", "served_model_name");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final ProcessRunner runner;

    public TrlTrainer() {
        this(new ProcessRunner());
    }

    TrlTrainer(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The TRL export the build stage writes beside sft.jsonl (with a chat template). */
    static Path export(Path dataset) {
        return dataset.resolveSibling("sft").resolve("trl");
    }

    static Map<String, Object> config(TrainingSpec spec, String baseModel, Path root) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model_name_or_path", baseModel);
        c.put("dtype", "bfloat16");
        c.put("use_peft", true);
        c.put("lora_r", 8);
        c.put("lora_alpha", 16);
        c.put("lora_target_modules", List.of("all-linear"));
        c.put("dataset_name", root.resolve("data").toString());
        c.put("dataset_train_split", "train");
        c.put("completion_only_loss", true);
        c.put("packing", false);
        c.put("max_length", 4096);
        c.put("output_dir", root.resolve("adapter").toString());
        c.put("num_train_epochs", spec.epochs());
        c.put("learning_rate", spec.learningRate());
        c.put("lr_scheduler_type", "cosine");
        c.put("warmup_ratio", 0.1);
        c.put("per_device_train_batch_size", 1);
        c.put("gradient_accumulation_steps", 8);
        c.put("bf16", true);
        c.put("logging_steps", 1);
        c.put("save_steps", 200);
        c.put("report_to", "none");
        c.put("seed", spec.seed());
        spec.options().forEach((k, v) -> {
            if (!OWN.contains(k)) {
                c.put(k, v);
            }
        });
        EngineKeys.TRL.check(c.keySet(), "the TRL sft configuration");
        return c;
    }

    /** {@code accelerate launch [ARGS] -m trl.scripts.sft --config FILE}. */
    static List<String> launch(TrainingSpec spec, Path config) {
        List<String> command = new ArrayList<>(List.of(String.valueOf(spec.options().getOrDefault("command",
                "accelerate")), "launch"));
        for (String option : List.of("num_processes", "num_machines", "machine_rank", "main_process_ip",
                "main_process_port")) {
            Object value = spec.options().get(option);
            if (value != null) {
                command.addAll(List.of("--" + option, value.toString()));
            }
        }
        Object accelerateConfig = spec.options().get("accelerate_config");
        if (accelerateConfig != null) {
            command.addAll(List.of("--config_file", accelerateConfig.toString()));
        }
        command.addAll(List.of("-m", "trl.scripts.sft", "--config", config.toString()));
        return command;
    }

    @Override
    public void check(String baseModel, TrainingSpec spec) {
        config(spec, baseModel, Path.of("check"));
    }

    @Override
    public List<String> plan(String baseModel, TrainingSpec spec, Path output) {
        Map<String, Object> c = config(spec, baseModel, output);
        List<String> lines = new ArrayList<>();
        lines.add("copies the build stage's TRL export (RUN_DIR/sft/trl) to " + output.resolve("data") + ", then "
                + output.resolve("trl.yaml") + ":");
        try {
            YAML.writeValueAsString(c).lines().forEach(l -> lines.add("    " + l));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.add("runs: " + String.join(" ", launch(spec, output.resolve("trl.yaml"))));
        return lines;
    }

    @Override
    public TrainedModel train(TrainingJob job, TrainingListener listener) {
        Path export = export(job.dataset());
        Path train = export.resolve("train.jsonl");
        if (!Files.isRegularFile(train)) {
            throw new IllegalArgumentException("the TRL trainer trains on prompt/completion text rendered through the"
                    + " student's chat template, and " + train + " does not exist: name the template in the pipeline"
                    + " file (build.chat_template)");
        }
        Path root = job.output();
        Map<String, Object> c = config(job.spec(), job.baseModel(), root);
        try {
            String hash = ContentHash.of(Files.readString(train) + "\u0000" + JsonCodec.line(c));
            Path state = root.resolve("job.json");
            Path adapter = root.resolve("adapter");
            if (Files.isRegularFile(state)) {
                JsonNode earlier = JsonCodec.MAPPER.readTree(state.toFile());
                if (!hash.equals(earlier.path("sha256").asText())) {
                    throw new IllegalArgumentException(root + " holds a TRL job made from other data or settings;"
                            + " delete it (or use another run directory) to train again");
                }
                if (Files.isRegularFile(adapter.resolve("adapter_config.json"))) {
                    listener.note(job.name() + ": already fine-tuned by TRL, " + adapter);
                    return result(job, adapter, false);
                }
                if (hasCheckpoint(adapter)) {
                    c.put("resume_from_checkpoint", true);
                    listener.note(job.name() + ": resuming the TRL job from its last checkpoint in " + adapter);
                }
            }
            Files.createDirectories(root.resolve("data"));
            Files.copy(train, root.resolve("data/train.jsonl"), StandardCopyOption.REPLACE_EXISTING);
            Path validation = export.resolve("validation.jsonl");
            if (Files.isRegularFile(validation)) {
                Files.copy(validation, root.resolve("data/validation.jsonl"), StandardCopyOption.REPLACE_EXISTING);
            }
            Path config = root.resolve("trl.yaml");
            Files.writeString(config, YAML.writeValueAsString(c), StandardCharsets.UTF_8);
            Files.writeString(state, JsonCodec.pretty(Map.of("sha256", hash, "name", job.name())), StandardCharsets.UTF_8);
            TrainerStdoutLog log = new TrainerStdoutLog(root.resolve("trl.log"));
            runner.run(launch(job.spec(), config), Map.of(), root.resolve("trl.log"), () -> log.poll(listener),
                    "TRL training (rerun to resume from its last checkpoint in " + adapter + ")");
            log.poll(listener);
            if (!Files.isRegularFile(adapter.resolve("adapter_config.json"))) {
                throw new IllegalStateException("TRL ended without an adapter in " + adapter + "; see "
                        + root.resolve("trl.log"));
            }
            return result(job, adapter, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write or read the TRL job in " + root + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasCheckpoint(Path adapter) throws IOException {
        if (!Files.isDirectory(adapter)) {
            return false;
        }
        try (Stream<Path> list = Files.list(adapter)) {
            return list.anyMatch(p -> p.getFileName().toString().startsWith("checkpoint-"));
        }
    }

    private static TrainedModel result(TrainingJob job, Path adapter, boolean trained) {
        Object port = job.spec().options().getOrDefault("serve_port", 8000);
        Object served = job.spec().options().getOrDefault("served_model_name", "drp-" + job.name());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("adapter_dir", adapter.toString());
        record.put("serve_command", "vllm serve " + job.baseModel() + " --enable-lora --lora-modules " + served + "="
                + adapter + " --port " + port);
        return new TrainedModel("openai:http://127.0.0.1:" + port + "/v1#" + served, trained, record);
    }
}
