package drp.core.prune;

import drp.core.step.Skill;
import drp.core.step.Step;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a trace mentions its final answer: the first step that reaches it (everything after
 * is checking and re-deriving) and the last step that states it (the one pruning must keep).
 *
 * <p>Matching works on a light normal form (no whitespace, no math delimiters, {@code \dfrac} as
 * {@code \frac}) and respects number boundaries: the answer 4 is not found in 14 or 4.5.
 */
public final class AnswerLocator {

    private static final Pattern FRACTION = Pattern.compile("^-?\\\\frac\\{(-?\\d+)}\\{(\\d+)}$");

    private final List<String> forms;

    public AnswerLocator(String answer) {
        this.forms = List.copyOf(forms(answer));
    }

    /** True when {@code text} mentions the answer in any of its surface forms. */
    public boolean mentions(String text) {
        if (forms.isEmpty()) {
            return false;
        }
        String t = normalize(text);
        for (String form : forms) {
            int at = t.indexOf(form);
            while (at >= 0) {
                if (bounded(t, at, at + form.length(), form)) {
                    return true;
                }
                at = t.indexOf(form, at + 1);
            }
        }
        return false;
    }

    /**
     * Index of the step that states the final answer, or -1: the last {@link Skill#ANSWER} step that
     * mentions it; without one, the step that first arrives at it (a later recap that repeats the
     * answer restates it and may go); failing both, the last step that mentions it.
     */
    public int answerStep(List<Step> steps) {
        int lastMention = -1;
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (mentions(steps.get(i).text())) {
                if (steps.get(i).skill() == Skill.ANSWER) {
                    return i;
                }
                if (lastMention < 0) {
                    lastMention = i;
                }
            }
        }
        int arrival = firstArrival(steps);
        return arrival >= 0 ? arrival : lastMention;
    }

    /** Index of the first step that arrives at the answer (not a mere hesitation about it), or -1. */
    public int firstArrival(List<Step> steps) {
        for (Step step : steps) {
            if (step.skill() != Skill.REFLECTION && step.skill() != Skill.READ && mentions(step.text())) {
                return step.index();
            }
        }
        return -1;
    }

    static String normalize(String s) {
        return s.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac")
                .replace("\\left", "").replace("\\right", "")
                .replace("\\(", "").replace("\\)", "").replace("\\[", "").replace("\\]", "")
                .replace("$", "").replace("\\!", "").replace("\\,", "").replace("{,}", "")
                .replaceAll("\\s+", "");
    }

    private static Set<String> forms(String answer) {
        Set<String> forms = new LinkedHashSet<>();
        String a = normalize(answer);
        if (a.endsWith(".")) {
            a = a.substring(0, a.length() - 1);
        }
        if (a.isEmpty()) {
            return forms;
        }
        forms.add(a);
        String plain = a.replace(",", "");
        try {
            BigDecimal number = new BigDecimal(plain);
            forms.add(number.toPlainString());
            forms.add(number.stripTrailingZeros().toPlainString());
        } catch (NumberFormatException notANumber) {
            Matcher fraction = FRACTION.matcher(a);
            if (fraction.matches()) {
                String sign = a.startsWith("-") ? "-" : "";
                forms.add(sign + fraction.group(1) + "/" + fraction.group(2));
            }
        }
        return forms;
    }

    /** A number form must not continue into more digits on either side ("4" in "14" or "4.5"). */
    private static boolean bounded(String t, int start, int end, String form) {
        boolean numeric = Character.isDigit(form.charAt(form.length() - 1));
        boolean startsNumeric = Character.isDigit(form.charAt(0)) || form.charAt(0) == '-';
        if (startsNumeric && start > 0) {
            char before = t.charAt(start - 1);
            if (Character.isDigit(before) || before == '.' || (form.charAt(0) != '-' && before == '-' && start >= 2
                    && !Character.isLetterOrDigit(t.charAt(start - 2)) && t.charAt(start - 2) != ')')) {
                return false;
            }
        }
        if (numeric && end < t.length()) {
            char after = t.charAt(end);
            if (Character.isDigit(after) || (after == '.' && end + 1 < t.length() && Character.isDigit(t.charAt(end + 1)))
                    || after == '/') {
                return false;
            }
        }
        return true;
    }
}
