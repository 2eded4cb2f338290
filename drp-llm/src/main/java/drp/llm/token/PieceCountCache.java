package drp.llm.token;

/**
 * A bounded cache of piece -> token count, one per thread (so no locking), like the word cache of
 * HuggingFace's BPE: real text repeats its words, and a hit skips the UTF-8 encoding and the merge
 * loop. Direct-mapped: a new piece simply replaces the one in its slot, so memory stays at
 * {@value #SLOTS} entries. Only pieces of up to {@value #MAX_LENGTH} chars are kept.
 */
final class PieceCountCache {

    static final int SLOTS = 1 << 14;
    static final int MAX_LENGTH = 32;

    private final String[] pieces = new String[SLOTS];
    private final int[] counts = new int[SLOTS];

    /** The slot of {@code s[from, to)}; callers check {@link #MAX_LENGTH} first. */
    static int slot(String s, int from, int to) {
        int h = to - from;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        h *= 0x9E3779B9;
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /** The cached count of {@code s[from, to)} in {@code slot}, or -1. */
    int get(int slot, String s, int from, int to) {
        String piece = pieces[slot];
        int length = to - from;
        if (piece != null && piece.length() == length && s.regionMatches(from, piece, 0, length)) {
            return counts[slot];
        }
        return -1;
    }

    void put(int slot, String s, int from, int to, int count) {
        pieces[slot] = s.substring(from, to);
        counts[slot] = count;
    }
}
