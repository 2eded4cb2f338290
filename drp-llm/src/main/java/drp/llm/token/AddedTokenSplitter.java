package drp.llm.token;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Splits the added and special tokens out of a text before the model sees it, as HuggingFace's
 * {@code AddedVocabulary} does: leftmost-longest matches (its Aho-Corasick automaton's match
 * kind), a {@code single_word} token only where no word character touches it, an {@code lstrip}
 * token taking the whitespace on its left (not beyond the previous match), an {@code rstrip} one
 * the whitespace on its right. Each match is one token; the stretches between go to the model.
 */
final class AddedTokenSplitter {

    /** Counts the tokens of {@code s[from, to)}, a stretch between added tokens. */
    @FunctionalInterface
    interface Stretch {
        int count(String s, int from, int to);
    }

    private final AddedToken[] tokens;
    /** The tokens' patterns, longest first, so the first hit at a position is the longest. */
    private final String[] patterns;
    /** For a fast scan: which BMP chars start some pattern. */
    private final boolean[] first = new boolean[0x10000];

    /** {@code patterns.get(i)} is what {@code tokens.get(i)} matches (its content, normalized when it is). */
    AddedTokenSplitter(List<AddedToken> tokens, List<String> patterns) {
        Integer[] order = new Integer[tokens.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // stable: among equal lengths the earlier token wins, as a duplicate pattern in the automaton
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -patterns.get(i).length()));
        this.tokens = new AddedToken[order.length];
        this.patterns = new String[order.length];
        for (int k = 0; k < order.length; k++) {
            this.tokens[k] = tokens.get(order[k]);
            this.patterns[k] = patterns.get(order[k]);
            if (!this.patterns[k].isEmpty()) {
                first[this.patterns[k].charAt(0)] = true;
            }
        }
    }

    boolean isEmpty() {
        return tokens.length == 0;
    }

    /** The number of tokens in {@code s[from, to)}: one per added token, plus the stretches' counts. */
    int count(String s, int from, int to, Stretch stretch) {
        int total = 0;
        int done = from; // HF's start_offset: the end of the last split
        int i = from;
        while (i < to) {
            if (!first[s.charAt(i)]) {
                i++;
                continue;
            }
            int k = matchAt(s, i, to);
            if (k < 0) {
                i++;
                continue;
            }
            AddedToken token = tokens[k];
            int start = i;
            int stop = i + patterns[k].length();
            i = stop; // the automaton goes on after the match itself, whatever the strips take
            if (token.singleWord() && (endsWithWord(s, from, start) || startsWithWord(s, stop, to))) {
                continue;
            }
            if (token.lstrip()) {
                int j = start;
                while (j > from && isWhitespace(s.charAt(j - 1))) {
                    j--;
                }
                start = Math.max(j, done);
            }
            if (token.rstrip()) {
                while (stop < to && isWhitespace(s.charAt(stop))) {
                    stop++;
                }
            }
            if (done < start) {
                total += stretch.count(s, done, start);
            }
            total++;
            done = stop;
        }
        if (done < to) {
            total += stretch.count(s, done, to);
        }
        return total;
    }

    private int matchAt(String s, int i, int to) {
        for (int k = 0; k < patterns.length; k++) {
            String p = patterns[k];
            if (p.length() <= to - i && s.startsWith(p, i)) {
                return k;
            }
        }
        return -1;
    }

    /** Rust's {@code char::is_whitespace}: White_Space, all of it in the BMP. */
    private static boolean isWhitespace(char c) {
        return SplitScanner.classify(c) == SplitScanner.SPACE;
    }

    /**
     * The Rust regex crate's Unicode {@code \w}, which the library's single-word check uses
     * ({@code \w$} before the token, {@code ^\w} after it): Alphabetic, marks, decimal digits,
     * connector punctuation ({@code _}) and the joiners U+200C and U+200D.
     */
    private static boolean isWord(int cp) {
        if (Character.isAlphabetic(cp) || cp == 0x200C || cp == 0x200D) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.CONNECTOR_PUNCTUATION;
    }

    private static boolean endsWithWord(String s, int from, int at) {
        if (at <= from) {
            return false;
        }
        char c = s.charAt(at - 1);
        if (Character.isLowSurrogate(c) && at - 2 >= from && Character.isHighSurrogate(s.charAt(at - 2))) {
            return isWord(Character.toCodePoint(s.charAt(at - 2), c));
        }
        return isWord(c);
    }

    private static boolean startsWithWord(String s, int at, int to) {
        if (at >= to) {
            return false;
        }
        char c = s.charAt(at);
        if (Character.isHighSurrogate(c) && at + 1 < to && Character.isLowSurrogate(s.charAt(at + 1))) {
            return isWord(Character.toCodePoint(c, s.charAt(at + 1)));
        }
        return isWord(c);
    }
}
