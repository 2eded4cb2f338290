package drp.llm.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure-Java counter against the Rust library on the shipped tiny Qwen2 (the first 300 merges
 * of the real one), so that the pipeline is held to the reference on every machine: fixed texts,
 * random nasty texts, added tokens with every flag, the Llama-3 split, and the fallback.
 */
class ByteLevelBpeCounterTest {

    private static final Path TINY = TokenizerDirs.fixture("tiny-qwen2");
    private static final Path TINY_JSON = TINY.resolve("tokenizer.json");
    private static final Path VARIANTS = Path.of("target", "tokenizer-variants").toAbsolutePath();

    private static final ExactTokenCounter FAST = fast(TINY);
    private static final HuggingFaceTokenCounter RUST = TokenizerLoader.loadHuggingFace(TINY);

    private static final Path FLAGGED = TokenizerVariants.variant(TINY_JSON, VARIANTS.resolve("flagged"),
            TokenizerVariants::flaggedTokens);
    private static final ExactTokenCounter FLAGGED_FAST = fast(FLAGGED);
    private static final HuggingFaceTokenCounter FLAGGED_RUST = TokenizerLoader.loadHuggingFace(FLAGGED);

    private static final Path LLAMA3 = TokenizerVariants.variant(TINY_JSON, VARIANTS.resolve("llama3"),
            root -> {
                TokenizerVariants.llama3(root);
                TokenizerVariants.flaggedTokens(root);
            });
    private static final ExactTokenCounter LLAMA3_FAST = fast(LLAMA3);
    private static final HuggingFaceTokenCounter LLAMA3_RUST = TokenizerLoader.loadHuggingFace(LLAMA3);

    static final List<String> TEXTS = List.of("", "in", "    ", "Hello, world!\n\n", "Führer ½ 🚀 数学",
            "x = 3.14 * (2 + 7)\tdone\r\n", "  leading and trailing  ", "<think>\n</think>", "We'Ve a'lL 'RE",
            "it'\u017F", "  \n  \n   x", "a  \u3000b", "12345678901", "\u0661\u0662\u0663\u0664", "café café",
            "A\u030Angstr\u00F6m \u212B", "<|im_end|><|im_end|>x<|im_end", " <think> in ins in'sin 's 's",
            "🚀🚀 x🚀y", "数学数学 数学", "a".repeat(300), "数".repeat(200), " ".repeat(100) + "x", "\n".repeat(50),
            "9".repeat(100), "e\u0301".repeat(80), "\uD800", "a\uDC00b", "x\u0000y", "😀\uD800");

    /** load() with drp's cache off, so the tests never depend on (or write to) the user's cache. */
    static ExactTokenCounter fast(Path dir) {
        String before = System.getProperty("drp.tokenizer.cache");
        System.setProperty("drp.tokenizer.cache", "off");
        try {
            return TokenizerLoader.load(dir);
        } finally {
            if (before == null) {
                System.clearProperty("drp.tokenizer.cache");
            } else {
                System.setProperty("drp.tokenizer.cache", before);
            }
        }
    }

