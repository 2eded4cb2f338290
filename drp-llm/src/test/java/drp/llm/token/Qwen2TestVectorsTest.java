package drp.llm.token;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.testing.SharedData;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * llama.cpp's 46 Qwen2 tokenizer test vectors (ggml-vocab-qwen2.gguf.inp/.out, produced by
 * HuggingFace transformers), reproduced id for id through both loading paths.
 */
class Qwen2TestVectorsTest {

    static List<LlamaCppVocabTest> vectors() throws IOException {
        return LlamaCppVocabTest.read(
                SharedData.require("tokenizers/test-vectors/ggml-vocab-qwen2.gguf.inp"),
                SharedData.require("tokenizers/test-vectors/ggml-vocab-qwen2.gguf.out"));
    }

    static Stream<Arguments> vectorsThroughBothPaths() throws IOException {
        Supplier<HuggingFaceTokenCounter> json = TokenizerDirs::qwen2FromTokenizerJson;
        Supplier<HuggingFaceTokenCounter> bpe = TokenizerDirs::qwen2FromVocabAndMerges;
        return vectors().stream().flatMap(vector -> Stream.of(
                Arguments.of("tokenizer.json", json, vector),
                Arguments.of("vocab.json+merges.txt", bpe, vector)));
    }

    @Test
    void theFilesHold46CasesWithTheirWhitespaceIntact() throws IOException {
        List<LlamaCppVocabTest> vectors = vectors();
        assertThat(vectors).hasSize(46);
        assertThat(vectors.get(0).text()).isEqualTo("ied 4 ½ months");
        assertThat(vectors.get(2).text()).isEmpty();
        assertThat(vectors.get(2).ids()).isEmpty();
        assertThat(vectors.get(3).text()).isEqualTo(" ");
        assertThat(vectors.get(7).text()).isEqualTo("\n");
        assertThat(vectors.get(8).text()).isEqualTo("\n\n");
        assertThat(vectors.get(10).text()).isEqualTo("\t\n");
        assertThat(vectors.get(45).text()).endsWith("We'Ve a'lL");
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("vectorsThroughBothPaths")
    void reproducesTheExpectedIds(String path, Supplier<HuggingFaceTokenCounter> counter, LlamaCppVocabTest vector) {
        assertThat(counter.get().encode(vector.text())).as("ids of %s via %s", vector, path).containsExactly(vector.ids());
        assertThat(counter.get().count(vector.text())).isEqualTo(vector.ids().length);
        assertThat(counter.get().decode(vector.ids())).isEqualTo(vector.text());
    }

    @Test
    void batchCountsMatchTheVectors() throws IOException {
        List<LlamaCppVocabTest> vectors = vectors();
        int[] expected = vectors.stream().mapToInt(vector -> vector.ids().length).toArray();
        List<String> texts = vectors.stream().map(LlamaCppVocabTest::text).toList();
        assertThat(TokenizerDirs.qwen2FromTokenizerJson().countAll(texts)).containsExactly(expected);
        assertThat(TokenizerDirs.qwen2FromVocabAndMerges().countAll(texts)).containsExactly(expected);
    }
}
