package drp.core.answer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lettered options a multiple-choice problem lists, read from its text, so that a letter can
 * be checked against a value and a value against a letter: MATH keeps AMC problems with their
 * options ({@code $\textbf{(A)}\ 2128 \qquad\textbf{(B)}\ 2148 ...$}) and gives either the option's
 * value or its letter as the gold answer, while models answer either way.
 *
 * <p>Options are markers {@code (A)}, {@code (B)}, ... in order from {@code (A)}, not glued to a
 * word ({@code dot(A)}, {@code P(A)} are not markers), outside {@code [asy]} pictures; the last
 * run of at least two is taken. An option's value is the text up to the next marker; the last
 * one's ends with its math span, or else its line. Formatting around the values ({@code \qquad},
 * {@code \textbf{...}}, {@code $}, {@code \\}) is removed; the values stay LaTeX for the checker.
 *
 * @param options letter to value, in order
 */
public record ChoiceOptions(Map<Character, String> options) {

    private static final Pattern ASY = Pattern.compile("\\[asy].*?\\[/asy]", Pattern.DOTALL);
    private static final Pattern MARKER = Pattern.compile("(?<![A-Za-z0-9])\\(([A-Z])\\)");
    private static final Pattern TRAILING = Pattern.compile(
            "(?:\\s|~|\\$|\\\\\\\\|\\\\q?quad|\\\\(?:no)?indent|\\\\[,;: ]|\\\\(?:textbf|text|mathrm|mathbf|mbox|rm|bf)\\s*\\{)+$");
    private static final Pattern LEADING = Pattern.compile("^(?:\\s|~|}|\\\\q?quad|\\\\(?:no)?indent|\\\\[,;: ])+");
    /** A letter alone ({@code C}, {@code (C)}, {@code \text{(C)}}) or in parentheses before its option's text. */
    private static final Pattern LETTER = Pattern.compile("^(?:\\(?([A-Z])\\)?|\\(([A-Za-z])\\)|\\(([A-Z])\\)\\s*\\S.*)$");

    public ChoiceOptions {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** No options: a problem that is not multiple choice. */
    public static final ChoiceOptions NONE = new ChoiceOptions(Map.of());

    /** The options listed in {@code problem}; {@link #NONE} when it lists fewer than two. */
    public static ChoiceOptions of(String problem) {
        if (problem.indexOf("(A)") < 0) {
            return NONE;
        }
        String text = ASY.matcher(problem).replaceAll(" ");
        List<MatchResult> run = lastRun(text);
        if (run.size() < 2) {
            return NONE;
        }
        Map<Character, String> options = new LinkedHashMap<>();
        for (int k = 0; k < run.size(); k++) {
            MatchResult m = run.get(k);
            int end = k + 1 < run.size() ? run.get(k + 1).start() : lastValueEnd(text, m.start(), m.end());
            options.put(m.letter(), clean(text.substring(m.end(), end)));
        }
        return new ChoiceOptions(options);
    }

    private record MatchResult(char letter, int start, int end) {}

    /** The last run of markers (A), (B), (C), ... in order. */
    private static List<MatchResult> lastRun(String text) {
        List<MatchResult> best = List.of();
        List<MatchResult> current = new ArrayList<>();
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            char letter = m.group(1).charAt(0);
            if (letter == 'A') {
                if (current.size() >= 2) {
                    best = current;
                }
                current = new ArrayList<>();
                current.add(new MatchResult(letter, m.start(), m.end()));
            } else if (!current.isEmpty() && letter == current.getLast().letter() + 1) {
                current.add(new MatchResult(letter, m.start(), m.end()));
            }
        }
        return current.size() >= 2 ? current : best;
    }

    /** The end of the last option: its math span's closing {@code $} when it is inside one, else its line. */
    private static int lastValueEnd(String text, int markerStart, int from) {
        if (dollarsBefore(text, markerStart) % 2 == 1) {
            int close = text.indexOf('$', from);
            return close < 0 ? text.length() : close;
        }
        int k = from;
        while (k < text.length() && Character.isWhitespace(text.charAt(k))) {
            k++;
        }
        int line = text.indexOf('\n', k);
        return line < 0 ? text.length() : line;
    }

    private static int dollarsBefore(String text, int end) {
        int count = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '$' && (i == 0 || text.charAt(i - 1) != '\\')) {
                count++;
            }
        }
        return count;
    }

    /** The value without the layout around it: spacing, wrappers, dollar signs, unmatched braces. */
    private static String clean(String raw) {
        String s = TRAILING.matcher(raw).replaceFirst("");
        s = LEADING.matcher(s).replaceFirst("");
        s = s.replace("$", "");
        StringBuilder b = new StringBuilder(s.length());
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                b.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    continue; // closes a wrapper opened before the marker: \textbf{(A)}
                }
                depth--;
            }
            b.append(c);
        }
        return TRAILING.matcher(b.toString().strip()).replaceFirst("").strip();
    }

    public boolean isEmpty() {
        return options.isEmpty();
    }

    /** The value of option {@code letter}, if the problem lists it. */
    public Optional<String> value(char letter) {
        return Optional.ofNullable(options.get(letter));
    }

    /**
     * The option letter {@code answer} names, if it is one of these options: {@code C},
     * {@code (C)}, {@code \text{(C)}}, {@code \textbf{(C)} 12}, {@code (c)}; a bare lower-case
     * letter is a variable, not a letter.
     */
    public Optional<Character> letterOf(String answer) {
        if (options.isEmpty() || answer == null) {
            return Optional.empty();
        }
        Matcher m = LETTER.matcher(LatexNormalizer.normalize(answer));
        if (!m.matches()) {
            return Optional.empty();
        }
        String g = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        char letter = Character.toUpperCase(g.charAt(0));
        return options.containsKey(letter) ? Optional.of(letter) : Optional.empty();
    }

    /**
     * Checks {@code predicted} against {@code gold} with these options: when exactly one of them
     * is an option letter, that letter is replaced by its option's value and the values are
     * compared ({@code C} against {@code \frac{1}{6}}, or {@code \text{(C)}} against
     * {@code \frac{1}{6}}); otherwise the answers are checked as they are. The reason says which
     * option was used.
     */
    public Verdict check(AnswerChecker checker, String gold, String predicted) {
        if (options.isEmpty()) {
            return checker.check(gold, predicted);
        }
        Optional<Character> goldLetter = letterOf(gold);
        Optional<Character> predLetter = letterOf(predicted);
        if (goldLetter.isPresent() == predLetter.isPresent()) {
            return checker.check(gold, predicted);
        }
        char letter = goldLetter.orElseGet(predLetter::get);
        String value = options.get(letter);
        Verdict v = goldLetter.isPresent() ? checker.check(value, predicted) : checker.check(gold, value);
        String why = "option (" + letter + ") is '" + value + "': " + v.reason();
        return switch (v) {
            case Verdict.Correct c -> new Verdict.Correct(why);
            case Verdict.Wrong w -> new Verdict.Wrong(why);
            case Verdict.Unparseable u -> new Verdict.Unparseable(why);
            case Verdict.TimedOut t -> new Verdict.TimedOut(why);
        };
    }
}
