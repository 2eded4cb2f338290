package drp.llm.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Properties of the byte-level BPE pipeline, on the shipped tiny Qwen2 in both forms. */
class TinyQwen2PropertiesTest {

    private static final HuggingFaceTokenCounter JSON = TokenizerLoader.loadHuggingFace(TokenizerDirs.fixture("tiny-qwen2"));
    private static final HuggingFaceTokenCounter BPE = TokenizerLoader.loadHuggingFace(TokenizerDirs.fixture("tiny-qwen2-bpe"));

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> codePoint = Arbitraries.frequencyOf(
                        Tuple.of(6, Arbitraries.integers().between(0x20, 0x7E)),
                        Tuple.of(2, Arbitraries.of(0x09, 0x0A, 0x0D, 0x20, 0x3000)),
                        Tuple.of(2, Arbitraries.integers().between(0xA0, 0x2FF)),
                        Tuple.of(1, Arbitraries.integers().between(0x300, 0x36F)), // combining marks
                        Tuple.of(1, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                        Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1FAFF)))
                .map(Character::toString);
        return codePoint.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Property(tries = 300)
    void bothFormsGiveTheSameIds(@ForAll("texts") String text) {
        assertThat(BPE.encode(text)).containsExactly(JSON.encode(text));
    }

    /* byte-level BPE loses nothing but what the NFC normalizer changes */
    @Property(tries = 300)
    void decodingGivesBackTheNfcText(@ForAll("texts") String text) {
        assertThat(JSON.decode(JSON.encode(text))).isEqualTo(Normalizer.normalize(text, Normalizer.Form.NFC));
    }

    @Property(tries = 200)
    void aConcatenationSplitAtANewlineCountsAsItsParts(@ForAll("texts") String left, @ForAll("texts") String right) {
        // the Qwen2 split makes a run of newlines a piece of its own, unless whitespace around it
        // or punctuation before it (" ?[^\s\p{L}\p{N}]+[\r\n]*") absorbs it: end the left part
        // with a letter, start the right part with no whitespace
        String a = left + "x";
        String b = right.stripLeading();
        assertThat(JSON.count(a + "\n\n" + b)).isEqualTo(JSON.count(a) + JSON.count("\n\n") + JSON.count(b));
    }
}
