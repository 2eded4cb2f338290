package drp.core.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds where a text may be cut into paragraphs or sentences. A cut is an offset: the text before
 * it (with its trailing whitespace) is one unit, the text after it the next. Cuts never fall inside
 * math ({@link MathRegions}), after a decimal point, after an abbreviation such as "e.g." or
 * "Dr.", or after the number or letter of an enumeration such as "1." or "(b)".
 */
public final class SentenceBoundaries {

    private static final Set<String> ABBREVIATIONS = Set.of(
            "e.g", "i.e", "etc", "vs", "cf", "resp", "approx", "al", "fig", "eq", "eqs", "no", "dr", "mr",
            "mrs", "ms", "prof", "st", "jr", "sr", "p", "pp", "ch", "sec", "thm", "def", "min", "max",
            "a.m", "p.m", "u.s");

    private SentenceBoundaries() {}

    /** Cut offsets after each paragraph: after a run of whitespace holding a blank line. */
    public static List<Integer> paragraphCuts(String text) {
        MathRegions math = MathRegions.of(text);
        List<Integer> cuts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (text.charAt(i) == '\n') {
                int end = i;
                int newlines = 0;
                while (end < n && Character.isWhitespace(text.charAt(end))) {
                    if (text.charAt(end) == '\n') {
                        newlines++;
                    }
                    end++;
                }
                if (newlines >= 2 && end < n && !math.protects(end)) {
                    cuts.add(end);
                }
                i = Math.max(end, i + 1);
            } else {
                i++;
            }
        }
        return cuts;
    }

    /** Cut offsets after each sentence, paragraph ends included. */
    public static List<Integer> sentenceCuts(String text) {
        MathRegions math = MathRegions.of(text);
        List<Integer> cuts = new ArrayList<>(paragraphCuts(text));
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c != '.' && c != '!' && c != '?') {
                continue;
            }
            if (math.protects(i)) {
                continue;
            }
            int after = i + 1;
            while (after < n && isClosing(text.charAt(after))) {
                after++;
            }
            if (after >= n || !Character.isWhitespace(text.charAt(after))) {
                continue; // "3.14", "x.y", or the end of the text
            }
            int next = after;
            while (next < n && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            if (next >= n || math.protects(next)) {
                continue;
            }
            if (c == '.' && (isAbbreviation(text, i) || isEnumerator(text, i))) {
                continue;
            }
            if (Character.isLowerCase(text.charAt(next)) && text.substring(after, next).indexOf('\n') < 0) {
                continue; // "... approx. two" or "... so x. then": a lowercase start is rarely a new sentence
            }
            cuts.add(next);
        }
        return cuts.stream().distinct().sorted().toList();
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '”' || c == '’';
    }

    /** The word ending at the dot at {@code dot}, lower-cased, e.g. "e.g" for "e.g.". */
    private static boolean isAbbreviation(String text, int dot) {
        int start = dot;
        while (start > 0 && (Character.isLetter(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
            start--;
        }
        String word = text.substring(start, dot).toLowerCase();
        if (word.isEmpty()) {
            return false;
        }
        // single capital letters are points and sets in mathematics ("point A."), not initials
        return ABBREVIATIONS.contains(word);
    }

    /** "1." "12." "a." "iv." at the start of a line (after optional indentation or a list marker). */
    private static boolean isEnumerator(String text, int dot) {
        int start = dot;
        while (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
            start--;
        }
        String token = text.substring(start, dot);
        if (token.isEmpty() || token.length() > 4) {
            return false;
        }
        boolean numeric = token.chars().allMatch(Character::isDigit);
        boolean roman = token.matches("(?i)[ivx]+");
        boolean letter = token.length() == 1 && Character.isLetter(token.charAt(0));
        if (!(numeric || roman || letter)) {
            return false;
        }
        return isLineStart(text, start);
    }

    private static boolean isLineStart(String text, int at) {
        int i = at - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '-'
                || text.charAt(i) == '*' || text.charAt(i) == '(')) {
            i--;
        }
        return i < 0 || text.charAt(i) == '\n';
    }
}
