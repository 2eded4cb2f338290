package drp.llm.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerLoaderTest {

    private static final Path TINY_JSON = TokenizerDirs.fixture("tiny-qwen2");
    private static final Path TINY_BPE = TokenizerDirs.fixture("tiny-qwen2-bpe");
    private static final Path R1_CONFIG = TokenizerDirs.fixture("tiny-r1-config").resolve("tokenizer_config.json");

    private static final List<String> TEXTS = List.of("", "in", "    ", "Hello, world!\n\n", "Führer ½ 🚀 数学",
            "x = 3.14 * (2 + 7)\tdone\r\n", "  leading and trailing  ", "<think>\n</think>", "We'Ve a'lL 'RE");

    @Test
    void loadsATokenizerJsonFileOrItsDirectory() {
        try (var file = TokenizerLoader.loadHuggingFace(TINY_JSON.resolve("tokenizer.json"));
                var dir = TokenizerLoader.loadHuggingFace(TINY_JSON)) {
            assertThat(file.name()).isEqualTo("tiny-qwen2");
            assertThat(dir.name()).isEqualTo("tiny-qwen2");
            // Qwen2's own ids: the byte alphabet, then merge k makes id 256 + k
            assertThat(file.encode("in")).containsExactly(258);
            assertThat(file.encode("    ")).containsExactly(257);
            assertThat(file.encode("er")).containsExactly(261);
            assertThat(file.encode(" a")).containsExactly(264);
            assertThat(file.encode("a\n\t")).containsExactly(64, 198, 197);
            for (String text : TEXTS) {
                assertThat(dir.encode(text)).as(text).containsExactly(file.encode(text));
            }
        }
    }

    @Test
    void vocabAndMergesGiveTheSameIdsAsTheTokenizerJson() {
        try (var json = TokenizerLoader.loadHuggingFace(TINY_JSON); var bpe = TokenizerLoader.loadHuggingFace(TINY_BPE)) {
            assertThat(bpe.name()).isEqualTo("tiny-qwen2-bpe");
            for (String text : TEXTS) {
                assertThat(bpe.encode(text)).as(text).containsExactly(json.encode(text));
                assertThat(bpe.decode(bpe.encode(text))).isEqualTo(text);
            }
        }
    }

    /*
     * The ids of added tokens are given by the tokenizers library, not by the config: the first
     * one missing from the vocabulary gets the vocabulary size (556 here), the next ones follow,
     * in the order of the config's ids. With the real 151,643-token Qwen2 vocabulary they land
     * on the config's own ids (next test).
     */
    @Test
    void addedTokensOfATokenizerConfigCountAsOneTokenEach() {
        Path withConfig = TokenizerDirs.linked("tiny-r1",
                TINY_BPE.resolve("vocab.json"), TINY_BPE.resolve("merges.txt"), R1_CONFIG);
        Path jsonWithConfig = TokenizerDirs.linked("tiny-r1-json", TINY_JSON.resolve("tokenizer.json"), R1_CONFIG);
        try (var bpe = TokenizerLoader.loadHuggingFace(withConfig); var json = TokenizerLoader.loadHuggingFace(jsonWithConfig);
                var plain = TokenizerLoader.loadHuggingFace(TINY_BPE)) {
            for (var counter : List.of(bpe, json)) {
                assertThat(counter.encode("<think>")).containsExactly(561);
                assertThat(counter.encode("</think>")).containsExactly(562);
                assertThat(counter.encode("<｜begin▁of▁sentence｜><｜User｜>in<｜Assistant｜><think>\n"))
                        .containsExactly(559, 557, 258, 558, 561, 198);
                assertThat(counter.encode("in</think>in<｜end▁of▁sentence｜>")).containsExactly(258, 562, 258, 556);
                assertThat(counter.decode(counter.encode("a<think>b</think>"))).isEqualTo("a<think>b</think>");
            }
            assertThat(plain.count("<think>")).isEqualTo(plain.count("<") + plain.count("think") + plain.count(">"));
            assertThat(plain.count("<think>")).isGreaterThan(1);
        }
    }

    @Test
    void theR1AddedTokensGetTheirOwnIdsOverTheQwen2Vocabulary() {
        Path qwen2 = SharedData.qwen2Tokenizer();
        Path dir = TokenizerDirs.linked("qwen2-tiny-r1", qwen2.resolve("vocab.json"), qwen2.resolve("merges.txt"), R1_CONFIG);
        try (var counter = TokenizerLoader.loadHuggingFace(dir)) {
            assertThat(counter.encode("<｜begin▁of▁sentence｜><｜User｜>What is 2+2?<｜Assistant｜><think>\n"))
                    .startsWith(151646, 151644).endsWith(151645, 151648, 198);
            assertThat(counter.encode("4.</think>\n\nThe answer is 4.<｜end▁of▁sentence｜>"))
                    .startsWith(19, 13, 151649).endsWith(151643);
        }
    }

    /*
     * The shared DeepSeek-R1-Distill tokenizer_config.json names only bos/eos/pad (it has no
     * added_tokens_decoder): transformers then adds the two strings missing from the vocabulary
     * as new special tokens, bos first (151643), then eos (151644), and <think> stays ordinary
     * text, three tokens.
     */
    @Test
    void theSharedR1ConfigAddsItsBosAndEosTokens() {
        Path qwen2 = SharedData.qwen2Tokenizer();
        Path config = SharedData.require("tokenizers/deepseek-r1-distill-qwen/tokenizer_config.json");
        Path dir = TokenizerDirs.linked("qwen2-r1", qwen2.resolve("vocab.json"), qwen2.resolve("merges.txt"), config);
        try (var counter = TokenizerLoader.loadHuggingFace(dir)) {
            assertThat(counter.encode("<｜begin▁of▁sentence｜>")).containsExactly(151643);
            assertThat(counter.encode("<｜end▁of▁sentence｜>")).containsExactly(151644);
            assertThat(counter.encode("Hi<｜end▁of▁sentence｜>")).hasSize(2);
            assertThat(counter.encode("<think>\n")).containsExactly(13708, 766, 397);
        }
    }

    @Test
    void aMissingPathIsNamed(@TempDir Path tmp) {
        Path missing = tmp.resolve("nope");
        assertThatThrownBy(() -> TokenizerLoader.load(missing))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessageStartingWith(missing + ": no such file or directory")
                .satisfies(e -> assertThat(((TokenizerLoadException) e).path()).isEqualTo(missing));
    }

    @Test
    void aDirectoryWithoutTokenizerFilesSaysWhatIsMissing(@TempDir Path tmp) throws IOException {
        assertThatThrownBy(() -> TokenizerLoader.load(tmp))
                .hasMessage(tmp + ": not a tokenizer directory: no tokenizer.json, and no vocab.json + merges.txt");
        Files.writeString(tmp.resolve("vocab.json"), "{\"a\": 0}");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp)).hasMessageEndingWith("merges.txt is missing (vocab.json needs it)");
        Files.delete(tmp.resolve("vocab.json"));
        Files.writeString(tmp.resolve("merges.txt"), "");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp)).hasMessageEndingWith("vocab.json is missing (merges.txt needs it)");
    }

    @Test
    void aMalformedTokenizerJsonIsNamed(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("tokenizer.json");
        Files.writeString(file, "{\"model\": ");
        assertThatThrownBy(() -> TokenizerLoader.load(file))
                .isInstanceOf(TokenizerLoadException.class)
                .hasMessageStartingWith(file + ": not a valid HuggingFace tokenizer: ");
        Files.writeString(file, "{}");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp)).hasMessageStartingWith(file + ": not a valid HuggingFace tokenizer: ");
        Files.writeString(file, "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}, \"merges\": [\"a b\"]}}");
        assertThatThrownBy(() -> TokenizerLoader.load(file)).hasMessageContaining("Token `b` out of vocabulary");
    }

    @Test
    void aMalformedTokenizerJsonBesideAConfigIsNamedWithItsLine(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("tokenizer.json"), "{\n\"model\": nope}");
        Files.copy(R1_CONFIG, tmp.resolve("tokenizer_config.json"));
        assertThatThrownBy(() -> TokenizerLoader.load(tmp))
                .hasMessageStartingWith(tmp.resolve("tokenizer.json") + ": malformed JSON at line 2, column ");
    }

    @Test
    void badVocabAndMergesAreNamedWithTheirLine(@TempDir Path tmp) throws IOException {
        Path vocab = tmp.resolve("vocab.json");
        Path merges = tmp.resolve("merges.txt");
        Files.writeString(vocab, "{\"a\": 0, \"b\": 1, \"ab\": 2}");
        Files.writeString(merges, "#version: 0.2\na b\na  b\n");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp))
                .hasMessage(merges + ": line 3: expected two tokens separated by one space, found \"a  b\"");
        Files.writeString(merges, "#version: 0.2\na b\nab c\n");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp))
                .hasMessage(merges + ": line 3: token \"c\" of merge \"ab c\" is not in vocab.json");
        Files.writeString(merges, "a b\n\n");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp)).hasMessageStartingWith(merges + ": line 2: expected two tokens");
        Files.writeString(merges, "a b\n");
        Files.writeString(vocab, "{\"a\": 0,\n \"b\": \"one\"}");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp))
                .hasMessage(vocab + ": line 2: token \"b\" must map to a non-negative integer id, found one");
        Files.writeString(vocab, "{\"a\": 0,\n \"b\" 1}");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp)).hasMessageStartingWith(vocab + ": malformed JSON at line 2, column ");
        Files.writeString(vocab, "[\"a\"]");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp)).hasMessageStartingWith(vocab + ": expected a JSON object");
    }

    @Test
    void aBadTokenizerConfigIsNamedWithItsField(@TempDir Path tmp) throws IOException {
        Files.copy(TINY_JSON.resolve("tokenizer.json"), tmp.resolve("tokenizer.json"));
        Path config = tmp.resolve("tokenizer_config.json");
        Files.writeString(config, "{\"bos_token\": ");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp)).hasMessageStartingWith(config + ": malformed JSON at line 1");
        Files.writeString(config, "{\"added_tokens_decoder\": {\"x\": {\"content\": \"<a>\"}}}");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp))
                .hasMessage(config + ": field added_tokens_decoder.\"x\": the key must be a token id");
        Files.writeString(config, "{\"added_tokens_decoder\": {\"7\": {\"special\": true}}}");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp))
                .hasMessage(config + ": field added_tokens_decoder.\"7\".content: expected a non-empty string");
        Files.writeString(config, "{\"eos_token\": {\"content\": \"<e>\", \"lstrip\": \"no\"}}");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp)).hasMessage(config + ": field eos_token.lstrip: expected true or false");
        Files.writeString(config, "{\"additional_special_tokens\": \"<a>\"}");
        assertThatThrownBy(() -> TokenizerLoader.load(tmp)).hasMessage(config + ": field additional_special_tokens: expected an array");
        Files.writeString(config, "{\"additional_special_tokens\": [\"<a>\", {\"content\": \"<b>\"}], \"unk_token\": null}");
        try (var counter = TokenizerLoader.loadHuggingFace(tmp)) {
            assertThat(counter.encode("<a><b>")).containsExactly(556, 557);
        }
    }
}
