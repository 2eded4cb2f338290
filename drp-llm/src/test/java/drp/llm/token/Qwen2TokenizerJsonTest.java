package drp.llm.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The assembled tokenizer.json against tokenizer.json files made independently from the same vocab. */
class Qwen2TokenizerJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void assemblesTheFixtureTokenizerJson() throws IOException {
        Path bpe = TokenizerDirs.fixture("tiny-qwen2-bpe");
        ObjectNode assembled = Qwen2TokenizerJson.assemble(bpe.resolve("vocab.json"), bpe.resolve("merges.txt"));
        JsonNode reference = JSON.readTree(TokenizerDirs.fixture("tiny-qwen2").resolve("tokenizer.json").toFile());
        assertSamePipelineAndModel(assembled, reference);
        assertThat(assembled.at("/model/vocab").size()).isEqualTo(556);
        assertThat(assembled.at("/model/merges").get(0).toString()).isEqualTo("[\"Ġ\",\"Ġ\"]");
    }

    @Test
    void assemblesTheSharedQwen2TokenizerJson() throws IOException {
        Path qwen2 = SharedData.qwen2Tokenizer();
        ObjectNode assembled = Qwen2TokenizerJson.assemble(qwen2.resolve("vocab.json"), qwen2.resolve("merges.txt"));
        JsonNode reference = JSON.readTree(qwen2.resolve("tokenizer.json").toFile());
        assertSamePipelineAndModel(assembled, reference);
        assertThat(assembled.at("/model/vocab").size()).isEqualTo(151_643);
        assertThat(assembled.at("/model/merges").size()).isEqualTo(151_387);
    }

    private static void assertSamePipelineAndModel(JsonNode assembled, JsonNode reference) {
        assertThat(assembled.get("normalizer")).isEqualTo(reference.get("normalizer"));
        assertThat(assembled.at("/pre_tokenizer/pretokenizers/0")).isEqualTo(reference.at("/pre_tokenizer/pretokenizers/0"));
        assertThat(assembled.at("/pre_tokenizer/pretokenizers/1/type").asText()).isEqualTo("ByteLevel");
        assertThat(assembled.at("/pre_tokenizer/pretokenizers/1/use_regex").asBoolean()).isFalse();
        assertThat(assembled.at("/pre_tokenizer/pretokenizers/1/add_prefix_space").asBoolean()).isFalse();
        assertThat(assembled.at("/decoder/type").asText()).isEqualTo("ByteLevel");
        JsonNode model = assembled.get("model");
        JsonNode referenceModel = reference.get("model");
        for (String field : new String[] {"type", "unk_token", "byte_fallback", "continuing_subword_prefix", "vocab", "merges"}) {
            assertThat(model.get(field)).as("model.%s", field).isEqualTo(referenceModel.get(field));
        }
    }
}
