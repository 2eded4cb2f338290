package drp.llm.token;

/**
 * A hand-written scanner for the {@link SplitPattern} regexes: given where a piece starts, it
 * returns where the regex match that the Rust library (Oniguruma, leftmost alternative first)
 * finds there ends. The alternatives, tried in order at each position:
 *
 * <ol>
 *   <li>{@code (?i:'s|'t|'re|'ve|'m|'ll|'d)}: a contraction, any case (Unicode case folding, so
 *       {@code ſ}, U+017F, is an {@code s});
 *   <li>{@code [^\r\n\p{L}\p{N}]?\p{L}+}: letters, with one leading non-letter, non-digit that is
 *       not a line break (typically a space);
 *   <li>{@code \p{N}} (Qwen2) or {@code \p{N}{1,3}} (Llama-3): digits;
 *   <li>{@code  ?[^\s\p{L}\p{N}]+[\r\n]*}: punctuation and symbols, an optional space before and
 *       line breaks after;
 *   <li>{@code \s*[\r\n]+}: whitespace up to and including its last line break;
 *   <li>{@code \s+(?!\S)}: whitespace but the last character when a non-space follows;
 *   <li>{@code \s+}: whitespace.
 * </ol>
 *
 * The character classes are Oniguruma's for UTF-8: {@code \s} is White_Space (tab to carriage
 * return, U+0085, and the Zs, Zl and Zp categories), {@code \p{L}} the L* categories and
 * {@code \p{N}} the N* categories, by {@link Character#getType} (a table for Latin-1). Java's own {@code \s} (ASCII
 * only) and {@code \p{L}} would differ, which is why this is not a {@code java.util.regex}.
 * Every character falls in one alternative, so the pieces tile the text.
 */
final class SplitScanner {

    static final byte OTHER = 0;
    static final byte LETTER = 1;
    static final byte NUMBER = 2;
    static final byte SPACE = 3;

    /** The class of every Latin-1 character: one table lookup for most text. */
    private static final byte[] LATIN1 = new byte[0x100];

    static {
        for (int c = 0; c < LATIN1.length; c++) {
            LATIN1[c] = classify(c);
        }
    }

    private final int maxDigits;

    SplitScanner(SplitPattern pattern) {
        this.maxDigits = pattern.maxDigits();
    }

    /** The class of a BMP char (a lone surrogate is OTHER, as Character.getType says). */
    private static byte classOf(char c) {
        return c < 0x100 ? LATIN1[c] : classify(c);
    }

    static byte classify(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER -> LETTER;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> SPACE;
            default -> (codePoint >= 0x09 && codePoint <= 0x0D) || codePoint == 0x85 ? SPACE : OTHER;
        };
    }

    /** The class of the character at {@code i} (a surrogate pair counts as its code point). */
    private static byte classAt(String s, int i, int end) {
        char c = s.charAt(i);
        if (!Character.isHighSurrogate(c) || i + 1 >= end) {
            return classOf(c);
        }
        char low = s.charAt(i + 1);
        return Character.isLowSurrogate(low) ? classify(Character.toCodePoint(c, low)) : classOf(c);
    }

    private static int width(String s, int i, int end) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))
                ? 2 : 1;
    }

    /** The end of the piece that starts at {@code i}, in {@code s[.., end)}; {@code i < end}. */
    int pieceEnd(String s, int i, int end) {
        char c = s.charAt(i);
        // 1. contractions
        if (c == '\'' && i + 1 < end) {
            int n = contraction(s, i + 1, end);
            if (n > 0) {
                return i + 1 + n;
            }
        }
        byte cls = classAt(s, i, end);
        int w = width(s, i, end);
        // 2. letters, with one leading character that is not a letter, digit or line break
        if (cls == LETTER) {
            return letters(s, i + w, end);
        }
        if (cls != NUMBER && c != '\r' && c != '\n' && i + w < end && classAt(s, i + w, end) == LETTER) {
            return letters(s, i + w, end);
        }
        // 3. digits
        if (cls == NUMBER) {
            int j = i + w;
            for (int n = 1; n < maxDigits && j < end && classAt(s, j, end) == NUMBER; n++) {
                j += width(s, j, end);
            }
            return j;
        }
        // 4. punctuation and symbols: an optional space, then at least one, then line breaks
        int j = c == ' ' ? i + 1 : i;
        if (j < end && classAt(s, j, end) == OTHER) {
            while (j < end && classAt(s, j, end) == OTHER) {
                j += width(s, j, end);
            }
            while (j < end && (s.charAt(j) == '\r' || s.charAt(j) == '\n')) {
                j++;
            }
            return j;
        }
        // what is left is whitespace (all of it BMP); r: the end of the run
        int r = i + 1;
        int lastBreak = c == '\r' || c == '\n' ? i : -1;
        while (r < end && classOf(s.charAt(r)) == SPACE) {
            char d = s.charAt(r);
            if (d == '\r' || d == '\n') {
                lastBreak = r;
            }
            r++;
        }
        // 5. \s*[\r\n]+: \s* backs off to the last line break, which [\r\n]+ then takes
        if (lastBreak >= 0) {
            return lastBreak + 1;
        }
        // 6. \s+(?!\S): all of it at the end of the text, else all but the last one
        if (r == end) {
            return r;
        }
        if (r - i > 1) {
            return r - 1;
        }
        // 7. \s+
        return r;
    }

    private static int letters(String s, int j, int end) {
        while (j < end && classAt(s, j, end) == LETTER) {
            j += width(s, j, end);
        }
        return j;
    }

    /**
     * The length of the contraction after an apostrophe at {@code j}: 1 for s, t, m, d; 2 for
     * re, ve, ll (any case); 0 for none.
     */
    private static int contraction(String s, int j, int end) {
        char a = s.charAt(j);
        switch (a) {
            case 's', 'S', '\u017F', 't', 'T', 'm', 'M', 'd', 'D' -> {
                return 1;
            }
            case 'r', 'R', 'v', 'V' -> {
                return j + 1 < end && (s.charAt(j + 1) == 'e' || s.charAt(j + 1) == 'E') ? 2 : 0;
            }
            case 'l', 'L' -> {
                return j + 1 < end && (s.charAt(j + 1) == 'l' || s.charAt(j + 1) == 'L') ? 2 : 0;
            }
            default -> {
                return 0;
            }
        }
    }
}
