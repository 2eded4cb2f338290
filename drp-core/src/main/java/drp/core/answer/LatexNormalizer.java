package drp.core.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites an answer written in LaTeX into one canonical spelling, so that {@code \dfrac{1}{2}},
 * {@code \tfrac12} and {@code $\frac{1}{2}$.} read the same. The steps run in the order of
 * {@link #normalize(String)}; each is a small method named for what it removes or rewrites.
 *
 * <p>What is dropped carries no value for grading: delimiters ({@code $}, {@code \(}), sizing
 * ({@code \left}, {@code \right}), spacing ({@code \!}, {@code \,}), box wrappers, units and
 * words after a quantity ({@code \text{ cm}^2}, {@code 5 apples}), degree marks, currency signs,
 * thousands separators ({@code 1,000}, {@code 1{,}000}, {@code 1\,000}) and trailing
 * punctuation. Percent signs are kept as {@code \%}: {@code 28\%} may mean {@code 28} or
 * {@code 0.28}, and the checker decides. Degree marks ({@code °}, {@code ^{\circ}},
 * {@code \degree}) are kept as {@code ^\circ}: inside a trigonometric function they convert
 * degrees, elsewhere {@link ExpressionParser} drops them. The result is still LaTeX, for
 * {@link AnswerParser}.
 *
 * <p>Plain-text mathematics, as models write it, becomes LaTeX ({@link #plainNames}):
 * {@code sqrt(2)/2} is {@code \sqrt{2}/2}, {@code sin(pi/3)} is {@code \sin(\pi/3)}, unicode
 * {@code √}, {@code π}, {@code ∞}, {@code ×}, {@code ·}, {@code −}, {@code ²} likewise.
 */
public final class LatexNormalizer {

    private LatexNormalizer() {}

    private static final List<String> BOXES = List.of("\\boxed", "\\fbox", "\\framebox");
    private static final List<String> SIZING = List.of("\\left", "\\right", "\\bigl", "\\bigr", "\\Bigl",
            "\\Bigr", "\\biggl", "\\biggr", "\\Biggl", "\\Biggr", "\\big", "\\Big", "\\bigg", "\\Bigg");
    private static final List<String> TEXT_COMMANDS = List.of("\\text", "\\textbf", "\\textit", "\\textrm",
            "\\textnormal", "\\texttt", "\\textsf", "\\textup", "\\mbox", "\\mathrm", "\\mathbf", "\\mathit",
            "\\mathsf", "\\mathtt", "\\operatorname", "\\boldsymbol", "\\bm", "\\emph");
    private static final List<String> SPACING = List.of("\\displaystyle", "\\textstyle", "\\scriptstyle",
            "\\limits", "\\nolimits", "\\mathstrut");

    /** Control words with a canonical spelling; the left side is matched as a whole word. */
    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("\\dfrac", "\\frac"), Map.entry("\\dbinom", "\\binom"), Map.entry("\\tbinom", "\\binom"), Map.entry("\\tfrac", "\\frac"), Map.entry("\\cfrac", "\\frac"),
            Map.entry("\\cdot", "*"), Map.entry("\\times", "*"), Map.entry("\\ast", "*"), Map.entry("\\div", "/"),
            Map.entry("\\leq", "\\le"), Map.entry("\\leqslant", "\\le"), Map.entry("\\geq", "\\ge"),
            Map.entry("\\geqslant", "\\ge"), Map.entry("\\neq", "\\ne"), Map.entry("\\lt", "<"), Map.entry("\\gt", ">"),
            Map.entry("\\lbrace", "\\{"), Map.entry("\\rbrace", "\\}"), Map.entry("\\langle", "("),
            Map.entry("\\rangle", ")"), Map.entry("\\lvert", "|"), Map.entry("\\rvert", "|"), Map.entry("\\vert", "|"),
            Map.entry("\\infinity", "\\infty"), Map.entry("\\varnothing", "\\emptyset"),
            Map.entry("\\ldots", "\\dots"), Map.entry("\\cdots", "\\dots"), Map.entry("\\vee", "\\lor"),
            Map.entry("\\wedge", ","), Map.entry("\\land", ","), Map.entry("\\varepsilon", "\\epsilon"),
            Map.entry("\\vartheta", "\\theta"), Map.entry("\\varphi", "\\phi"), Map.entry("\\degree", "^\\circ"),
            Map.entry("\\dag", ""), Map.entry("\\R", "(-\\infty,\\infty)"));

    private static final Pattern DEGREE = Pattern.compile("\\^\\s*(?:\\{\\s*\\\\circ\\s*}|\\\\circ)|\\\\circ");
    private static final Pattern DOUBLED_BACKSLASH = Pattern.compile("\\\\\\\\(?=[a-zA-Z])");
    private static final Pattern THOUSANDS_BRACED = Pattern.compile("(?<=\\d)\\{,}(?=\\d)");
    private static final Pattern THOUSANDS_COMMA = Pattern.compile("(?<![\\d.])\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?!\\d|\\.\\d)");
    /** {@code 11,\! 111}: a comma followed by a negative space is always a thousands separator. */
    private static final Pattern THOUSANDS_MARKED = Pattern.compile("(?<=\\d),\\s*\\\\!\\s*(?=\\d)");
    private static final Pattern THOUSANDS_SPACE = Pattern.compile("-?\\d{1,3}(?: \\d{3})+(?:\\.\\d+)?");
    private static final Pattern MEMBERSHIP = Pattern.compile("^[A-Za-z](?:_\\{?\\w+}?)?\\s*\\\\in\\s*");
    private static final Pattern UNIT_WORDS = Pattern.compile(
            "^(.*[\\d})\\]|])\\s+((?<![\\\\A-Za-z])[A-Za-z]{2,}\\.?(?:\\s+[A-Za-z]{2,}\\.?)*)\\s*(\\^\\s*\\{?\\d}?)?$");
    private static final Pattern PLAIN_OR = Pattern.compile("(?<=[\\w)\\]}])\\s+or\\s+(?=[-\\w(\\[\\\\])");
    private static final Pattern PLAIN_AND = Pattern.compile("(?<=[\\w)\\]}])\\s+and\\s+(?=[-\\w(\\[\\\\])");
    private static final Pattern PERCENT_WORD = Pattern.compile("\\s*\\b(?:percent|percentage|pct)\\b\\.?", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_AND = Pattern.compile(",\\s*(?:and\\s+|,)");
    private static final Pattern MATHLIKE = Pattern.compile("[\\d\\\\<>=^]");
    private static final Pattern UNESCAPED_PERCENT = Pattern.compile("(?<!\\\\)%");
    private static final Pattern UNIT_EXPONENT = Pattern.compile("^\\s*\\^\\s*(?:\\{\\s*\\d\\s*}|\\d)");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /** A plain mixed number, {@code 2 3/4}: a whole number, one space, a fraction, standing alone. */
    private static final Pattern PLAIN_MIXED = Pattern.compile("(?<![\\w.}^_/])(\\d+)[ \\t]+(\\d+)/(\\d+)(?![\\w./^])");
    private static final Pattern CASES = Pattern.compile("\\\\begin\\{cases}(.*?)\\\\end\\{cases}", Pattern.DOTALL);
    private static final Pattern TEXT_ANSWER = Pattern.compile("[A-Za-z][A-Za-z '.-]*");
    private static final Pattern WORD_TEXT = Pattern.compile("[A-Za-z][A-Za-z .'/-]*");
    private static final Pattern DEGREE_WORD = Pattern.compile("degrees?|deg");

    /**
     * Plain-text function names and their LaTeX commands. {@code abs} becomes {@code \abs}, which
     * {@link ExpressionParser} reads as the absolute value (as the physics package's macro).
     */
    private static final Map<String, String> PLAIN_FUNCTIONS = Map.ofEntries(
            Map.entry("sqrt", "\\sqrt"), Map.entry("cbrt", "\\sqrt[3]"), Map.entry("sin", "\\sin"),
            Map.entry("cos", "\\cos"), Map.entry("tan", "\\tan"), Map.entry("cot", "\\cot"), Map.entry("sec", "\\sec"),
            Map.entry("csc", "\\csc"), Map.entry("arcsin", "\\arcsin"), Map.entry("arccos", "\\arccos"),
            Map.entry("arctan", "\\arctan"), Map.entry("asin", "\\arcsin"), Map.entry("acos", "\\arccos"),
            Map.entry("atan", "\\arctan"), Map.entry("sinh", "\\sinh"), Map.entry("cosh", "\\cosh"),
            Map.entry("tanh", "\\tanh"), Map.entry("ln", "\\ln"), Map.entry("log", "\\log"), Map.entry("exp", "\\exp"),
            Map.entry("abs", "\\abs"));
    /** Functions that may be written run together with a one-letter argument: {@code sinx}, {@code lnx}. */
    private static final List<String> RUN_TOGETHER = List.of("sin", "cos", "tan", "cot", "sec", "csc", "ln", "log");
    /** The letters such a run may end with: variables, not word endings ({@code sine}, {@code sinh}, {@code tank}). */
    private static final String RUN_TOGETHER_VARIABLES = "abtuvwxyz";
    private static final Map<String, String> PLAIN_CONSTANTS = Map.of("pi", "\\pi", "inf", "\\infty",
            "infty", "\\infty", "infinity", "\\infty");

    /** The canonical spelling of {@code answer}. */
    public static String normalize(String answer) {
        String plain = answer.strip();
        if (isPlainNumber(plain)) {
            return plain; // most answers: nothing to rewrite
        }
        String s = unicode(plain);
        s = collapseDoubledBackslashes(s);
        // a row break "\\" must survive the control-symbol rewrites below
        s = s.replace("\\\\", ROW_BREAK);
        s = unwrapBoxes(s);
        s = dropSizing(s);
        s = casesAsList(s);
        s = dropMathDelimiters(s);
        s = THOUSANDS_MARKED.matcher(s).replaceAll("");
        s = dropSpacing(s);
        s = replaceSymbols(s);
        s = ALL_REALS.matcher(s).replaceAll("(-\\\\infty,\\\\infty)");
        s = textGroups(s);
        s = plainNames(s);
        s = DEGREE.matcher(s).replaceAll("^\\\\circ");
        s = percent(s);
        s = braceShorthands(s);
        s = mixedNumbers(s);
        s = thousands(s);
        s = MEMBERSHIP.matcher(s.strip()).replaceFirst("");
        s = connectors(s);
        s = trailingPunctuation(s);
        s = unitWords(s);
        s = relations(s);
        s = whitespace(s);
        return s.replace(ROW_BREAK, "\\\\");
    }

    private static final String ROW_BREAK = "\u0000";

    /** {@code 42}, {@code -0.5}: digits with at most one point and a leading sign. */
    private static boolean isPlainNumber(String s) {
        int i = !s.isEmpty() && s.charAt(0) == '-' ? 1 : 0;
        boolean digits = false;
        boolean point = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !point && i + 1 < s.length()) {
                point = true;
            } else {
                return false;
            }
        }
        return digits;
    }

    private static String unicode(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u221a' || c == '\u221b') {
                // digits right after a radical sign are all under it: √12 is \sqrt{12}, not TeX's \sqrt{1}2
                int end = i + 1;
                while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
                    end++;
                }
                b.append(c == '\u221a' ? "\\sqrt" : "\\sqrt[3]");
                b.append(end > i + 1 ? "{" + s.substring(i + 1, end) + "}" : " ");
                i = end - 1;
                continue;
            }
            b.append(switch (c) {
                case '\u2212', '\u2013', '\u2014' -> "-";
                case '\u00d7' -> "*";
                case '\u00f7' -> "/";
                case '\u00b7', '\u22c5' -> "*";
                case '\u00b1' -> "\\pm ";
                case '\u2213' -> "\\mp ";
                case '\u00bd' -> "\\frac{1}{2}";
                case '\u00bc' -> "\\frac{1}{4}";
                case '\u00be' -> "\\frac{3}{4}";
                case '\u2153' -> "\\frac{1}{3}";
                case '\u2154' -> "\\frac{2}{3}";
                case '\u03b1' -> "\\alpha ";
                case '\u03b2' -> "\\beta ";
                case '\u03b3' -> "\\gamma ";
                case '\u03b8' -> "\\theta ";
                case '\u03c6' -> "\\phi ";
                case '\u03bb' -> "\\lambda ";
                case '\u03c9' -> "\\omega ";
                case '\u03c0' -> "\\pi ";
                case '\u221e' -> "\\infty ";
                case '\u00b0' -> "^\\circ";
                case '\u2264' -> "\\le ";
                case '\u2265' -> "\\ge ";
                case '\u2260' -> "\\ne ";
                case '\u222a' -> "\\cup ";
                case '\u2208' -> "\\in ";
                case '\u00a0', '\t', '\n', '\r' -> " ";
                default -> {
                    int end = c < 128 ? i : superscriptEnd(s, i);
                    if (end == i) {
                        yield String.valueOf(c);
                    }
                    String exponent = superscripts(s.substring(i, end));
                    i = end - 1;
                    yield "^{" + exponent + "}";
                }
            });
        }
        return b.toString();
    }

    private static final String SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";

    /** The end of a run of superscript digits and minus signs starting at {@code i} ({@code x²}, {@code 10⁻³}). */
    private static int superscriptEnd(String s, int i) {
        int j = i;
        while (j < s.length() && (SUPERSCRIPTS.indexOf(s.charAt(j)) >= 0 || s.charAt(j) == '\u207b')) {
            j++;
        }
        return j;
    }

    private static String superscripts(String run) {
        StringBuilder b = new StringBuilder(run.length());
        for (int k = 0; k < run.length(); k++) {
            char c = run.charAt(k);
            b.append(c == '\u207b' ? '-' : (char) ('0' + SUPERSCRIPTS.indexOf(c)));
        }
        return b.toString();
    }

    /** {@code \\dfrac} (a doubled escape, as in JSON written twice) means {@code \dfrac}; matrices keep {@code \\}. */
    private static String collapseDoubledBackslashes(String s) {
        return s.contains("\\begin") ? s : DOUBLED_BACKSLASH.matcher(s).replaceAll("\\\\");
    }

    private static String unwrapBoxes(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        if (s.indexOf("\\boxed") != s.lastIndexOf("\\boxed")) {
            // several boxes: "\boxed{1}\boxed{2}" is one answer, "1, 2"
            s = RuleBasedExtractor.lastBoxed(s).orElse(s);
        }
        for (String box : BOXES) {
            int at;
            while ((at = indexOfCommand(s, box, 0)) >= 0) {
                int i = LatexGroups.skipSpaces(s, at + box.length());
                if (i < s.length() && s.charAt(i) == '{') {
                    int close = LatexGroups.closing(s, i);
                    if (close < 0) {
                        s = s.substring(0, at) + s.substring(i + 1);
                    } else {
                        s = s.substring(0, at) + s.substring(i + 1, close) + s.substring(close + 1);
                    }
                } else {
                    s = s.substring(0, at) + s.substring(i);
                }
            }
        }
        return s;
    }

    private static String dropSizing(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        for (String cmd : SIZING) {
            int at;
            while ((at = indexOfCommand(s, cmd, 0)) >= 0) {
                int end = at + cmd.length();
                // \left. and \right. are invisible delimiters
                if (end < s.length() && s.charAt(end) == '.') {
                    end++;
                }
                s = s.substring(0, at) + s.substring(end);
            }
        }
        return s;
    }

    private static String dropMathDelimiters(String s) {
        s = s.replace("\\$", "").replace("$", "");
        return s.replace("\\(", "").replace("\\)", "").replace("\\[", "").replace("\\]", "");
    }

    private static String dropSpacing(String s) {
        s = s.replace("\\!", "").replace("\\,", "").replace("\\;", "").replace("\\:", "").replace("\\ ", " ");
        s = s.replace("~", " ");
        if (s.indexOf('\\') < 0) {
            return s;
        }
        s = replaceCommand(s, "\\qquad", " ");
        s = replaceCommand(s, "\\quad", " ");
        for (String cmd : SPACING) {
            s = replaceCommand(s, cmd, "");
        }
        for (String cmd : List.of("\\hspace", "\\vspace", "\\phantom")) {
            int at;
            while ((at = indexOfCommand(s, cmd, 0)) >= 0) {
                int[] arg = LatexGroups.argument(s, at + cmd.length());
                s = s.substring(0, at) + (arg == null ? "" : s.substring(arg[2]));
            }
        }
        return s;
    }

    private static String replaceSymbols(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1))) {
                int j = i + 1;
                while (j < s.length() && Character.isLetter(s.charAt(j))) {
                    j++;
                }
                String word = s.substring(i, j);
                String canon = SYMBOLS.get(word);
                if (canon == null) {
                    b.append(word);
                } else {
                    b.append(canon);
                    if (canon.startsWith("\\") && j < s.length() && Character.isLetter(s.charAt(j))) {
                        b.append(' ');
                    }
                }
                i = j;
            } else if (c == '\\' && i + 1 < s.length()) {
                b.append(c).append(s.charAt(i + 1));
                i += 2;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /**
     * {@code \text{...}} and its kin: the whole answer in one group keeps its content
     * ({@code \text{(B)}}, {@code \text{Evelyn}}); "or"/"and" become connectors; words after a
     * quantity are units and go, with an exponent that follows them ({@code \mbox{ cm}^2});
     * anything else keeps its content ({@code \mathrm{e}}, {@code \text{13}}).
     */
    private static final Pattern ALL_REALS = Pattern.compile(
            "\\\\mathbb\\s*\\{?\\s*R\\s*}?|\\\\mathbb\\s*R|(?i:all real numbers)");

    private static String textGroups(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        for (int guard = 0; guard < 1000; guard++) {
            int at = -1;
            String cmd = null;
            for (String c : TEXT_COMMANDS) {
                int k = indexOfCommand(s, c, 0);
                if (k >= 0 && (at < 0 || k < at)) {
                    at = k;
                    cmd = c;
                }
            }
            if (at < 0) {
                return s;
            }
            int open = LatexGroups.skipSpaces(s, at + cmd.length());
            if (open >= s.length() || s.charAt(open) != '{') {
                s = s.substring(0, at) + s.substring(open);
                continue;
            }
            int close = LatexGroups.closing(s, open);
            if (close < 0) {
                s = s.substring(0, at) + s.substring(open + 1);
                continue;
            }
            String content = s.substring(open + 1, close);
            String before = s.substring(0, at);
            String after = s.substring(close + 1);
            String word = content.strip();
            String replacement;
            if (before.isBlank() && after.isBlank()) {
                replacement = word;
            } else if (word.equalsIgnoreCase("or")) {
                replacement = " \\lor ";
            } else if (word.equalsIgnoreCase("and") || word.equals(",")) {
                replacement = ",";
            } else if (PERCENT_WORD.matcher(word).matches()) {
                replacement = "\\%";
            } else if (DEGREE_WORD.matcher(word).matches() && !before.isBlank()) {
                replacement = "^\\circ"; // "60\text{ degrees}": a degree mark, converted inside sin(...)
            } else if (PLAIN_FUNCTIONS.containsKey(word)) {
                replacement = " " + word + " "; // \operatorname{sin}: read by plainNames
            } else if (isUnit(word, before, cmd)) {
                replacement = "";
                after = UNIT_EXPONENT.matcher(after).replaceFirst("");
            } else {
                replacement = content;
            }
            s = before + replacement + after;
        }
        return s;
    }

    /** A word (not a single math letter) written after a quantity: a unit or a noun. */
    private static boolean isUnit(String word, String before, String cmd) {
        if (!WORD_TEXT.matcher(word).matches() || before.isBlank()) {
            return false;
        }
        if (word.length() == 1 && !cmd.startsWith("\\text") && !cmd.equals("\\mbox")) {
            return false;
        }
        char last = before.stripTrailing().charAt(before.stripTrailing().length() - 1);
        return Character.isDigit(last) || last == '}' || last == ')' || last == ']' || Character.isLetter(last);
    }

    /**
     * Plain-text names written as models write them: a run of letters that is a known function
     * name ({@code sqrt}, {@code sin}, {@code asin}, {@code ln}, {@code log}, {@code exp},
     * {@code abs}, ...) followed by its argument (a bracket, a digit, a letter after a space, a
     * command, {@code ^} or {@code _}) becomes the LaTeX command, so {@code sin(pi/3)} is not the
     * product {@code s i n (p i / 3)}; {@code sqrt12} and {@code sqrt 12} put the whole number
     * under the root; {@code log2(8)} and {@code log10(x)} name their base; a trigonometric or
     * logarithm name run together with one variable letter is applied to it ({@code sinx},
     * {@code lnx}, {@code cost}; not {@code sine}, {@code sinh}); {@code pi}, {@code inf},
     * {@code infty}, {@code infinity} are constants wherever they stand as a whole word; "degrees"
     * between a number and {@code )} is a degree mark ({@code sin(30 degrees)}). Control words
     * ({@code \pi}, {@code \begin}) and other words are left alone; {@code e} and {@code i} are
     * single letters, read by the parser.
     */
    static String plainNames(String s) {
        int n = s.length();
        StringBuilder b = null;
        int copied = 0;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                i = LatexGroups.argument(s, i)[2]; // a control word or symbol, left as it is
                continue;
            }
            if (!isAsciiLetter(c)) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && isAsciiLetter(s.charAt(j))) {
                j++;
            }
            Spelling spelled = plainName(s, i, j);
            if (spelled == null) {
                i = j;
                continue;
            }
            if (b == null) {
                b = new StringBuilder(n + 16);
            }
            b.append(s, copied, spelled.from()).append(spelled.latex());
            copied = spelled.to();
            i = spelled.to();
        }
        return b == null ? s : b.append(s, copied, n).toString();
    }

    /** {@code s[from, to)} is spelled {@code latex}. */
    private record Spelling(int from, int to, String latex) {}

    /** The LaTeX spelling of the word {@code s[from, to)} and what it takes along, or null when it is not a plain name. */
    private static Spelling plainName(String s, int from, int to) {
        if (to - from < 2 || s.charAt(from) < 'a') {
            return null; // one letter is a variable; every name is lower case and at least two letters long
        }
        String word = s.substring(from, to);
        String constant = PLAIN_CONSTANTS.get(word);
        if (constant != null) {
            return new Spelling(from, to, constant + (to < s.length() && isAsciiLetter(s.charAt(to)) ? " " : ""));
        }
        int next = LatexGroups.skipSpaces(s, to);
        char after = next < s.length() ? s.charAt(next) : 0;
        if (word.startsWith("deg") && DEGREE_WORD.matcher(word).matches()) {
            // "30 degrees)": the mark follows the number, the space goes
            int k = from;
            while (k > 0 && s.charAt(k - 1) == ' ') {
                k--;
            }
            char before = k > 0 ? s.charAt(k - 1) : 0;
            return after == ')' && (Character.isDigit(before) || before == '}') ? new Spelling(k, to, "^\\circ") : null;
        }
        String command = PLAIN_FUNCTIONS.get(word);
        if (command == null) {
            for (String name : RUN_TOGETHER) {
                if (word.length() == name.length() + 1 && word.startsWith(name)
                        && RUN_TOGETHER_VARIABLES.indexOf(word.charAt(name.length())) >= 0) {
                    return new Spelling(from, to, PLAIN_FUNCTIONS.get(name) + " " + word.charAt(name.length()));
                }
            }
            return null;
        }
        boolean argument = after == '(' || after == '[' || after == '{' || after == '^' || after == '_' || after == '\\'
                || after == '|' || Character.isDigit(after) || (next > to && isAsciiLetter(after));
        if (!argument) {
            return null;
        }
        if ((word.equals("sqrt") || word.equals("cbrt")) && Character.isDigit(after)) {
            int end = numberEnd(s, next); // the whole number goes under the root
            return new Spelling(from, end, command + "{" + s.substring(next, end) + "}");
        }
        if (word.equals("log") && next == to && Character.isDigit(after)) {
            int end = numberEnd(s, to);
            if (end < s.length() && s.charAt(end) == '(') {
                return new Spelling(from, end, "\\log_{" + s.substring(to, end) + "}"); // log2(8)
            }
        }
        return new Spelling(from, to, command);
    }

    private static int numberEnd(String s, int i) {
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String percent(String s) {
        if (s.indexOf('%') >= 0) {
            s = UNESCAPED_PERCENT.matcher(s).replaceAll("\\\\%");
        }
        return PERCENT_WORD.matcher(s).replaceAll("\\\\%");
    }

    /** {@code \frac12}, {@code \frac1{72}}, {@code \sqrt2}, {@code \sqrt[3]8}: every argument braced. */
    private static String braceShorthands(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        s = braceArguments(s, "\\frac", 2);
        s = braceArguments(s, "\\binom", 2);
        return braceArguments(s, "\\sqrt", 1);
    }

    private static String braceArguments(String s, String cmd, int count) {
        int from = 0;
        int at;
        while ((at = indexOfCommand(s, cmd, from)) >= 0) {
            StringBuilder b = new StringBuilder(cmd);
            int i = at + cmd.length();
            if (cmd.equals("\\sqrt")) {
                int k = LatexGroups.skipSpaces(s, i);
                if (k < s.length() && s.charAt(k) == '[') {
                    int close = s.indexOf(']', k);
                    if (close < 0) {
                        return s;
                    }
                    b.append(s, k, close + 1);
                    i = close + 1;
                }
                k = LatexGroups.skipSpaces(s, i);
                int close = k < s.length() && s.charAt(k) == '(' ? closingParenthesis(s, k) : -1;
                if (close > 0) {
                    // sqrt(2), as models write it: the parenthesized group is the radicand
                    s = s.substring(0, at) + b + "{" + s.substring(k + 1, close) + "}" + s.substring(close + 1);
                    from = at + cmd.length();
                    continue;
                }
            }
            boolean complete = true;
            for (int n = 0; n < count; n++) {
                int[] arg = LatexGroups.argument(s, i);
                if (arg == null) {
                    complete = false;
                    break;
                }
                b.append('{').append(s, arg[0], arg[1]).append('}');
                i = arg[2];
            }
            if (!complete) {
                return s;
            }
            s = s.substring(0, at) + b + s.substring(i);
            from = at + cmd.length();
        }
        return s;
    }

    /** The index of the {@code )} closing the {@code (} at {@code open}, or -1. */
    private static int closingParenthesis(String s, int open) {
        int depth = 0;
        for (int j = open; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    /** {@code 1{,}000}, {@code 1,000,000} (outside brackets only: {@code (1,000)} stays a pair), {@code 1 000}. */
    /**
     * A system in {@code \\begin{cases}...\\end{cases}} is the list of its rows: {@code x = 1, y = 2};
     * alignment marks and each row's closing punctuation go.
     */
    static String casesAsList(String s) {
        if (!s.contains("\\begin{cases}")) {
            return s;
        }
        Matcher m = CASES.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            List<String> rows = new ArrayList<>();
            for (String row : m.group(1).split(Pattern.quote(ROW_BREAK))) {
                String r = trailingPunctuation(row.replace("&", " "));
                if (!r.isBlank()) {
                    rows.add(r);
                }
            }
            m.appendReplacement(b, Matcher.quoteReplacement(String.join(", ", rows)));
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * A plain mixed number is its sum written as LaTeX's mixed number: {@code 2 3/4} becomes
     * {@code 2\\frac{3}{4}} (read as 11/4), never the product 2 * 3/4 nor 23/4.
     */
    static String mixedNumbers(String s) {
        if (s.indexOf('/') < 0 || s.indexOf(' ') < 0) {
            return s;
        }
        return PLAIN_MIXED.matcher(s).replaceAll("$1\\\\frac{$2}{$3}");
    }

    private static String thousands(String s) {
        s = THOUSANDS_BRACED.matcher(s).replaceAll("");
        Matcher m = THOUSANDS_COMMA.matcher(s);
        StringBuilder b = new StringBuilder();
        int last = 0;
        while (m.find()) {
            b.append(s, last, m.start());
            String number = m.group();
            boolean outside = depth(s, m.start()) == 0;
            boolean spacedList = m.end() < s.length() && s.charAt(m.end()) == ',';
            b.append(outside && !spacedList ? number.replace(",", "") : number);
            last = m.end();
        }
        b.append(s.substring(last));
        s = b.toString();
        String t = s.strip();
        if (THOUSANDS_SPACE.matcher(t).matches()) {
            return t.replace(" ", "");
        }
        return s;
    }

    /** Bracket depth at {@code end}: parentheses, brackets and set braces, not TeX groups. */
    private static int depth(String s, int end) {
        int d = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean escaped = i > 0 && s.charAt(i - 1) == '\\';
            if (c == '(' || c == '[' || (c == '{' && escaped)) {
                d++;
            } else if (c == ')' || c == ']' || (c == '}' && escaped)) {
                d--;
            }
        }
        return d;
    }

    private static String connectors(String s) {
        if (!MATHLIKE.matcher(s).find()) {
            return s; // "yes or no" is a text answer
        }
        s = PLAIN_OR.matcher(s).replaceAll(" \\\\lor ");
        s = PLAIN_AND.matcher(s).replaceAll(",");
        // "2, 3, and 4" and "2, 3, \text{ and } 4": one separator, not an empty element
        return LIST_AND.matcher(s).replaceAll(",");
    }

    private static String trailingPunctuation(String s) {
        String t = s.strip();
        while (!t.isEmpty()) {
            char c = t.charAt(t.length() - 1);
            boolean escaped = t.length() >= 2 && t.charAt(t.length() - 2) == '\\';
            if ((c == '.' && !t.endsWith("\\dots") && !escaped) || c == ',' || c == ';' || c == ':') {
                t = t.substring(0, t.length() - 1).strip();
            } else if (t.endsWith(ROW_BREAK)) {
                t = t.substring(0, t.length() - ROW_BREAK.length()).strip();
            } else {
                break;
            }
        }
        return t;
    }

    /** Plain words after a quantity ({@code 5 apples}, {@code 15 square units}) are units. */
    private static String unitWords(String s) {
        if (s.length() > 400) {
            return s;
        }
        Matcher m = UNIT_WORDS.matcher(s);
        if (m.matches() && !m.group(2).equalsIgnoreCase("or") && !m.group(2).equalsIgnoreCase("and")) {
            return m.group(1).strip();
        }
        return s;
    }

    private static String relations(String s) {
        return s.replace("<=", "\\le ").replace(">=", "\\ge ").replace("!=", "\\ne ").replace("=<", "\\le ");
    }

    /**
     * Spaces go, except after a control word followed by a letter ({@code \pi r} is not
     * {@code \pir}), between two digits (so that {@code 2 3} is not read as {@code 23}), and in
     * plain-text answers ({@code no solution}).
     */
    private static String whitespace(String s) {
        String t = SPACES.matcher(s.strip()).replaceAll(" ");
        if (TEXT_ANSWER.matcher(t).matches()) {
            return t;
        }
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != ' ') {
                b.append(c);
                continue;
            }
            char next = i + 1 < t.length() ? t.charAt(i + 1) : ' ';
            boolean afterCommand = endsWithControlWord(b);
            boolean betweenDigits = !b.isEmpty() && Character.isDigit(b.charAt(b.length() - 1)) && Character.isDigit(next);
            if ((afterCommand && Character.isLetter(next)) || betweenDigits) {
                b.append(' ');
            }
        }
        return b.toString();
    }

    private static boolean endsWithControlWord(CharSequence b) {
        int i = b.length() - 1;
        while (i >= 0 && Character.isLetter(b.charAt(i))) {
            i--;
        }
        return i >= 0 && i < b.length() - 1 && b.charAt(i) == '\\';
    }

    /** Replaces the control word {@code cmd} wherever it stands as a whole word. */
    private static String replaceCommand(String s, String cmd, String with) {
        int at;
        int from = 0;
        while ((at = indexOfCommand(s, cmd, from)) >= 0) {
            s = s.substring(0, at) + with + s.substring(at + cmd.length());
            from = at + with.length();
        }
        return s;
    }

    /** The next index of the control word {@code cmd} as a whole word, from {@code from}. */
    static int indexOfCommand(String s, String cmd, int from) {
        int at = s.indexOf(cmd, from);
        while (at >= 0) {
            if (LatexGroups.commandAt(s, at, cmd)) {
                return at;
            }
            at = s.indexOf(cmd, at + 1);
        }
        return -1;
    }

    /** Lower-case letters and digits only: how two plain-text answers are compared. */
    static String textKey(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
