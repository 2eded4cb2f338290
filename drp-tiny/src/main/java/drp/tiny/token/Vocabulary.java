package drp.tiny.token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tokens of a SentencePiece-style vocabulary, in id order: piece text (a space is written
 * {@code ▁}), merge score and type. This is exactly what a llama GGUF stores as
 * {@code tokenizer.ggml.tokens / scores / token_type}.
 */
public final class Vocabulary {

    /** The SentencePiece space marker, U+2581. */
    public static final String SPACE = "\u2581";

    public static final String UNK = "<unk>";
    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String PAD = "<pad>";
    public static final String USER = "<|user|>";
    public static final String ASSISTANT = "<|assistant|>";
    public static final String THINK_OPEN = "<think>";
    public static final String THINK_CLOSE = "</think>";

    private final List<String> pieces;
    private final float[] scores;
    private final TokenType[] types;
    private final Map<String, Integer> ids;
    private final int[] byteTokens;

    /** A drp-tiny vocabulary: it must hold the chat template's special tokens. */
    public Vocabulary(List<String> pieces, float[] scores, TokenType[] types) {
        this(pieces, scores, types, true);
    }

    /** A vocabulary from elsewhere (a GGUF file), without drp-tiny's special tokens. */
    public static Vocabulary lenient(List<String> pieces, float[] scores, TokenType[] types) {
        return new Vocabulary(pieces, scores, types, false);
    }

    private Vocabulary(List<String> pieces, float[] scores, TokenType[] types, boolean strict) {
        if (pieces.size() != scores.length || pieces.size() != types.length) {
            throw new IllegalArgumentException("vocabulary: " + pieces.size() + " pieces, " + scores.length
                    + " scores, " + types.length + " types");
        }
        this.pieces = List.copyOf(pieces);
        this.scores = scores.clone();
        this.types = types.clone();
        this.ids = new HashMap<>();
        this.byteTokens = new int[256];
        java.util.Arrays.fill(byteTokens, -1);
        for (int id = 0; id < pieces.size(); id++) {
            String piece = pieces.get(id);
            if (ids.putIfAbsent(piece, id) != null) {
                throw new IllegalArgumentException("vocabulary: piece " + piece + " appears twice (id " + id + ")");
            }
            if (types[id] == TokenType.BYTE) {
                byteTokens[parseByte(piece)] = id;
            }
        }
        for (String required : List.of(UNK, BOS, EOS, PAD, USER, ASSISTANT, THINK_OPEN, THINK_CLOSE)) {
            if (strict && !ids.containsKey(required)) {
                throw new IllegalArgumentException("vocabulary: missing special token " + required);
            }
        }
    }

    public int size() {
        return pieces.size();
    }

    public String piece(int id) {
        return pieces.get(id);
    }

    public float score(int id) {
        return scores[id];
    }

    public TokenType type(int id) {
        return types[id];
    }

    public List<String> pieces() {
        return pieces;
    }

    public float[] scores() {
        return scores.clone();
    }

    public TokenType[] types() {
        return types.clone();
    }

    /** The id of {@code piece}, or -1. */
    public int id(String piece) {
        Integer id = ids.get(piece);
        return id == null ? -1 : id;
    }

    /** The id of a piece that must exist. */
    public int require(String piece) {
        int id = id(piece);
        if (id < 0) {
            throw new IllegalArgumentException("vocabulary has no token " + piece);
        }
        return id;
    }

    /** The byte-fallback token {@code <0xNN>} of {@code b}, or -1 when the vocabulary has none. */
    public int byteToken(int b) {
        return byteTokens[b & 0xff];
    }

    public int unk() {
        return require(UNK);
    }

    public int bos() {
        return require(BOS);
    }

    public int eos() {
        return require(EOS);
    }

    public int pad() {
        return require(PAD);
    }

    /** Special tokens that text can contain literally (control, user-defined, unknown), longest first. */
    public List<Integer> specialTokens() {
        List<Integer> special = new ArrayList<>();
        for (int id = 0; id < pieces.size(); id++) {
            if (types[id] == TokenType.CONTROL || types[id] == TokenType.USER_DEFINED || types[id] == TokenType.UNKNOWN) {
                special.add(id);
            }
        }
        special.sort((a, b) -> Integer.compare(pieces.get(b).length(), pieces.get(a).length()));
        return special;
    }

    static String bytePiece(int b) {
        return String.format("<0x%02X>", b & 0xff);
    }

    private static int parseByte(String piece) {
        if (piece.length() != 6 || !piece.startsWith("<0x") || !piece.endsWith(">")) {
            throw new IllegalArgumentException("vocabulary: byte token must look like <0xNN>, got " + piece);
        }
        return Integer.parseInt(piece.substring(3, 5), 16);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && pieces.equals(v.pieces) && java.util.Arrays.equals(scores, v.scores)
                && java.util.Arrays.equals(types, v.types);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pieces, java.util.Arrays.hashCode(scores), java.util.Arrays.hashCode(types));
    }
}
