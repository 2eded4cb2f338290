package drp.llm.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.junit.jupiter.api.Test;

/**
 * The pure-Java counter against the Rust library on the real Qwen2 tokenizer (../shared/data;
 * skipped without it), text by text: every think text of the real traces, every benchmark
 * question and solution, random nasty texts, Qwen2.5's special tokens with flags, and the same
 * vocabulary behind Llama-3's split.
 */
class Qwen2ByteLevelBpeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean HAS_DATA = Files.isDirectory(SharedData.root().resolve("tokenizers/qwen2"));
    private static Counters qwen2;
    private static Counters special;
    private static Counters llama3;

    /** The two counters of one tokenizer. */
    private record Counters(ExactTokenCounter fast, HuggingFaceTokenCounter rust) implements AutoCloseable {
        static Counters of(Path dir) {
            ExactTokenCounter fast = ByteLevelBpeCounterTest.fast(dir);
            assertThat(fast).isInstanceOf(ByteLevelBpeCounter.class);
            return new Counters(fast, TokenizerLoader.loadHuggingFace(dir));
        }

        void assertSame(List<String> texts) {
            int[] expected = rust.countAll(texts);
            int[] single = new int[texts.size()];
            for (int i = 0; i < single.length; i++) {
                single[i] = fast.count(texts.get(i));
                if (single[i] != expected[i]) {
                    assertThat(single[i]).as("text %d: %s", i, texts.get(i)).isEqualTo(expected[i]);
                }
            }
            assertThat(fast.countAll(texts)).containsExactly(expected);
        }

        @Override
        public void close() {
            fast.close();
            rust.close();
        }
    }

    private static Counters qwen2() {
        SharedData.qwen2Tokenizer();
        if (qwen2 == null) {
            qwen2 = Counters.of(SharedData.qwen2Tokenizer());
        }
        return qwen2;
    }

    private static Counters special() {
        if (special == null) {
            Path json = SharedData.qwen2Tokenizer().resolve("tokenizer.json");
            special = Counters.of(TokenizerVariants.variant(json, Path.of("target", "tokenizer-variants", "qwen2-flagged")
                    .toAbsolutePath(), TokenizerVariants::flaggedTokens));
        }
        return special;
    }

    private static Counters llama3() {
        if (llama3 == null) {
            Path json = SharedData.qwen2Tokenizer().resolve("tokenizer.json");
            llama3 = Counters.of(TokenizerVariants.variant(json, Path.of("target", "tokenizer-variants", "qwen2-llama3")
                    .toAbsolutePath(), TokenizerVariants::llama3));
        }
        return llama3;
    }

    @AfterContainer
    static void close() {
        for (Counters c : new Counters[] {qwen2, special, llama3}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static List<String> field(Path jsonl, String... names) throws IOException {
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(jsonl)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = JSON.readTree(line);
            for (String name : names) {
                if (row.path(name).isTextual()) {
                    texts.add(row.path(name).asText());
                }
            }
        }
        return texts;
    }

    @Test
    void countsEveryThinkTextOfTheRealTracesAsTheRustLibrary() throws IOException {
        List<String> thinks = field(SharedData.r1Traces(), "think", "post_think", "prompt");
        assertThat(thinks).hasSizeGreaterThan(300);
        qwen2().assertSame(thinks);
        special().assertSame(thinks);
        llama3().assertSame(thinks);
    }

    @Test
    void countsEveryBenchmarkQuestionAndSolutionAsTheRustLibrary() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String file : List.of("gsm8k/test.jsonl", "gsm8k/train.jsonl", "math500/test.jsonl", "prm12k/train.jsonl",
                "aime24/test.jsonl", "aime25/test.jsonl", "amc23/test.jsonl")) {
            texts.addAll(field(SharedData.require("benchmarks/" + file), "question", "answer", "problem", "solution"));
        }
        assertThat(texts).hasSizeGreaterThan(40_000);
        qwen2().assertSame(texts);
        llama3().assertSame(texts);
    }

    @Test
    void countsTheLlamaCppTestStringsAsTheRustLibrary() throws IOException {
        String inp = Files.readString(SharedData.require("tokenizers/test-vectors/ggml-vocab-qwen2.gguf.inp"));
        List<String> texts = List.of(inp.split("\n__ggml_vocab_test__\n", -1));
        qwen2().assertSame(texts);
        special().assertSame(texts);
        llama3().assertSame(texts);
        qwen2().assertSame(ByteLevelBpeCounterTest.TEXTS);
        special().assertSame(ByteLevelBpeCounterTest.TEXTS);
        llama3().assertSame(ByteLevelBpeCounterTest.TEXTS);
    }

    @Provide
    Arbitrary<String> nasty() {
        return NastyTexts.texts(40);
    }

    /** Skips a property, as SharedData skips a test, when ../shared/data has no Qwen2 tokenizer. */
    static final class NeedsQwen2 implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return HAS_DATA ? SkipResult.doNotSkip()
                    : SkipResult.skip("skipped: needs ../shared/data/tokenizers/qwen2 (not found at "
                            + SharedData.root().resolve("tokenizers/qwen2") + ")");
        }
    }

    @Property(tries = 500)
    @AddLifecycleHook(NeedsQwen2.class)
    void countsRandomNastyTextsAsTheRustLibrary(@ForAll("nasty") String text) {
        assertThat(qwen2().fast().count(text)).isEqualTo(qwen2().rust().count(text));
        assertThat(special().fast().count(text)).isEqualTo(special().rust().count(text));
        assertThat(llama3().fast().count(text)).isEqualTo(llama3().rust().count(text));
    }
}