    @AfterContainer
    static void close() {
        for (AutoCloseable c : List.<AutoCloseable>of(FAST, RUST, FLAGGED_FAST, FLAGGED_RUST, LLAMA3_FAST, LLAMA3_RUST)) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void loadGivesTheFastCounterForAByteLevelBpeTokenizerJsonAndTheRustOneOtherwise() {
        assertThat(FAST).isInstanceOf(ByteLevelBpeCounter.class);
        assertThat(FAST.name()).isEqualTo("tiny-qwen2");
        assertThat(FAST).hasToString("ByteLevelBpeCounter[tiny-qwen2]");
        assertThat(FLAGGED_FAST).isInstanceOf(ByteLevelBpeCounter.class);
        assertThat(LLAMA3_FAST).isInstanceOf(ByteLevelBpeCounter.class);
        try (var bpe = fast(TokenizerDirs.fixture("tiny-qwen2-bpe"))) {
            assertThat(bpe).isInstanceOf(HuggingFaceTokenCounter.class);
        }
    }

    @Test
    void countsAsTheRustLibraryOnFixedTexts() {
        for (String text : TEXTS) {
            assertThat(FAST.count(text)).as("%s", text).isEqualTo(RUST.count(text));
            assertThat(FLAGGED_FAST.count(text)).as("flagged: %s", text).isEqualTo(FLAGGED_RUST.count(text));
            assertThat(LLAMA3_FAST.count(text)).as("llama3: %s", text).isEqualTo(LLAMA3_RUST.count(text));
        }
    }

    @Test
    void countAllCountsEachTextInOrderOnSeveralThreads() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add(TEXTS.get(i % TEXTS.size()).repeat(1 + i % 7));
        }
        int[] expected = RUST.countAll(texts);
        assertThat(FAST.countAll(texts)).containsExactly(expected);
        assertThat(FAST.countAll(List.of())).isEmpty();
        assertThat(FAST.countAll(List.of("in"))).containsExactly(1);
        List<String> withNull = new ArrayList<>(List.of("a", "b"));
        withNull.add(null);
        assertThatThrownBy(() -> FAST.countAll(withNull)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aClosedCounterRefusesToCount() {
        var counter = fast(TINY);
        assertThat(counter.count("in")).isEqualTo(1);
        counter.close();
        counter.close();
        assertThatThrownBy(() -> counter.count("in")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Provide
    Arbitrary<String> nasty() {
        return NastyTexts.texts(30);
    }

    @Property(tries = 400)
    void countsAsTheRustLibrary(@ForAll("nasty") String text) {
        assertThat(FAST.count(text)).isEqualTo(RUST.count(text));
    }

    @Property(tries = 400)
    void countsAsTheRustLibraryWithFlaggedAddedTokens(@ForAll("nasty") String text) {
        assertThat(FLAGGED_FAST.count(text)).isEqualTo(FLAGGED_RUST.count(text));
    }

    @Property(tries = 400)
    void countsAsTheRustLibraryWithTheLlama3Split(@ForAll("nasty") String text) {
        assertThat(LLAMA3_FAST.count(text)).isEqualTo(LLAMA3_RUST.count(text));
    }

    @Test
    void theTokensOfATokenizerConfigCountAsTheRustLibraryCountsThem() {
        Path config = TokenizerDirs.fixture("tiny-r1-config").resolve("tokenizer_config.json");
        Path dir = TokenizerDirs.linked("tiny-r1-fast", TINY_JSON, config);
        try (var fast = fast(dir); var rust = TokenizerLoader.loadHuggingFace(dir)) {
            assertThat(fast).isInstanceOf(ByteLevelBpeCounter.class);
            for (String text : List.of("<think>", "a<think>b</think>", "<｜begin▁of▁sentence｜><｜User｜>in<｜Assistant｜><think>\n",
                    "in</think>in<｜end▁of▁sentence｜>", " <think> </think> ")) {
                assertThat(fast.count(text)).as(text).isEqualTo(rust.count(text));
            }
            assertThat(fast.count("<think>")).isEqualTo(1);
        }
    }

    @Test
    void tokenizersItDoesNotReproduceGoToTheRustLibrary(@TempDir Path tmp) {
        List<java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>> edits = List.of(
                root -> root.putObject("normalizer").put("type", "NFKC"),
                root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("pre_tokenizer").path("pretokenizers")
                        .get(0).path("pattern")).put("Regex", "\\s+|\\S+"),
                root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("pre_tokenizer").path("pretokenizers")
                        .get(1)).put("add_prefix_space", true),
                root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("model")).put("dropout", 0.5),
                root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("model")).put("byte_fallback", true));
        int i = 0;
        for (var edit : edits) {
            Path dir = TokenizerVariants.variant(TINY_JSON, tmp.resolve("v" + i++), edit);
            try (var counter = fast(dir)) {
                assertThat(counter).as("edit %d", i).isInstanceOf(HuggingFaceTokenCounter.class);
            }
        }
        // (a subword prefix makes the Rust library itself panic on these merges: checked on the reader alone)
        Path prefixed = TokenizerVariants.variant(TINY_JSON, tmp.resolve("prefixed"),
                root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("model"))
                        .put("continuing_subword_prefix", "##"));
        assertThatThrownBy(() -> ByteLevelBpeJson.read(java.nio.file.Files.readAllBytes(prefixed.resolve("tokenizer.json"))))
                .isInstanceOf(ByteLevelBpeJson.NotSupported.class).hasMessageContaining("continuing_subword_prefix");
    }
}
