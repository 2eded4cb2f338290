package drp.core.sft.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import drp.core.sft.RenderedExample;
import drp.core.sft.SftExample;
import drp.core.sft.SftSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftExportsTest {

    @TempDir
    Path dir;

    private static SftExample example(String id, String question, String reply) {
        return new SftExample(id, SftExample.PRUNED, List.of(new SftExample.Message("user", question),
                new SftExample.Message("assistant", reply)), 10);
    }

    private static RenderedExample rendered(SftExample e) {
        return new RenderedExample(e.id(), "<BOS><User>" + e.question() + "<Assistant><think>\n",
                e.assistant().substring("<think>\n".length()) + "<EOS>", 5, 9);
    }

    @Test
    void llamaFactoryWritesShareGptAndKeepsOtherDatasetInfoEntries() throws Exception {
        Files.writeString(dir.resolve("dataset_info.json"), "{\"other\": {\"file_name\": \"o.json\"}}");
        SftExample withSystem = new SftExample("s", SftExample.PRUNED, List.of(new SftExample.Message("system", "Be brief."),
                new SftExample.Message("user", "Q"), new SftExample.Message("assistant", "<think>\nR\n</think>\n\nA")), 3);
        Path data = LlamaFactoryExport.write(List.of(example("a", "Q1", "<think>\nR1\n</think>\n\nA1"), withSystem), dir, "drp_sft");
        assertThat(data).isEqualTo(dir.resolve("drp_sft.jsonl"));
        List<String> lines = Files.readAllLines(data);
        assertThat(lines.get(0)).isEqualTo("{\"conversations\":[{\"from\":\"human\",\"value\":\"Q1\"},"
                + "{\"from\":\"gpt\",\"value\":\"<think>\\nR1\\n</think>\\n\\nA1\"}]}");
        assertThat(lines.get(1)).startsWith("{\"conversations\":[{\"from\":\"system\",\"value\":\"Be brief.\"},");
        JsonNode info = JsonCodec.MAPPER.readTree(dir.resolve("dataset_info.json").toFile());
        assertThat(info.path("other").path("file_name").asText()).isEqualTo("o.json");
        JsonNode entry = info.path("drp_sft");
        assertThat(entry.path("file_name").asText()).isEqualTo("drp_sft.jsonl");
        assertThat(entry.path("formatting").asText()).isEqualTo("sharegpt");
        assertThat(entry.path("columns").path("messages").asText()).isEqualTo("conversations");
        assertThat(entry.path("tags").path("role_tag").asText()).isEqualTo("from");
        assertThat(entry.path("tags").path("content_tag").asText()).isEqualTo("value");
        assertThat(entry.path("tags").path("user_tag").asText()).isEqualTo("human");
        assertThat(entry.path("tags").path("assistant_tag").asText()).isEqualTo("gpt");
        assertThatThrownBy(() -> LlamaFactoryExport.write(List.of(), dir, "a b")).hasMessageContaining("dataset name");
    }

    @Test
    void everyExportIsWrittenWithAReadmeAndTheSplitGoesToEachOfThem() throws Exception {
        List<SftExample> all = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            for (int s = 0; s < 2; s++) {
                all.add(example("p" + p + "#" + s, "Q" + p, "<think>\nR" + p + s + "\n</think>\n\nA" + p));
            }
        }
        SftSplit split = SftSplit.of(all, 0.2, 7);
        List<RenderedExample> rendered = all.stream().map(SftExportsTest::rendered).toList();
        var written = SftExports.writeAll(dir, split, rendered,
                new SftExports.Notes("drp_sft", "tpl", true, 4096, "qwen2"));
        assertThat(written).containsOnlyKeys("openai", "trl", "llamafactory", "rendered");
        for (Path folder : written.values()) {
            assertThat(folder.resolve("README.md")).exists();
        }
        assertThat(Files.readString(dir.resolve("openai/README.md"))).contains("removes everything up to `</think>`");
        assertThat(ChatMessagesExport.read(dir.resolve("openai/train.jsonl"))).hasSize(16);
        assertThat(ChatMessagesExport.read(dir.resolve("openai/validation.jsonl"))).hasSize(4);
        assertThat(Files.readAllLines(dir.resolve("trl/train.jsonl")).getFirst())
                .startsWith("{\"prompt\":\"<BOS><User>Q").contains("\"completion\":\"R");
        assertThat(dir.resolve("llamafactory/drp_sft.jsonl")).exists();
        assertThat(dir.resolve("llamafactory/drp_sft_validation.jsonl")).exists();
        assertThat(Files.readString(dir.resolve("llamafactory/dataset_info.json"))).contains("drp_sft_validation");
        List<RenderedExample> back = RenderedTextExport.read(dir.resolve("rendered/train.jsonl"));
        assertThat(back).hasSize(16);
        assertThat(back.getFirst().promptTokens()).isEqualTo(5);
        assertThat(Files.readString(dir.resolve("rendered/train.txt")))
                .contains("<Assistant><think>\n" + RenderedTextExport.LOSS_START + "R");
    }

    @Test
    void theSplitIsSeededByProblemAndIndependentOfOrder() {
        List<SftExample> all = new ArrayList<>();
        for (int p = 0; p < 50; p++) {
            all.add(example("p" + p + "#0", "Q" + p, "<think>\nR\n</think>\n\nA"));
            all.add(example("p" + p + "#1", "Q" + p, "<think>\nS\n</think>\n\nA"));
        }
        SftSplit a = SftSplit.of(all, 0.1, 1);
        assertThat(a.validation()).hasSize(10);
        assertThat(a.train()).hasSize(90);
        // both traces of a held-out problem are held out
        assertThat(a.validation().stream().map(e -> e.id().substring(0, e.id().indexOf('#'))).distinct()).hasSize(5);
        List<SftExample> reversed = new ArrayList<>(all.reversed());
        assertThat(SftSplit.of(reversed, 0.1, 1).validation()).containsExactlyInAnyOrderElementsOf(a.validation());
        assertThat(SftSplit.of(all, 0.1, 2).validation()).isNotEqualTo(a.validation());
        assertThat(SftSplit.of(all, 0, 1).validation()).isEmpty();
    }
}
