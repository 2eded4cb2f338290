package drp.tiny.token;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the vocabulary from a corpus: special tokens, byte fallback for every byte that has no
 * printable character, the printable ASCII characters (so each digit is a token), digits after a
 * space ({@code ▁7}), and every word of the corpus with and without its leading space.
 *
 * <p>Merging by score only reaches a word through its prefixes, so every prefix of a word is a
 * token too; scores grow with length, so a known word always ends up as one token.
 */
public final class VocabularyBuilder {

    /** A word: letters (or one operator sign) after an optional space marker. */
    private static final Pattern WORD = Pattern.compile("\u2581?(?:[A-Za-z]+|[×÷+=\\-])");

    private static final List<String> SPECIAL = List.of(Vocabulary.UNK, Vocabulary.BOS, Vocabulary.EOS, Vocabulary.PAD,
            Vocabulary.USER, Vocabulary.ASSISTANT, Vocabulary.THINK_OPEN, Vocabulary.THINK_CLOSE);

    private VocabularyBuilder() {}

    /** The vocabulary for {@code texts}: words seen at least {@code minCount} times. */
    public static Vocabulary build(Iterator<String> texts, int minCount) {
        Map<String, Integer> counts = new TreeMap<>();
        while (texts.hasNext()) {
            String text = texts.next();
            for (String special : SPECIAL) {
                text = text.replace(special, "\n");
            }
            Matcher m = WORD.matcher(text.replace(" ", Vocabulary.SPACE));
            while (m.find()) {
                if (m.group().length() >= 2) {
                    counts.merge(m.group(), 1, Integer::sum);
                }
            }
        }
        List<String> pieces = new ArrayList<>();
        List<TokenType> types = new ArrayList<>();
        for (String special : SPECIAL) {
            pieces.add(special);
            types.add(switch (special) {
                case Vocabulary.UNK -> TokenType.UNKNOWN;
                case Vocabulary.BOS, Vocabulary.EOS, Vocabulary.PAD -> TokenType.CONTROL;
                default -> TokenType.USER_DEFINED;
            });
        }
        for (int b = 0; b < 256; b++) {
            if (b < 0x20 || b >= 0x7f) {
                pieces.add(Vocabulary.bytePiece(b));
                types.add(TokenType.BYTE);
            }
        }
        pieces.add(Vocabulary.SPACE);
        types.add(TokenType.NORMAL);
        for (char c = 0x21; c < 0x7f; c++) {
            pieces.add(String.valueOf(c));
            types.add(TokenType.NORMAL);
        }
        for (String sign : List.of("×", "÷")) {
            pieces.add(sign);
            types.add(TokenType.NORMAL);
        }
        for (char d = '0'; d <= '9'; d++) {
            pieces.add(Vocabulary.SPACE + d);
            types.add(TokenType.NORMAL);
        }
        TreeSet<String> words = new TreeSet<>();
        counts.forEach((word, count) -> {
            if (count >= minCount) {
                for (int end = 2; end <= word.length(); end++) {
                    words.add(word.substring(0, end));
                }
            }
        });
        for (String word : words) {
            if (!pieces.contains(word)) {
                pieces.add(word);
                types.add(TokenType.NORMAL);
            }
        }
        float[] scores = new float[pieces.size()];
        TokenType[] typeArray = types.toArray(TokenType[]::new);
        for (int id = 0; id < scores.length; id++) {
            scores[id] = switch (typeArray[id]) {
                case NORMAL -> pieces.get(id).codePointCount(0, pieces.get(id).length());
                default -> 0f;
            };
        }
        return new Vocabulary(pieces, scores, typeArray);
    }
}
