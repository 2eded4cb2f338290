package drp.tiny.token;

import static org.assertj.core.api.Assertions.assertThat;

import drp.tiny.TinyFixtures;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyTokenizerTest {

    private final TinyTokenizer tokenizer = TinyFixtures.tokenizer();
    private final Vocabulary vocabulary = TinyFixtures.vocabulary();

    @Test
    void worldTextRoundTripsAndWordsAreSingleTokens() {
        for (WordProblem p : TinyFixtures.problems(50)) {
            String text = Vocabulary.USER + p.question() + Vocabulary.ASSISTANT + World.nativeTrace(p, 1).assistantText();
            int[] ids = tokenizer.encode(text);
            assertThat(tokenizer.decode(ids)).isEqualTo(text);
            for (int id : ids) {
                assertThat(vocabulary.type(id)).as("no byte fallback in world text").isNotEqualTo(TokenType.UNKNOWN);
            }
        }
        assertThat(pieces("Mia buys 15 more apples, so 4 + 15 = 19."))
                .containsExactly("Mia", "▁buys", "▁1", "5", "▁more", "▁apples", ",", "▁so", "▁4", "▁+", "▁1", "5", "▁=", "▁1", "9", ".");
    }

    @Test
    void digitsAreSingleTokens() {
        for (int id = 0; id < vocabulary.size(); id++) {
            String piece = vocabulary.piece(id).replace(Vocabulary.SPACE, "");
            if (vocabulary.type(id) == TokenType.NORMAL && piece.chars().anyMatch(Character::isDigit)) {
                assertThat(piece).as("token %d", id).hasSize(1);
            }
        }
    }

    @Test
    void specialTokensAreRecognized() {
        int[] ids = tokenizer.encode("<think>\nOkay.\n</think>");
        assertThat(ids[0]).isEqualTo(vocabulary.require(Vocabulary.THINK_OPEN));
        assertThat(ids[ids.length - 1]).isEqualTo(vocabulary.require(Vocabulary.THINK_CLOSE));
        assertThat(tokenizer.decode(new int[] {vocabulary.bos(), vocabulary.require("▁apples"), vocabulary.eos()})).isEqualTo(" apples");
        assertThat(tokenizer.decodeWithSpecials(new int[] {vocabulary.bos(), vocabulary.require("▁apples")})).isEqualTo("<s> apples");
    }

    @Test
    void unknownTextFallsBackToBytes() {
        String text = "Zürich ☃ qwxz\ttab";
        int[] ids = tokenizer.encode(text);
        assertThat(tokenizer.decode(ids)).isEqualTo(text);
        assertThat(pieces("☃")).containsExactly("<0xE2>", "<0x98>", "<0x83>");
    }

    @Property(tries = 200)
    void anyTextRoundTrips(@ForAll @StringLength(max = 60) String text) {
        net.jqwik.api.Assume.that(!text.contains(Vocabulary.SPACE)); // the one exception, below
        assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
    }

    @Test
    void aLiteralSpaceMarkerComesBackAsASpaceAsInLlamaCpp() {
        // SentencePiece escapes spaces to U+2581 before merging, so a U+2581 in the text is one with
        // them; llama.cpp's SPM tokenizer, whose ids drp-tiny must match, decodes it as a space too
        assertThat(tokenizer.decode(tokenizer.encode("a" + Vocabulary.SPACE + "b"))).isEqualTo("a b");
    }

    @Test
    void countsLikeEncode() {
        String text = "Wait, let me double-check that. 4 + 5 = 9. Yes.";
        assertThat(tokenizer.count(text)).isEqualTo(tokenizer.encode(text).length);
        assertThat(tokenizer.countAll(java.util.List.of(text, ""))).containsExactly(tokenizer.count(text), 0);
        assertThat(tokenizer.name()).isEqualTo("tiny");
    }

    @Test
    void vocabularyFileRoundTrips(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(TokenizerFile.FILE_NAME);
        TokenizerFile.write(vocabulary, file);
        assertThat(TokenizerFile.read(file)).isEqualTo(vocabulary);
    }

    @Test
    void chatExampleMasksThePrompt() {
        ChatFormat chat = new ChatFormat(tokenizer);
        ChatFormat.Example e = chat.example("Mia has 4 apples. How many apples does Mia have now?",
                "<think>\nSo Mia has 4 apples now.\n</think>\n\nThe answer is 4.");
        assertThat(e.tokens()[0]).isEqualTo(vocabulary.bos());
        assertThat(e.tokens()[e.promptLength() - 1]).isEqualTo(vocabulary.require(Vocabulary.ASSISTANT));
        assertThat(e.tokens()[e.promptLength()]).isEqualTo(vocabulary.require(Vocabulary.THINK_OPEN));
        assertThat(e.tokens()[e.length() - 1]).isEqualTo(vocabulary.eos());
    }

    private java.util.List<String> pieces(String text) {
        return java.util.Arrays.stream(tokenizer.encode(text)).mapToObj(vocabulary::piece).toList();
    }
}
