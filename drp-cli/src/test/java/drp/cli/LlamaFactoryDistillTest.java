package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drp run} with the LLaMA-Factory trainer against a stand-in {@code llamafactory-cli} (a
 * script that reads drp's YAML, writes trainer_log.jsonl lines as LLaMA-Factory does, checkpoints,
 * resumes, and merges): progress, the model reference, a crash midway and the resume after it.
 */
class LlamaFactoryDistillTest {

    @TempDir
    Path dir;

    private Path pipeline(String command) throws IOException {
        return Files.writeString(dir.resolve("pipeline.yaml"), """
                name: lf
                student: tiny:base
                answer_format: the_answer_is
                checker: basic
                sample: {dataset: tiny-world:train, limit: 12, seeds: [7], temperature: 0.6, max_tokens: 448}
                distill:
                  trainer: llamafactory
                  base_model: deepseek-ai/DeepSeek-R1-Distill-Qwen-7B
                  learning_rate: 3.0e-5
                  epochs: 3
                  options: {command: %s, lora_rank: 16, serve_port: 8011}
                eval: {benchmarks: [tiny-world:test], limit: 4}
                """.formatted(command));
    }

    private Path engine(String name) throws IOException {
        Path script = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/fake-engines/llamafactory-cli")) {
            Files.copy(in, script);
        }
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script;
    }

    @BeforeEach
    void needsBash() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")),
                "the stand-in llamafactory-cli is a bash script; no /bin/bash here");
    }

    @Test
    void trainsThroughLlamaFactoryShowsProgressAndEndsWithTheModelReference() throws IOException {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("run", pipeline(engine("llamafactory-cli").toString()).toString(), "--until", "distill",
                "--out", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("distill drp: 6 optimizer steps");
        assertThat(Files.readString(run.resolve("drp.log"))).contains("distill drp 6/6 (100%)", "loss 0.333");

        JsonNode model = JsonCodec.MAPPER.readTree(run.resolve("model.json").toFile());
        assertThat(model.get("endpoint").asText()).isEqualTo("openai:http://127.0.0.1:8011/v1#drp-drp");
        assertThat(model.at("/record/serve_command").asText())
                .isEqualTo("vllm serve " + run.resolve("models/drp/merged").toAbsolutePath() + " --served-model-name drp-drp"
                        + " --port 8011");
        assertThat(run.resolve("models/drp/merged/config.json")).isNotEmptyFile();

        String yaml = Files.readString(run.resolve("models/drp/train.yaml"));
        assertThat(yaml).contains("model_name_or_path: deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "template: deepseekr1",
                "finetuning_type: lora", "lora_target: all", "lora_rank: 16", "learning_rate: 3.0E-5", "num_train_epochs: 3.0",
                "lr_scheduler_type: cosine", "warmup_ratio: 0.1", "cutoff_len: 4096", "bf16: true", "dataset: drp_sft")
                .doesNotContain("command:", "serve_port");
        assertThat(Files.readString(run.resolve("models/drp/merge.yaml"))).contains("adapter_name_or_path: ",
                "export_dir: ");
        JsonNode info = JsonCodec.MAPPER.readTree(run.resolve("models/drp/data/dataset_info.json").toFile());
        assertThat(info.at("/drp_sft/formatting").asText()).isEqualTo("sharegpt");
        assertThat(info.at("/drp_sft/columns/messages").asText()).isEqualTo("conversations");
        List<String> rows = Files.readAllLines(run.resolve("models/drp/data/drp_sft.jsonl"));
        assertThat(rows).hasSize(Files.readAllLines(run.resolve("sft.jsonl")).size());
        assertThat(JsonCodec.MAPPER.readTree(rows.getFirst()).at("/conversations/1/value").asText()).startsWith("<think>\n");

        CliRun again = CliRun.of("run", dir.resolve("pipeline.yaml").toString(), "--until", "distill", "--out", run.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("already fine-tuned by LLaMA-Factory");
    }

    @Test
    void aCrashMidwayIsAClearErrorAndTheRerunResumesFromTheLastCheckpoint() throws IOException {
        Path run = dir.resolve("run");
        Path pipeline = pipeline(engine("llamafactory-cli-crash-once").toString());
        CliRun crashed = CliRun.of("run", pipeline.toString(), "--until", "distill", "--out", run.toString());
        assertThat(crashed.exitCode()).isEqualTo(1);
        assertThat(crashed.err()).contains("LLaMA-Factory training", "exited with code 1",
                "torch.OutOfMemoryError: CUDA out of memory", "rerun to resume from its last checkpoint");
        assertThat(run.resolve("models/drp/adapter/checkpoint-3")).isDirectory();

        CliRun resumed = CliRun.of("run", pipeline.toString(), "--until", "distill", "--out", run.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming the LLaMA-Factory job");
        assertThat(Files.readString(run.resolve("models/drp/llamafactory.log"))).contains("Resuming training from checkpoint-3");
        assertThat(run.resolve("models/drp/merged/config.json")).isNotEmptyFile();
    }

    @Test
    void aMisspeltLlamaFactoryKeyFailsBeforeAnythingRuns() throws IOException {
        Path pipeline = Files.writeString(dir.resolve("typo.yaml"), Files.readString(pipeline("llamafactory-cli"))
                .replace("lora_rank: 16", "lora_rnak: 16"));
        Path run = dir.resolve("typo");
        CliRun r = CliRun.of("run", pipeline.toString(), "--out", run.toString(), "--until", "distill");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("LLaMA-Factory 0.9.6.dev0 (ff6d4d12e) has no key lora_rnak");
    }
}
