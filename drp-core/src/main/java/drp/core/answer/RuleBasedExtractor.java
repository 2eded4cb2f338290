package drp.core.answer;

import drp.core.trace.ThinkSplit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@link ExtractionRule}s in a configured order; the first rule that finds an answer wins.
 * The rules run on the final part of the output (after {@code </think>}) first; only when none
 * finds anything there, and only when configured, do they run on the think text.
 */
public final class RuleBasedExtractor implements AnswerExtractor {

    /** Boxed, then GSM8K's marker, then the two phrases, then the last math span, then the last number. */
    public static final List<ExtractionRule> DEFAULT_ORDER = List.of(
            ExtractionRule.BOXED, ExtractionRule.HASH_MARK, ExtractionRule.THE_ANSWER_IS,
            ExtractionRule.FINAL_ANSWER_IS, ExtractionRule.LAST_MATH, ExtractionRule.LAST_NUMBER);

    /**
     * How {@code drp equiv} and the checker read a prediction written as free text, the way checkers
     * that parse a model's output do: the last box, then "answer is"/"Answer:" forms, then the last
     * math expression, then the last number.
     */
    public static final List<ExtractionRule> FREE_TEXT_ORDER = List.of(
            ExtractionRule.BOXED, ExtractionRule.THE_ANSWER_IS, ExtractionRule.FINAL_ANSWER_IS,
            ExtractionRule.LAST_MATH, ExtractionRule.LAST_NUMBER);

    private static final Pattern HASH_MARK = Pattern.compile("####\\s*([^\\n]*)");
    private static final Pattern THE_ANSWER_IS = Pattern.compile(
            "(?i)(?:\\bthe (?:final )?answer is\\s*:?|(?<![A-Za-z])(?<!final )\\**answer(?:\\*\\*)?\\s*:(?:\\*\\*)?)[ \\t]*([^\\n]*)");
    private static final Pattern FINAL_ANSWER_IS =
            Pattern.compile("(?i)\\bfinal answer(?:\\*\\*)?(?:\\s+is)?(?:\\*\\*)?\\s*:?(?:\\*\\*)?[ \\t]*([^\\n]*)(?:\\n\\s*([^\\n]*))?");
    private static final Pattern NUMBER =
            Pattern.compile("-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?(?![\\d,])|-?\\d+(?:\\.\\d+)?(?:/\\d+)?|-?\\.\\d+");
    /** What may stand between two boxes that form one answer: math delimiters, commas, "and", "or". */
    private static final Pattern BOX_GAP = Pattern.compile(
            "(?:\\s|\\$|\\\\[()\\[\\]]|[,;]|\\band\\b|\\bor\\b|\\\\text\\{\\s*(?:and|or|,)\\s*}|\\\\q?quad|\\\\,)*");
    private static final Pattern CLAUSE = Pattern.compile(
            "(?i),?\\s+(?:which|because|since|as|so|where|when|but|that|and so|hence|therefore|because)\\b");
    private static final Pattern TRAILING_STOP = Pattern.compile("[.!]+$");
    private static final Pattern SENTENCE_END = Pattern.compile("\\.(?=\\s|$)");

    private final List<ExtractionRule> order;
    private final boolean searchThink;

    /**
     * @param order the rules to try, in order
     * @param searchThink also look inside the think block when the final part has no answer
     */
    public RuleBasedExtractor(List<ExtractionRule> order, boolean searchThink) {
        if (order.isEmpty()) {
            throw new IllegalArgumentException("at least one extraction rule is needed");
        }
        this.order = List.copyOf(order);
        this.searchThink = searchThink;
    }

    /** The rules in {@code order}, on the final part only. */
    public RuleBasedExtractor(List<ExtractionRule> order) {
        this(order, false);
    }

    /** {@link #DEFAULT_ORDER} on the final part only. */
    public RuleBasedExtractor() {
        this(DEFAULT_ORDER);
    }

    public List<ExtractionRule> order() {
        return order;
    }

    public boolean searchesThink() {
        return searchThink;
    }

    @Override
    public Optional<ExtractedAnswer> extract(String text) {
        ThinkSplit split = ThinkSplit.of(text);
        Optional<ExtractedAnswer> found = extractFrom(split.finalPart(), false);
        if (found.isEmpty() && searchThink && !split.think().isEmpty()) {
            found = extractFrom(split.think(), true);
        }
        return found;
    }

