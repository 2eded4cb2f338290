package drp.core.teacher;

import drp.core.prune.PlanViolation;
import drp.core.prune.ViolationKind;
import drp.core.step.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a teacher's step texts in the think text they were copied from. A step must appear
 * verbatim, after the previous one; white space may differ (a run of spaces and line breaks
 * matches any other run), and so may typographic quotes and apostrophes, which models often
 * straighten or curl. Text that no step covers may only be white space or punctuation.
 *
 * <p>The result spans tile the think text exactly: each step runs from where its text starts to
 * where the next one's starts (the first from the beginning), so the steps concatenate back to the
 * think text byte for byte.
 */
final class StepAligner {

    /** Where each step lies, or why the steps do not fit the trace. */
    record Alignment(List<Span> spans, List<PlanViolation> violations) {
        Alignment {
            spans = List.copyOf(spans);
            violations = List.copyOf(violations);
        }

        boolean ok() {
            return violations.isEmpty();
        }
    }

    private static final int QUOTE = 40;

    private final String think;
    private final Normalized text;

    StepAligner(String think) {
        this.think = think;
        this.text = Normalized.of(think);
    }

    Alignment align(List<String> stepTexts) {
        List<PlanViolation> violations = new ArrayList<>();
        List<int[]> found = new ArrayList<>(); // original [start, end) per step
        int cursor = 0; // in normalized text
        int previousStart = -1;
        boolean previousMissing = false;
        for (int i = 0; i < stepTexts.size(); i++) {
            String step = stepTexts.get(i);
            String wanted = Normalized.of(step).text().strip();
            if (wanted.isEmpty()) {
                violations.add(new PlanViolation(ViolationKind.STEP_NOT_FOUND, i, "step " + i + " is empty"));
                continue;
            }
            int at = text.text().indexOf(wanted, cursor);
            String used = wanted;
            if (at < 0) {
                for (String variant : variants(step)) {
                    int v = text.text().indexOf(variant, cursor);
                    if (v >= 0) {
                        at = v;
                        used = variant;
                        break;
                    }
                }
            }
            if (at < 0) {
                violations.add(misplaced(i, wanted, cursor, previousStart));
                previousMissing = true;
                continue;
            }
            int start = text.original(at);
            int end = text.originalEnd(at + used.length());
            String gap = think.substring(found.isEmpty() ? 0 : found.getLast()[1], start);
            if (hasContent(gap) && !previousMissing) { // a missing step's text is no gap of its own
                violations.add(new PlanViolation(ViolationKind.TRACE_NOT_COVERED, i, (found.isEmpty()
                        ? "the chain of thought starts with text that is in no step, before step " + i
                        : "text between step " + (i - 1) + " and step " + i + " is in no step")
                        + ": \"" + excerpt(gap.strip()) + "\"; every word must belong to a step"));
            }
            found.add(new int[] {start, end});
            previousStart = at;
            previousMissing = false;
            cursor = at + used.length();
        }
        if (!found.isEmpty() && !previousMissing) {
            String tail = think.substring(found.getLast()[1]);
            if (hasContent(tail)) {
                violations.add(new PlanViolation(ViolationKind.TRACE_NOT_COVERED, stepTexts.size() - 1,
                        "the end of the chain of thought, after the last step, is in no step: \"" + excerpt(tail.strip())
                                + "\"; the steps must run to the last word"));
            }
        }
        if (stepTexts.isEmpty()) {
            violations.add(new PlanViolation(ViolationKind.TRACE_NOT_COVERED, -1, "the answer lists no steps"));
        }
        if (!violations.isEmpty()) {
            return new Alignment(List.of(), violations);
        }
        List<Span> spans = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            int start = i == 0 ? 0 : found.get(i)[0];
            int end = i == found.size() - 1 ? think.length() : found.get(i + 1)[0];
            spans.add(new Span(start, end));
        }
        return new Alignment(spans, List.of());
    }

    /** Why a step that is not found after the previous one does not fit: order, overlap, or not verbatim. */
    private PlanViolation misplaced(int i, String wanted, int cursor, int previousStart) {
        int anywhere = text.text().indexOf(wanted);
        if (anywhere >= 0 && previousStart >= 0 && anywhere >= previousStart) {
            return new PlanViolation(ViolationKind.STEPS_OVERLAP, i, "step " + i + " (\"" + excerpt(wanted)
                    + "\") repeats text that step " + (i - 1) + " already covers; steps must not overlap");
        }
        if (anywhere >= 0) {
            return new PlanViolation(ViolationKind.STEPS_OUT_OF_ORDER, i, "step " + i + " (\"" + excerpt(wanted)
                    + "\") comes before step " + (i - 1) + " in the chain of thought; list the steps in their order");
        }
        // the longest prefix that is found after the cursor says where the copy departs from the trace
        int low = 0;
        int high = wanted.length();
        while (low < high) {
            int mid = (low + high + 1) / 2;
            if (text.text().indexOf(wanted.substring(0, mid), cursor) >= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        String detail;
        if (low == 0) {
            detail = "its beginning \"" + excerpt(wanted) + "\" is not in the chain of thought";
        } else {
            int at = text.text().indexOf(wanted.substring(0, low), cursor);
            String original = text.text().substring(at + low, Math.min(text.text().length(), at + low + QUOTE / 2));
            detail = "it matches up to \"" + tail(wanted.substring(0, low)) + "\", then has \""
                    + head(wanted.substring(low)) + "\" where the chain of thought has \"" + original + "\"";
        }
        return new PlanViolation(ViolationKind.STEP_NOT_FOUND, i, "step " + i + " is not a verbatim copy of the"
                + " chain of thought: " + detail + "; copy the text exactly, character for character");
    }

    /**
     * Other readings of a step that still count as verbatim: without quotes around it, and with
     * LaTeX commands restored where a JSON writer turned {@code \f}, {@code \b}, {@code \t},
     * {@code \r} or {@code \n} of {@code \frac}, {@code \times}, {@code \neq}... into control characters.
     */
    private static List<String> variants(String step) {
        List<String> out = new ArrayList<>();
        String s = step.strip();
        if (s.length() >= 2 && isQuote(s.charAt(0)) && isQuote(s.charAt(s.length() - 1))) {
            out.add(Normalized.of(s.substring(1, s.length() - 1)).text().strip());
        }
        String restored = LatexEscapes.restore(step);
        if (!restored.equals(step)) {
            out.add(Normalized.of(restored).text().strip());
        }
        return out;
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '\u201c' || c == '\u201d' || c == '\u2018' || c == '\u2019';
    }

    private static boolean hasContent(String gap) {
        return gap.codePoints().anyMatch(Character::isLetterOrDigit);
    }

    private static String excerpt(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= QUOTE ? one : one.substring(0, QUOTE) + "...";
    }

    private static String head(String s) {
        return s.length() <= QUOTE / 2 ? s : s.substring(0, QUOTE / 2);
    }

    private static String tail(String s) {
        return s.length() <= QUOTE / 2 ? s : "..." + s.substring(s.length() - QUOTE / 2);
    }

    /**
     * A text with every run of white space as one space and typographic quotes straightened, with
     * the original offset of each character.
     */
    record Normalized(String text, int[] offsets, int originalLength) {

        static Normalized of(String original) {
            StringBuilder out = new StringBuilder(original.length());
            int[] offsets = new int[original.length() + 1];
            int n = 0;
            int i = 0;
            while (i < original.length()) {
                char c = original.charAt(i);
                if (Character.isWhitespace(c)) {
                    int j = i;
                    while (j < original.length() && Character.isWhitespace(original.charAt(j))) {
                        j++;
                    }
                    out.append(' ');
                    offsets[n++] = i;
                    i = j;
                    continue;
                }
                out.append(switch (c) {
                    case '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb' -> '"';
                    case '\u2018', '\u2019', '\u201a' -> '\'';
                    default -> c;
                });
                offsets[n++] = i;
                i++;
            }
            offsets[n] = original.length();
            return new Normalized(out.toString(), java.util.Arrays.copyOf(offsets, n + 1), original.length());
        }

        /** The original offset of normalized position {@code at}. */
        int original(int at) {
            return offsets[at];
        }

        /** The original offset just past normalized position {@code end - 1}. */
        int originalEnd(int end) {
            if (end == 0) {
                return 0;
            }
            int last = offsets[end - 1];
            // a space stands for a whole run of white space; a match never ends on one (steps are stripped)
            return last + 1;
        }
    }
}
