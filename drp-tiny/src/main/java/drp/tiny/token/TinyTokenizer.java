package drp.tiny.token;

import drp.core.token.TokenCounter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The embedded student's tokenizer: SentencePiece-style merging by score over a small vocabulary
 * of whole words, single characters (each digit is its own token), and byte fallback.
 *
 * <p>It follows llama.cpp's SPM tokenizer step for step (special tokens cut out first; spaces
 * written {@code ▁}; no space prefix; then repeatedly merge the adjacent pair whose concatenation
 * is a token with the best score, leftmost first; characters without a token fall back to
 * {@code <0xNN>} byte tokens), so a GGUF export carrying this vocabulary tokenizes text the same
 * way inside llama.cpp.
 */
public final class TinyTokenizer implements TokenCounter {

    private final Vocabulary vocabulary;
    private final List<Integer> special;

    public TinyTokenizer(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        this.special = vocabulary.specialTokens();
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public String name() {
        return "tiny";
    }

    @Override
    public int count(String text) {
        return encode(text).length;
    }

    /** Token ids of {@code text}; special tokens written literally ({@code <think>}) are recognized. */
    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            int match = specialAt(text, i);
            if (match >= 0) {
                encodeText(text.substring(start, i), out);
                out.add(match);
                i += vocabulary.piece(match).length();
                start = i;
            } else {
                i++;
            }
        }
        encodeText(text.substring(start), out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The text of {@code ids}; control tokens ({@code <s>}, {@code </s>}, {@code <pad>}) are dropped. */
    public String decode(int[] ids) {
        return decode(ids, 0, ids.length);
    }

    public String decode(int[] ids, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int k = from; k < to; k++) {
            int id = ids[k];
            if (id < 0 || id >= vocabulary.size()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + vocabulary.size());
            }
            switch (vocabulary.type(id)) {
                case CONTROL, UNKNOWN, UNUSED, UNDEFINED -> { }
                case BYTE -> bytes.write(Integer.parseInt(vocabulary.piece(id).substring(3, 5), 16));
                case NORMAL, USER_DEFINED -> bytes.writeBytes(
                        vocabulary.piece(id).replace(Vocabulary.SPACE, " ").getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * The text of {@code ids} with control tokens written out ({@code <s>}), so that encoding it
     * gives the same ids back.
     */
    public String decodeWithSpecials(int[] ids) {
        StringBuilder text = new StringBuilder();
        int start = 0;
        for (int k = 0; k < ids.length; k++) {
            TokenType type = vocabulary.type(ids[k]);
            if (type == TokenType.CONTROL || type == TokenType.UNKNOWN) {
                text.append(decode(ids, start, k)).append(vocabulary.piece(ids[k]));
                start = k + 1;
            }
        }
        return text.append(decode(ids, start, ids.length)).toString();
    }

    /** The text of one token (a piece with spaces restored); empty for control tokens. */
    public String tokenText(int id) {
        return decode(new int[] {id});
    }

    private int specialAt(String text, int at) {
        for (int id : special) {
            if (text.startsWith(vocabulary.piece(id), at)) {
                return id;
            }
        }
        return -1;
    }

    /** One symbol of the merge: a run of code points, linked to its live neighbours. */
    private static final class Symbol {
        int start;
        int length; // in chars of the escaped text; 0 once merged into its left neighbour
        int prev;
        int next;
    }

    private record Bigram(int left, int right, float score, int length) {}

    private void encodeText(String raw, List<Integer> out) {
        if (raw.isEmpty()) {
            return;
        }
        String text = raw.replace(" ", Vocabulary.SPACE);
        List<Symbol> symbols = new ArrayList<>();
        for (int offset = 0; offset < text.length(); ) {
            int length = Character.charCount(text.codePointAt(offset));
            Symbol symbol = new Symbol();
            symbol.start = offset;
            symbol.length = length;
            symbol.prev = symbols.size() - 1;
            symbol.next = offset + length < text.length() ? symbols.size() + 1 : -1;
            symbols.add(symbol);
            offset += length;
        }
        // best score first; among equal scores, the leftmost pair (llama.cpp's llm_bigram_spm order)
        PriorityQueue<Bigram> queue = new PriorityQueue<>((l, r) -> l.score() != r.score()
                ? Float.compare(r.score(), l.score()) : Integer.compare(l.left(), r.left()));
        for (int k = 1; k < symbols.size(); k++) {
            tryBigram(text, symbols, k - 1, k, queue);
        }
        while (!queue.isEmpty()) {
            Bigram bigram = queue.poll();
            Symbol left = symbols.get(bigram.left());
            Symbol right = symbols.get(bigram.right());
            if (left.length == 0 || right.length == 0 || left.length + right.length != bigram.length()) {
                continue; // one side was merged elsewhere since this pair was queued
            }
            left.length += right.length;
            right.length = 0;
            left.next = right.next;
            if (right.next >= 0) {
                symbols.get(right.next).prev = bigram.left();
            }
            tryBigram(text, symbols, left.prev, bigram.left(), queue);
            tryBigram(text, symbols, bigram.left(), left.next, queue);
        }
        for (int k = 0; k >= 0; k = symbols.get(k).next) {
            Symbol symbol = symbols.get(k);
            String piece = text.substring(symbol.start, symbol.start + symbol.length);
            int id = vocabulary.id(piece);
            if (id >= 0) {
                out.add(id);
            } else {
                byteFallback(piece, out);
            }
        }
    }

    private void tryBigram(String text, List<Symbol> symbols, int left, int right, PriorityQueue<Bigram> queue) {
        if (left < 0 || right < 0) {
            return;
        }
        Symbol l = symbols.get(left);
        Symbol r = symbols.get(right);
        String joined = text.substring(l.start, l.start + l.length) + text.substring(r.start, r.start + r.length);
        int id = vocabulary.id(joined);
        if (id < 0) {
            return;
        }
        queue.add(new Bigram(left, right, vocabulary.score(id), joined.length()));
    }

    private void byteFallback(String piece, List<Integer> out) {
        for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
            int id = vocabulary.byteToken(b);
            if (id < 0) {
                // llama.cpp falls back to the single character when there is no <0xNN> token
                id = vocabulary.id(String.valueOf((char) (b & 0xff)));
            }
            out.add(id >= 0 ? id : vocabulary.unk());
        }
    }
}