    private Optional<ExtractedAnswer> extractFrom(String text, boolean fromThink) {
        for (ExtractionRule rule : order) {
            Optional<String> found = switch (rule) {
                case BOXED -> lastBoxed(text);
                case HASH_MARK -> lastGroup(HASH_MARK, text).map(RuleBasedExtractor::unwrapPhrase);
                case THE_ANSWER_IS -> lastGroup(THE_ANSWER_IS, text).map(RuleBasedExtractor::unwrapPhrase);
                case FINAL_ANSWER_IS -> finalAnswer(text);
                case LAST_MATH -> lastMath(text);
                case LAST_NUMBER -> lastNumber(text);
            };
            if (found.isPresent() && !found.get().isBlank()) {
                return Optional.of(new ExtractedAnswer(found.get().strip(), rule, fromThink));
            }
        }
        return Optional.empty();
    }

    /**
     * The content of the last {@code \boxed{...}} or {@code \fbox{...}}, braces balanced; boxes
     * that stand together ({@code \boxed{-2} and \boxed{1}}) are joined with commas.
     */
    public static Optional<String> lastBoxed(String text) {
        List<int[]> boxes = boxes(text);
        for (int k = boxes.size() - 1; k >= 0; k--) {
            int[] box = boxes.get(k);
            if (box[1] <= box[0] || text.substring(box[0], box[1]).isBlank()) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            parts.add(text.substring(box[0], box[1]).strip());
            for (int j = k - 1; j >= 0; j--) {
                int[] prev = boxes.get(j);
                String gap = text.substring(prev[2], boxes.get(j + 1)[3]);
                if (!BOX_GAP.matcher(gap).matches() || prev[1] <= prev[0]) {
                    break;
                }
                parts.addFirst(text.substring(prev[0], prev[1]).strip());
            }
            return Optional.of(String.join(", ", parts));
        }
        return Optional.empty();
    }

