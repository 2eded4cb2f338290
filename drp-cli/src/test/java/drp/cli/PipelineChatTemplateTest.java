package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline that names the student's chat template renders its examples with the same code as drp sft build. */
class PipelineChatTemplateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theBuildStageRendersThroughTheTemplateAndWritesEveryExport() throws Exception {
        String qwen2 = SharedData.require("tokenizers/qwen2").toString();
        String r1 = SharedData.require("tokenizers/deepseek-r1-distill-qwen").toString();
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("run", RunCommandTest.DEMO, "--profile", "quick", "--until", "build",
                "--set", "tokenizer=" + qwen2, "--set", "build.chat_template=" + r1, "--set", "build.cutoff=300",
                "--out", run.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode summary = JSON.readTree(run.resolve("sft.summary.json").toFile());
        int dropped = 0;
        for (JsonNode n : summary.path("dropped")) {
            dropped += n.asInt();
        }
        assertThat(summary.path("written").asInt() + dropped).isEqualTo(summary.path("read").asInt());
        assertThat(Files.readAllLines(run.resolve("sft.jsonl"))).hasSize(summary.path("written").asInt());
        assertThat(run.resolve("sft/trl/train.jsonl")).isNotEmptyFile();
        assertThat(run.resolve("sft/llamafactory/dataset_info.json")).isNotEmptyFile();
        JsonNode inner = JSON.readTree(run.resolve("sft/summary.json").toFile());
        assertThat(inner.path("written").asInt()).isEqualTo(summary.path("written").asInt());
        assertThat(inner.path("longest").asInt()).isLessThanOrEqualTo(300);
        assertThat(Files.readString(run.resolve("run.json"))).contains("\"chat_template\"");
    }
}
