package drp.core.answer;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@link ExtractionRule}s in a configured order; the first rule that finds an answer wins.
 */
public final class RuleBasedExtractor implements AnswerExtractor {

    /** Boxed, then GSM8K's marker, then the two phrases, then the last number. */
    public static final List<ExtractionRule> DEFAULT_ORDER = List.of(
            ExtractionRule.BOXED, ExtractionRule.HASH_MARK, ExtractionRule.THE_ANSWER_IS,
            ExtractionRule.FINAL_ANSWER_IS, ExtractionRule.LAST_NUMBER);

    private static final Pattern HASH_MARK = Pattern.compile("####\\s*([^\\n]+)");
    private static final Pattern THE_ANSWER_IS =
            Pattern.compile("(?i)the (?:final )?answer is[:\\s]*([^\\n]+)");
    private static final Pattern FINAL_ANSWER_IS =
            Pattern.compile("(?i)final answer(?: is)?[:\\s]*([^\\n]+)");
    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?(?:/\\d+)?");

    private final List<ExtractionRule> order;

    public RuleBasedExtractor(List<ExtractionRule> order) {
        if (order.isEmpty()) {
            throw new IllegalArgumentException("at least one extraction rule is needed");
        }
        this.order = List.copyOf(order);
    }

    public RuleBasedExtractor() {
        this(DEFAULT_ORDER);
    }

    @Override
    public Optional<ExtractedAnswer> extract(String text) {
        for (ExtractionRule rule : order) {
            Optional<String> found = switch (rule) {
                case BOXED -> lastBoxed(text);
                case HASH_MARK -> lastGroup(HASH_MARK, text);
                case THE_ANSWER_IS -> lastGroup(THE_ANSWER_IS, text).map(RuleBasedExtractor::unwrapPhrase);
                case FINAL_ANSWER_IS -> lastGroup(FINAL_ANSWER_IS, text).map(RuleBasedExtractor::unwrapPhrase);
                case LAST_NUMBER -> lastMatch(NUMBER, text);
            };
            if (found.isPresent() && !found.get().isBlank()) {
                return Optional.of(new ExtractedAnswer(found.get().strip(), rule));
            }
        }
        return Optional.empty();
    }

    /** The content of the last {@code \boxed{...}} or {@code \fbox{...}}, braces balanced. */
    public static Optional<String> lastBoxed(String text) {
        int at = Math.max(text.lastIndexOf("\\boxed"), text.lastIndexOf("\\fbox"));
        while (at >= 0) {
            Optional<String> content = boxedAt(text, at);
            if (content.isPresent()) {
                return content;
            }
            at = Math.max(text.lastIndexOf("\\boxed", at - 1), text.lastIndexOf("\\fbox", at - 1));
        }
        return Optional.empty();
    }

    private static Optional<String> boxedAt(String text, int at) {
        int i = at + (text.startsWith("\\boxed", at) ? "\\boxed".length() : "\\fbox".length());
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i >= text.length()) {
            return Optional.empty();
        }
        if (text.charAt(i) != '{') {
            // "\boxed 5": the argument runs to the next space or '$'
            int end = i;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '$') {
                end++;
            }
            return end > i && i > at + 5 ? Optional.of(text.substring(i, end)) : Optional.empty();
        }
        int depth = 0;
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == '\\' && j + 1 < text.length()) {
                j++; // an escaped brace does not count
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return Optional.of(text.substring(i + 1, j));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> lastGroup(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return Optional.ofNullable(last);
    }

    private static Optional<String> lastMatch(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        String last = null;
        while (m.find()) {
            last = m.group();
        }
        return Optional.ofNullable(last).map(s -> s.replace(",", ""));
    }

    /** "The answer is $\boxed{5}$." -> "5"; "The answer is 12 apples." -> "12 apples". */
    private static String unwrapPhrase(String phrase) {
        Optional<String> boxed = lastBoxed(phrase);
        if (boxed.isPresent()) {
            return boxed.get();
        }
        String s = phrase.strip();
        s = s.replaceAll("[.!]+$", "").strip();
        if (s.length() >= 2 && s.startsWith("$") && s.endsWith("$")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.startsWith("\\(") && s.endsWith("\\)")) {
            s = s.substring(2, s.length() - 2).strip();
        }
        return s;
    }
}
