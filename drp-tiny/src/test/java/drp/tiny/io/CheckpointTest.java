package drp.tiny.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.testing.SharedData;
import drp.tiny.TinyFixtures;
import drp.tiny.model.Llama;
import drp.tiny.token.TinyTokenizer;
import drp.tiny.token.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @Test
    void safetensorsCheckpointRoundTripsWithHuggingFaceNames(@TempDir Path dir) throws Exception {
        for (boolean tied : new boolean[] {false, true}) {
            Llama model = TinyFixtures.randomModel(32, 2, 4, 48, tied, 3, 1f);
            Path out = dir.resolve(tied ? "tied" : "untied");
            Checkpoint.save(out, model, TinyFixtures.vocabulary());
            Map<String, Safetensors.Tensor> tensors = Safetensors.read(out.resolve(Checkpoint.WEIGHTS));
            assertThat(tensors).containsKeys("model.embed_tokens.weight", "model.layers.1.self_attn.q_proj.weight",
                    "model.layers.0.mlp.down_proj.weight", "model.norm.weight");
            assertThat(tensors.containsKey("lm_head.weight")).isEqualTo(!tied);
            assertThat(tensors.get("model.layers.0.mlp.gate_proj.weight").shape()).containsExactly(48, 32);
            assertThat(Files.readString(out.resolve(Checkpoint.CONFIG))).contains("\"model_type\" : \"llama\"",
                    "\"tie_word_embeddings\" : " + tied);
            Checkpoint.Loaded loaded = Checkpoint.load(out);
            assertThat(loaded.model().config()).isEqualTo(model.config());
            assertThat(loaded.model().parameters().data).isEqualTo(model.parameters().data);
            assertThat(loaded.vocabulary()).isEqualTo(TinyFixtures.vocabulary());
        }
    }

    @Test
    void missingOrMismatchedTensorsAreNamed(@TempDir Path dir) throws Exception {
        Llama model = TinyFixtures.randomModel(32, 1, 2, 48, false, 3, 1f);
        Checkpoint.save(dir, model, TinyFixtures.vocabulary());
        Map<String, Safetensors.Tensor> tensors = Safetensors.read(dir.resolve(Checkpoint.WEIGHTS));
        tensors.remove("model.layers.0.self_attn.k_proj.weight");
        Safetensors.write(dir.resolve(Checkpoint.WEIGHTS), tensors, Map.of());
        assertThatThrownBy(() -> Checkpoint.load(dir)).hasMessageContaining("model.layers.0.self_attn.k_proj.weight is missing");
        assertThatThrownBy(() -> Checkpoint.load(dir.resolve("nowhere"))).hasMessageContaining("config.json is missing");
    }

    @Test
    void ggufExportRoundTripsThroughTheImporter(@TempDir Path dir) throws Exception {
        for (boolean tied : new boolean[] {false, true}) {
            Llama model = TinyFixtures.randomModel(32, 2, 4, 48, tied, 4, 1f);
            Path file = dir.resolve("m" + tied + ".gguf");
            GgufExport.write(model, TinyFixtures.vocabulary(), "test", file);
            GgufImport.Loaded loaded = GgufImport.read(file);
            assertThat(loaded.model().config()).isEqualTo(model.config());
            assertThat(loaded.model().parameters().data).isEqualTo(model.parameters().data);
            assertThat(loaded.vocabulary()).isEqualTo(TinyFixtures.vocabulary());
            assertThat(loaded.file().metadata()).containsEntry("general.architecture", "llama")
                    .containsEntry("tokenizer.ggml.model", "llama").containsEntry("llama.rope.dimension_count", 8L);
            assertThat(loaded.file().tensors().get("blk.1.ffn_gate.weight").dims()).containsExactly(32, 48);
        }
    }

    @Test
    void queryKeyPermutationIsInvertible() {
        var config = new drp.tiny.model.LlamaConfig(5, 16, 1, 2, 8, 8, 10000f, 1e-5f, false);
        float[] w = new float[16 * 16];
        for (int i = 0; i < w.length; i++) {
            w[i] = i;
        }
        float[] interleaved = GgufExport.toInterleaved(w, config);
        // head 0, hs 8: interleaved row 1 is rotate-half row 4 (the partner of row 0)
        assertThat(interleaved[16]).isEqualTo(w[4 * 16]);
        assertThat(GgufExport.fromInterleaved(interleaved, config)).isEqualTo(w);
    }

    /** A foreign GGUF (Llama-2 vocabulary, random weights, F32/F16) loads and runs. */
    @Test
    void loadsLlama2TinyRandomGguf() throws Exception {
        Path file = SharedData.require("models/llama-2-tiny-random.gguf");
        GgufImport.Loaded loaded = GgufImport.read(file);
        System.out.printf("llama-2-tiny-random.gguf: GGUF v%d, %d tensors, %s%n", loaded.file().version(),
                loaded.file().tensors().size(), loaded.model().config());
        assertThat(loaded.model().config().vocabSize()).isEqualTo(32000);
        assertThat(loaded.model().config().layers()).isEqualTo(1);
        assertThat(loaded.model().config().dim()).isEqualTo(8);
        Vocabulary vocabulary = loaded.vocabulary();
        assertThat(vocabulary).isNotNull();
        assertThat(vocabulary.piece(1)).isEqualTo("<s>");
        assertThat(vocabulary.id(Vocabulary.SPACE + "the")).isPositive();
        int[] ids = new TinyTokenizer(vocabulary).encode("hello world");
        assertThat(new TinyTokenizer(vocabulary).decode(ids)).isEqualTo("hello world");
        float[] logits = LlamaCppLogitsTest.nextTokenLogits(loaded.model(), new int[] {1, 22172, 3186});
        assertThat(logits).hasSize(32000);
        for (float l : logits) {
            assertThat(Float.isFinite(l)).isTrue();
        }
        assertThat(List.of(loaded.file().metadata().get("general.architecture"))).containsExactly("llama");
    }
}
