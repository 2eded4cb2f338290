package drp.llm.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import drp.core.io.JsonCodec;
import drp.core.run.ContentHash;
import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import drp.core.sft.export.LlamaFactoryExport;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fine-tunes with LLaMA-Factory: writes the dataset ({@code data/}: the SFT examples in
 * LLaMA-Factory's ShareGPT format with its {@code dataset_info.json} entry, by {@link LlamaFactoryExport}), the training YAML (the paper's recipe by
 * default: LoRA on all linear layers, learning rate from the spec, 3 epochs, cosine, warm-up 0.1,
 * cutoff 4096, bf16), and for LoRA the merge YAML; runs {@code llamafactory-cli train} then
 * {@code llamafactory-cli export} as subprocesses; follows {@code trainer_log.jsonl} for progress;
 * and returns the merged model with the command that serves it with vLLM.
 *
 * <p>Options ({@link TrainingSpec#options()}): every LLaMA-Factory key (checked against
 * {@link EngineKeys#LLAMA_FACTORY}: a misspelt key is an error), overriding drp's defaults; and drp's own:
 * {@code command} (default {@code llamafactory-cli}), {@code nproc_per_node}, {@code nnodes},
 * {@code node_rank}, {@code master_addr}, {@code master_port}, {@code force_torchrun} (the
 * launcher's environment for several GPUs and nodes), {@code serve_port} (default 8000) and
 * {@code served_model_name} (the name eval asks the vLLM server for).
 *
 * <p>Resumable: a failed or killed run leaves its checkpoints in {@code adapter/}; the same job
 * runs again and LLaMA-Factory resumes from the last checkpoint. A job whose output holds a model
 * made from another dataset or configuration is refused.
 */
public final class LlamaFactoryTrainer implements Trainer {

    public static final String NAME = "llamafactory";

    /** drp's own options: they go to the launcher's environment or the result, not to the YAML. */
    static final Set<String> OWN = Set.of("command", "nproc_per_node", "nnodes", "node_rank", "master_addr",
            "master_port", "force_torchrun", "serve_port", "served_model_name");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final ProcessRunner runner;

    public LlamaFactoryTrainer() {
        this(new ProcessRunner());
    }

    LlamaFactoryTrainer(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The files of a job, in its output folder. */
    record Layout(Path root) {
        Path data() {
            return root.resolve("data");
        }

        Path trainYaml() {
            return root.resolve("train.yaml");
        }

        Path mergeYaml() {
            return root.resolve("merge.yaml");
        }

        Path adapter() {
            return root.resolve("adapter");
        }

        Path merged() {
            return root.resolve("merged");
        }

        Path trainerLog() {
            return adapter().resolve("trainer_log.jsonl");
        }

        Path job() {
            return root.resolve("job.json");
        }

        Path log() {
            return root.resolve("llamafactory.log");
        }
    }

    /** The training YAML's keys: the paper's recipe, the spec, then the pipeline's overrides. */
    static Map<String, Object> trainConfig(TrainingJob job, Layout layout, String baseModel) {
        TrainingSpec spec = job.spec();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model_name_or_path", baseModel);
        c.put("trust_remote_code", true);
        c.put("stage", "sft");
        c.put("do_train", true);
        c.put("finetuning_type", "lora");
        c.put("lora_rank", 8);
        c.put("lora_target", "all");
        c.put("dataset", DATASET);
        c.put("dataset_dir", layout.data().toString());
        c.put("template", template(baseModel));
        c.put("cutoff_len", 4096);
        // the deepseekr1 template is a reasoning template: this keeps the thinking in the loss
        c.put("enable_thinking", true);
        c.put("overwrite_cache", true);
        c.put("preprocessing_num_workers", 16);
        c.put("output_dir", layout.adapter().toString());
        c.put("logging_steps", 1);
        c.put("save_steps", 200);
        c.put("plot_loss", true);
        c.put("report_to", "none");
        c.put("per_device_train_batch_size", 1);
        c.put("gradient_accumulation_steps", 8);
        c.put("learning_rate", spec.learningRate());
        c.put("num_train_epochs", spec.epochs());
        c.put("lr_scheduler_type", "cosine");
        c.put("warmup_ratio", 0.1);
        c.put("bf16", true);
        c.put("ddp_timeout", 180000000);
        c.put("seed", spec.seed());
        spec.options().forEach((k, v) -> {
            if (!OWN.contains(k)) {
                c.put(k, v);
            }
        });
        if (c.get("template") == null) {
            throw new IllegalArgumentException("distill.options.template: name LLaMA-Factory's chat template for "
                    + baseModel + " (deepseekr1 for DeepSeek-R1-Distill models, qwen, llama3, ...)");
        }
        EngineKeys.LLAMA_FACTORY.check(c.keySet(), "the LLaMA-Factory training configuration");
        return c;
    }

    /** The merge YAML's keys ({@code llamafactory-cli export}): base + adapter -> merged model. */
    static Map<String, Object> mergeConfig(Map<String, Object> train, Layout layout) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("model_name_or_path", train.get("model_name_or_path"));
        c.put("adapter_name_or_path", layout.adapter().toString());
        c.put("template", train.get("template"));
        c.put("trust_remote_code", true);
        c.put("export_dir", layout.merged().toString());
        c.put("export_size", 5);
        c.put("export_device", "cpu");
        c.put("export_legacy_format", false);
        EngineKeys.LLAMA_FACTORY.check(c.keySet(), "the LLaMA-Factory merge configuration");
        return c;
    }

    /** The dataset name in dataset_info.json. */
    static final String DATASET = "drp_sft";

    private static String template(String baseModel) {
        String lower = baseModel.toLowerCase(Locale.ROOT);
        return lower.contains("deepseek-r1-distill") ? "deepseekr1" : null;
    }

    @Override
    public void check(String baseModel, TrainingSpec spec) {
        Layout layout = new Layout(Path.of("check"));
        TrainingJob job = new TrainingJob("check", baseModel, Path.of("sft.jsonl"), spec, layout.root());
        Map<String, Object> train = trainConfig(job, layout, baseModel);
        if ("lora".equals(train.get("finetuning_type"))) {
            mergeConfig(train, layout);
        }
    }

    @Override
    public List<String> plan(String baseModel, TrainingSpec spec, Path output) {
        Layout layout = new Layout(output);
        TrainingJob job = new TrainingJob("plan", baseModel, output.resolve("sft.jsonl"), spec, output);
        Map<String, Object> train = trainConfig(job, layout, baseModel);
        List<String> lines = new ArrayList<>();
        try {
            lines.add("writes " + layout.data() + "/" + DATASET + ".jsonl and dataset_info.json, then "
                    + layout.trainYaml() + ":");
            YAML.writeValueAsString(train).lines().forEach(l -> lines.add("    " + l));
            Map<String, String> env = environment(spec);
            lines.add("runs: " + env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + " ")
                    .reduce("", String::concat) + command(job) + " train " + layout.trainYaml()
                    + "  (progress from " + layout.trainerLog() + ")");
            if ("lora".equals(train.get("finetuning_type"))) {
                lines.add("then " + layout.mergeYaml() + ":");
                YAML.writeValueAsString(mergeConfig(train, layout)).lines().forEach(l -> lines.add("    " + l));
                lines.add("runs: " + command(job) + " export " + layout.mergeYaml());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    @Override
    public TrainedModel train(TrainingJob job, TrainingListener listener) {
        List<SftExample> examples = BuildStage.read(job.dataset());
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples in " + job.dataset() + ": nothing to fine-tune "
                    + job.name() + " on");
        }
        Layout layout = new Layout(job.output());
        String baseModel = job.baseModel();
        Map<String, Object> train = trainConfig(job, layout, baseModel);
        boolean lora = "lora".equals(train.get("finetuning_type"));
        Map<String, Object> merge = lora ? mergeConfig(train, layout) : null;
        String hash = ContentHash.of(JsonCodec.line(examples) + "\u0000" + JsonCodec.line(train));
        Path modelDir = lora ? layout.merged() : layout.adapter();
        try {
            if (Files.isRegularFile(layout.job())) {
                JsonNode earlier = JsonCodec.MAPPER.readTree(layout.job().toFile());
                if (!hash.equals(earlier.path("sha256").asText())) {
                    throw new IllegalArgumentException(job.output() + " holds a LLaMA-Factory job made from other data or"
                            + " settings; delete it (or use another run directory) to train again");
                }
                if (Files.isRegularFile(modelDir.resolve("config.json"))) {
                    listener.note(job.name() + ": already fine-tuned by LLaMA-Factory, " + modelDir);
                    return result(job, layout, modelDir, train, false);
                }
                listener.note(job.name() + ": resuming the LLaMA-Factory job in " + job.output());
            }
            Files.createDirectories(layout.data());
            LlamaFactoryExport.write(examples, layout.data(), DATASET);
            Files.writeString(layout.trainYaml(), YAML.writeValueAsString(train), StandardCharsets.UTF_8);
            if (merge != null) {
                Files.writeString(layout.mergeYaml(), YAML.writeValueAsString(merge), StandardCharsets.UTF_8);
            }
            Files.writeString(layout.job(), JsonCodec.pretty(Map.of("sha256", hash, "name", job.name(),
                    "base_model", baseModel, "examples", examples.size())), StandardCharsets.UTF_8);

            TrainerLog log = new TrainerLog(layout.trainerLog());
            runner.run(List.of(command(job), "train", layout.trainYaml().toString()), environment(job.spec()),
                    layout.log(), () -> log.poll(listener), "LLaMA-Factory training (rerun to resume from its last"
                            + " checkpoint in " + layout.adapter() + ")");
            log.poll(listener);
            if (merge != null) {
                listener.note(job.name() + ": merging the LoRA adapter into the base model");
                runner.run(List.of(command(job), "export", layout.mergeYaml().toString()), Map.of(), layout.log(),
                        () -> { }, "merging the LoRA adapter (llamafactory-cli export)");
            }
            if (!Files.isRegularFile(modelDir.resolve("config.json"))) {
                throw new IllegalStateException("LLaMA-Factory ended without a model in " + modelDir + " (no config.json);"
                        + " see " + layout.log());
            }
            return result(job, layout, modelDir, train, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write or read the LLaMA-Factory job in " + job.output() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String command(TrainingJob job) {
        Object command = job.spec().options().get("command");
        return command == null ? "llamafactory-cli" : command.toString();
    }

    /** The launcher's environment: several GPUs and nodes, as LLaMA-Factory's launcher reads them. */
    static Map<String, String> environment(TrainingSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> names = Map.of("nproc_per_node", "NPROC_PER_NODE", "nnodes", "NNODES", "node_rank", "NODE_RANK",
                "master_addr", "MASTER_ADDR", "master_port", "MASTER_PORT");
        names.forEach((option, variable) -> {
            Object value = spec.options().get(option);
            if (value != null) {
                env.put(variable, value.toString());
            }
        });
        Object force = spec.options().get("force_torchrun");
        if (Boolean.TRUE.equals(force) || (force == null && spec.options().containsKey("nnodes"))) {
            env.put("FORCE_TORCHRUN", "1");
        }
        return env;
    }

    private static TrainedModel result(TrainingJob job, Layout layout, Path modelDir, Map<String, Object> train,
                                       boolean trained) throws IOException {
        Object port = job.spec().options().getOrDefault("serve_port", 8000);
        Object served = job.spec().options().getOrDefault("served_model_name", "drp-" + job.name());
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("model_dir", modelDir.toString());
        record.put("serve_command", "vllm serve " + modelDir + " --served-model-name " + served + " --port " + port);
        record.put("train_yaml", layout.trainYaml().toString());
        record.put("config", Map.of("steps", lastSteps(layout), "learning_rate", train.get("learning_rate"),
                "num_train_epochs", train.get("num_train_epochs")));
        record.put("log", layout.log().toString());
        return new TrainedModel("openai:http://127.0.0.1:" + port + "/v1#" + served, trained, record);
    }

    private static long lastSteps(Layout layout) throws IOException {
        if (!Files.isRegularFile(layout.trainerLog())) {
            return 0;
        }
        List<String> lines = Files.readAllLines(layout.trainerLog());
        for (int i = lines.size() - 1; i >= 0; i--) {
            try {
                JsonNode node = JsonCodec.MAPPER.readTree(lines.get(i));
                if (node.has("total_steps")) {
                    return node.get("total_steps").asLong();
                }
            } catch (IOException e) {
                // a torn last line: look at the one before
            }
        }
        return 0;
    }
}
