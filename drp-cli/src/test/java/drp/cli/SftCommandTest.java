package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** drp prune on the real R1 traces, then drp sft build through the real R1-Distill template, then drp sft show. */
class SftCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void buildWritesEveryExportAndASummaryThatAccountsForEveryTrace() throws Exception {
        Path traces = SharedData.r1Traces();
        String qwen2 = SharedData.require("tokenizers/qwen2").toString();
        String r1 = SharedData.require("tokenizers/deepseek-r1-distill-qwen").toString();
        Path run = tmp.resolve("run");
        CliRun prune = CliRun.of("prune", "--in", traces.toString(), "--out", run.toString(), "--tokenizer", qwen2);
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        Path sft = tmp.resolve("sft");
        CliRun build = CliRun.of("sft", "build", "--in", run.resolve("pruned.jsonl").toString(), "--tokenizer", qwen2,
                "--chat-template", r1, "--out", sft.toString(), "--cutoff", "2048");
        assertThat(build.exitCode()).as(build.err()).isZero();
        assertThat(build.out()).contains("removes the reasoning from assistant turns");

        JsonNode summary = JSON.readTree(sft.resolve("summary.json").toFile());
        int read = summary.path("read").asInt();
        int dropped = 0;
        for (JsonNode n : summary.path("dropped")) {
            dropped += n.asInt();
        }
        assertThat(read).isEqualTo(Files.readAllLines(run.resolve("pruned.jsonl")).size());
        assertThat(summary.path("written").asInt() + dropped).isEqualTo(read);
        assertThat(summary.path("dropped").path("over_cutoff").asInt()).isPositive();
        assertThat(summary.path("train").asInt() + summary.path("validation").asInt()).isEqualTo(summary.path("written").asInt());
        assertThat(summary.path("longest").asInt()).isLessThanOrEqualTo(2048);
        assertThat(summary.path("template").path("strips_reasoning").asBoolean()).isTrue();

        for (String f : List.of("sft.jsonl", "openai/train.jsonl", "openai/README.md", "trl/train.jsonl", "trl/README.md",
                "llamafactory/drp_sft.jsonl", "llamafactory/dataset_info.json", "llamafactory/README.md",
                "rendered/train.jsonl", "rendered/train.txt", "rendered/README.md")) {
            assertThat(sft.resolve(f)).isNotEmptyFile();
        }
        JsonNode info = JSON.readTree(sft.resolve("llamafactory/dataset_info.json").toFile());
        assertThat(info.path("drp_sft").path("file_name").asText()).isEqualTo("drp_sft.jsonl");
        assertThat(sft.resolve("llamafactory").resolve(info.path("drp_sft").path("file_name").asText())).exists();
        // the TRL completion carries the reasoning and ends with eos; the prompt ends with the prefill
        JsonNode trl = JSON.readTree(Files.readAllLines(sft.resolve("trl/train.jsonl")).getFirst());
        assertThat(trl.path("prompt").asText()).endsWith("<｜Assistant｜><think>\n");
        assertThat(trl.path("completion").asText()).contains("\n</think>\n\n").endsWith("<｜end▁of▁sentence｜>");
        // rendered lines are exactly as long as the cutoff allows
        for (String line : Files.readAllLines(sft.resolve("rendered/train.jsonl"))) {
            JsonNode r = JSON.readTree(line);
            assertThat(r.path("prompt_tokens").asInt() + r.path("completion_tokens").asInt()).isLessThanOrEqualTo(2048);
        }

        CliRun show = CliRun.of("sft", "show", sft.toString(), "--limit", "1");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).startsWith("### ").contains("<｜Assistant｜><think>\n⟦loss⟧").contains("<｜end▁of▁sentence｜>⟦/loss⟧");
    }

    @Test
    void aTemplateDrpCannotRenderFaithfullyIsAnErrorThatSaysWhy() throws Exception {
        String qwen2 = SharedData.require("tokenizers/qwen2").toString();
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("pruned.jsonl"), "");
        Path template = tmp.resolve("bare.jinja");
        Files.writeString(template, "{% for m in messages %}{{ m['content'] }}{% endfor %}");
        CliRun build = CliRun.of("sft", "build", "--in", run.resolve("pruned.jsonl").toString(), "--tokenizer", qwen2,
                "--chat-template", template.toString(), "--eos", "x", "--out", tmp.resolve("sft").toString());
        assertThat(build.exitCode()).isNotZero();
        assertThat(build.err()).contains("does not append a generation prompt");
    }
}
