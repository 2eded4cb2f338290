package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import drp.core.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drp run} with the TRL trainer against a stand-in {@code accelerate} (a script that reads
 * drp's trl.yaml and the rendered prompt/completion data, prints a Trainer's progress bar and logged
 * losses, checkpoints and resumes): progress, the model reference, a crash and the resume after it.
 */
class TrlDistillTest {

    @TempDir
    Path dir;

    private String qwen2;
    private String r1;

    @BeforeEach
    void needs() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the stand-in accelerate is a bash script");
        qwen2 = SharedData.require("tokenizers/qwen2").toString();
        r1 = SharedData.require("tokenizers/deepseek-r1-distill-qwen").toString();
    }

    private Path engine(String name) throws IOException {
        Path script = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/fake-engines/accelerate")) {
            Files.copy(in, script);
        }
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script;
    }

    private CliRun run(Path run, Path engine) {
        return CliRun.of("run", RunCommandTest.DEMO, "--profile", "quick", "--until", "distill",
                "--set", "tokenizer=" + qwen2, "--set", "build.chat_template=" + r1, "--set", "build.cutoff=1024",
                "--set", "distill.trainer=trl", "--set", "distill.base_model=deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
                "--set", "distill.learning_rate=3.0e-5", "--set", "distill.epochs=3",
                "--set", "distill.options={command: " + engine + ", num_processes: 8, serve_port: 8012}",
                "--out", run.toString());
    }

    @Test
    void trainsThroughTrlAndEndsWithTheAdapterAndItsServeCommand() throws IOException {
        Path run = dir.resolve("run");
        CliRun r = run(run, engine("accelerate"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("distill drp: 4 optimizer steps");
        assertThat(Files.readString(run.resolve("drp.log"))).contains("distill drp 4/4 (100%)", "loss 0.400");
        String yaml = Files.readString(run.resolve("models/drp/trl.yaml"));
        assertThat(yaml).contains("model_name_or_path: deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "use_peft: true",
                "completion_only_loss: true", "max_length: 4096", "learning_rate: 3.0E-5", "lr_scheduler_type: cosine")
                .doesNotContain("command:", "num_processes", "serve_port");
        assertThat(Files.readString(run.resolve("models/drp/data/train.jsonl")))
                .isEqualTo(Files.readString(run.resolve("sft/trl/train.jsonl")));
        JsonNode model = JsonCodec.MAPPER.readTree(run.resolve("model.json").toFile());
        assertThat(model.get("endpoint").asText()).isEqualTo("openai:http://127.0.0.1:8012/v1#drp-drp");
        assertThat(model.at("/record/serve_command").asText()).startsWith("vllm serve deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"
                + " --enable-lora --lora-modules drp-drp=");
    }

    @Test
    void aCrashIsAClearErrorAndTheRerunResumesFromTheLastCheckpoint() throws IOException {
        Path run = dir.resolve("run");
        Path engine = engine("accelerate-crash-once");
        CliRun crashed = run(run, engine);
        assertThat(crashed.exitCode()).isEqualTo(1);
        assertThat(crashed.err()).contains("TRL training", "exited with code 1", "CUDA out of memory",
                "rerun to resume from its last checkpoint");
        CliRun resumed = run(run, engine);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming the TRL job from its last checkpoint");
        assertThat(Files.readString(run.resolve("models/drp/trl.log"))).contains("Resuming training from checkpoint-2");
        assertThat(run.resolve("models/drp/adapter/adapter_config.json")).isNotEmptyFile();
    }
}
