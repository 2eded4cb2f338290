package drp.core.teacher;

import drp.core.step.RuleBasedSkillTagger;
import drp.core.step.SentenceBoundaries;
import drp.core.step.Skill;
import drp.core.step.SkillTagger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compresses one step in its author's own words: drops the sentences that carry no mathematics
 * (hesitations, empty lead-ins such as "Which is:") and the discourse fillers that open sentences
 * ("Okay, so", "Alright,", "Hmm,"). What remains is verbatim text of the step.
 */
final class FillerTrimmer {

    /** A number or a formula where a sentence goes on. */
    private static final String MATH_NEXT = "(?:[0-9$(\\\\-]|[a-zA-Z]\\s*[=<>+*/^])";
    /**
     * Hesitations and connectives opening a sentence. A connective ("so", "now") stays before a
     * number or a formula: "Now 4 + 8 = 12." without its "Now" no longer says which running value
     * it continues from, and a student fine-tuned on such orphans learns to guess it.
     */
    private static final Pattern OPENING_FILLER = Pattern.compile(
            "^(?:(?:okay|ok|alright|all right|hmm+|well|right|yeah|yes|oh|ah|wait|but wait|but hold on|hold on)\\s*[,.!]?\\s+"
                    + "|(?:so|now)\\s*[,.!]?\\s+(?!" + MATH_NEXT + "))+(?=\\S)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EMPTY_LEAD_IN = Pattern.compile(
            "^(?:which (?:is|gives|simplifies to)|so(?: now)?(?: the equation| it)? (?:is|becomes)|that (?:is|gives)|this gives|so we have|we get|now we have|simplif(?:y|ying)(?: the \\w+(?: terms)?)?|let me (?:write|compute|calculate|do|simplify|write down)[^:]{0,40})\\s*:$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGIT_OR_RELATION = Pattern.compile("[0-9=<>+*/^]");

    private final SkillTagger tagger = new RuleBasedSkillTagger();

    /** The step's text with fillers removed; may be empty when nothing of substance remains. */
    String trim(String stepText, String question) {
        String text = stepText.strip();
        List<Integer> cuts = SentenceBoundaries.sentenceCuts(text);
        List<String> kept = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= cuts.size(); i++) {
            int end = i < cuts.size() ? cuts.get(i) : text.length();
            String sentence = text.substring(start, end);
            start = end;
            String core = sentence.strip();
            if (core.isEmpty()) {
                continue;
            }
            boolean mathless = !DIGIT_OR_RELATION.matcher(core).find();
            if (mathless && tagger.tag(core, question) == Skill.REFLECTION) {
                continue;
            }
            if (EMPTY_LEAD_IN.matcher(core).matches()) {
                continue;
            }
            String trimmed = OPENING_FILLER.matcher(core).replaceFirst("");
            if (!trimmed.equals(core) && trimmed.length() > 1 && Character.isLowerCase(trimmed.charAt(0))
                    && Character.isLowerCase(trimmed.charAt(1))) {
                // "so the sum is" -> "The sum is"; but "so x = 3" must not become "X = 3"
                trimmed = Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
            }
            kept.add(sentence.replace(core, trimmed));
        }
        return String.join("", kept).strip();
    }
}