    /** Every box as {content start, content end, end of the box, start of the command}. */
    private static List<int[]> boxes(String text) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (true) {
            int b = LatexNormalizer.indexOfCommand(text, "\\boxed", i);
            int f = LatexNormalizer.indexOfCommand(text, "\\fbox", i);
            int at = b < 0 ? f : f < 0 ? b : Math.min(b, f);
            if (at < 0) {
                return out;
            }
            int[] box = boxAt(text, at, text.startsWith("\\boxed", at) ? 6 : 5);
            if (box != null) {
                out.add(box);
                i = box[2];
            } else {
                i = at + 1;
            }
        }
    }

    private static int[] boxAt(String text, int at, int length) {
        int i = LatexGroups.skipSpaces(text, at + length);
        if (i >= text.length()) {
            return null;
        }
        if (text.charAt(i) != '{') {
            if (i == at + length) {
                return null; // "\boxedx" is another command
            }
            // "\boxed 5": the argument runs to the next space or '$'
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '$') {
                end++;
            }
            return new int[] {i, end, end, at};
        }
        int close = LatexGroups.closing(text, i);
        return close < 0 ? null : new int[] {i + 1, close, close + 1, at};
    }

    /** The group of the last match; matches may start inside an earlier one's group ("Answer: The answer is 5"). */
    private static Optional<String> lastGroup(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        String last = null;
        int from = 0;
        while (from <= text.length() && m.find(from)) {
            last = m.group(1);
            from = Math.max(m.start(1), m.start() + 1);
        }
        return Optional.ofNullable(last);
    }

    /** "Final Answer: 42", "The final answer is $28\%$. I hope...", or "**Final Answer**" over the answer. */
    private static Optional<String> finalAnswer(String text) {
        Matcher m = FINAL_ANSWER_IS.matcher(text);
        String last = null;
        while (m.find()) {
            String sameLine = m.group(1).strip();
            last = !sameLine.isEmpty() ? sameLine : m.group(2) == null ? null : m.group(2).strip();
        }
        return Optional.ofNullable(last).map(RuleBasedExtractor::unwrapPhrase);
    }

    /** The content of the last math span ({@code $...$}, {@code $$...$$}, {@code \\(...\\)}, {@code \\[...\\]}). */
    static Optional<String> lastMath(String text) {
        String last = null;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char d = text.charAt(i + 1);
                if (d == '(' || d == '[') {
                    String close = d == '(' ? "\\)" : "\\]";
                    int end = text.indexOf(close, i + 2);
                    if (end < 0) {
                        break;
                    }
                    last = text.substring(i + 2, end);
                    i = end + 2;
                    continue;
                }
                i += 2; // "\$" and other escapes
                continue;
            }
            if (c == '$') {
                boolean display = i + 1 < n && text.charAt(i + 1) == '$';
                int from = i + (display ? 2 : 1);
                int end = closingDollar(text, from, display);
                if (end < 0) {
                    break;
                }
                last = text.substring(from, end);
                i = end + (display ? 2 : 1);
                continue;
            }
            i++;
        }
        return Optional.ofNullable(last).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static int closingDollar(String text, int from, boolean display) {
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '$') {
                if (!display) {
                    return j;
                }
                if (j + 1 < text.length() && text.charAt(j + 1) == '$') {
                    return j;
                }
            }
        }
        return -1;
    }

    /**
     * Whether a prediction is free text (a sentence or a worked solution) rather than a bare answer:
     * it names an answer ("answer"), or it has a box or a math span with words outside them, or it
     * has three or more words. Bare answers with a unit ({@code 5 apples}, {@code 5225 cubic inches})
     * or a connective ({@code x < 3 or x > 5}) are not free text. A cheap scan: no regex.
     */
    public static boolean isFreeText(String text) {
        int n = text.length();
        boolean delimited = false;
        int words = 0;
        int depth = 0;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                int j = i + 1;
                while (j < n && Character.isLetter(text.charAt(j))) {
                    j++;
                }
                String cmd = text.substring(i + 1, j);
                if (j == i + 1 && j < n) {
                    char d = text.charAt(j);
                    if (d == '(' || d == '[') {
                        delimited = true;
                    }
                    j++;
                } else if (cmd.equals("boxed") || cmd.equals("fbox")) {
                    delimited = true;
                } else if (cmd.equals("text") || cmd.equals("textnormal") || cmd.equals("mbox") || cmd.equals("mathrm")
                        || cmd.equals("textbf") || cmd.equals("operatorname") || cmd.equals("begin") || cmd.equals("end")) {
                    int k = j;
                    while (k < n && text.charAt(k) == ' ') {
                        k++;
                    }
                    if (k < n && text.charAt(k) == '{') {
                        int close = LatexGroups.closing(text, k);
                        j = close < 0 ? n : close + 1; // a text group is part of the answer (units, words)
                    }
                }
                i = j;
                continue;
            }
            if (c == '$') {
                delimited = true;
                i++;
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            if (Character.isLetter(c)) {
                int j = i;
                while (j < n && Character.isLetter(text.charAt(j))) {
                    j++;
                }
                if (j - i >= 2 && depth == 0) {
                    if (j - i == 6 && text.regionMatches(true, i, "answer", 0, 6)) {
                        return true;
                    }
                    words++;
                }
                i = j;
                continue;
            }
            i++;
        }
        return words >= 3 || (delimited && words >= 1);
    }

    private static Optional<String> lastNumber(String text) {
        Matcher m = NUMBER.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return Optional.ofNullable(last).map(s -> s.replace(",", ""));
    }

    /**
     * The answer inside a phrase: its first math span ({@code $...$}, {@code \(...\)},
     * {@code \[...\]}) or else the text up to the end of its sentence; a box inside that is
     * unwrapped.
     */
    static String unwrapPhrase(String phrase) {
        String s = phrase.strip().replace("**", "").strip();
        String math = mathSpan(s);
        if (math == null) {
            Matcher end = SENTENCE_END.matcher(s);
            math = end.find() ? s.substring(0, end.start()) : s;
            Matcher clause = CLAUSE.matcher(math);
            if (clause.find()) {
                math = math.substring(0, clause.start()); // "12, which is ...": the clause is not the answer
            }
            int is = math.lastIndexOf(" is ");
            if (is > 0 && !math.substring(is + 4).isBlank()) {
                // "The volume of $ABCD$ is 120": a sentence that states the answer after its verb
                String stated = math.substring(is + 4).strip();
                String span = mathSpan(stated);
                math = span != null ? span : stated;
            }
        }
        return TRAILING_STOP.matcher(lastBoxed(math).orElse(math)).replaceFirst("").strip();
    }

    private static String mathSpan(String s) {
        for (String[] d : new String[][] {{"$$", "$$"}, {"$", "$"}, {"\\(", "\\)"}, {"\\[", "\\]"}}) {
            if (s.startsWith(d[0])) {
                int close = s.indexOf(d[1], d[0].length());
                while (close > 0 && d[1].equals("$") && s.charAt(close - 1) == '\\') {
                    close = s.indexOf(d[1], close + 1); // "\$" is a dollar sign, not the end
                }
                if (close > 0) {
                    return s.substring(d[0].length(), close).strip();
                }
            }
        }
        return null;
    }
}
