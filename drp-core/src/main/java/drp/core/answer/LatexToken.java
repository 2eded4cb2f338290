package drp.core.answer;

import java.util.ArrayList;
import java.util.List;

/**
 * One token of a normalized LaTeX answer: a number, a single letter (LaTeX variables are one letter
 * each: {@code xy} is {@code x*y}), a control word or control symbol, or a single character.
 */
record LatexToken(Kind kind, String text) {

    enum Kind { NUMBER, LETTER, COMMAND, SYMBOL }

    boolean is(String s) {
        return text.equals(s);
    }

    boolean isSymbol(char c) {
        return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Splits {@code s}; whitespace only separates tokens. */
    static List<LatexToken> split(String s) {
        List<LatexToken> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < n && isDigit(s.charAt(j))) {
                    j++;
                }
                if (j < n && s.charAt(j) == '.' && j + 1 < n && isDigit(s.charAt(j + 1))) {
                    j++;
                    while (j < n && isDigit(s.charAt(j))) {
                        j++;
                    }
                }
                j = exponentEnd(s, j);
                out.add(new LatexToken(Kind.NUMBER, s.substring(i, j)));
                i = j;
            } else if (c == '\\' && i + 1 < n) {
                int j = i + 1;
                while (j < n && isAsciiLetter(s.charAt(j))) {
                    j++;
                }
                if (j == i + 1) {
                    j = i + 2;
                }
                out.add(new LatexToken(Kind.COMMAND, s.substring(i, j)));
                i = j;
            } else if (isAsciiLetter(c)) {
                out.add(new LatexToken(Kind.LETTER, String.valueOf(c)));
                i++;
            } else {
                out.add(new LatexToken(Kind.SYMBOL, String.valueOf(c)));
                i++;
            }
        }
        return out;
    }

    /** {@code 1.5e-3}: an exponent directly after the digits, with at least one digit. */
    private static int exponentEnd(String s, int j) {
        int n = s.length();
        if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                k++;
            }
            if (k < n && isDigit(s.charAt(k))) {
                while (k < n && isDigit(s.charAt(k))) {
                    k++;
                }
                return k;
            }
        }
        return j;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
