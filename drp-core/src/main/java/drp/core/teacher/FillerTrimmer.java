package drp.core.teacher;

import drp.core.step.RuleBasedSkillTagger;
import drp.core.step.SentenceBoundaries;
import drp.core.step.Skill;
import drp.core.step.SkillTagger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Compresses one step in its author's own words: drops the sentences that carry no mathematics
 * (hesitations, empty lead-ins such as "Which is:") and the discourse fillers that open sentences
 * ("Okay, so", "Alright,", "Hmm,"). What remains is verbatim text of the step.
 */
final class FillerTrimmer {

    private static final Pattern OPENING_FILLER = Pattern.compile(
            "^(?:(?:okay|ok|alright|all right|so|hmm+|well|now|right|yeah|yes|oh|ah|wait|but wait|but hold on|hold on)\\s*[,.!]?\\s+)+(?=\\S)",
            Pattern.CASE_INSENSITIVE);
    /** The connectives among the fillers: they tie a step to the state before it. */
    private static final Pattern CONNECTIVE = Pattern.compile("^(?:so|now)\\b.*", Pattern.CASE_INSENSITIVE);
    /** A sentence that opens with a number or a formula. */
    private static final Pattern OPENS_WITH_MATH = Pattern.compile("^(?:[0-9$(\\\\-]|[a-zA-Z]\\s*[=<>+*/^]).*", Pattern.DOTALL);
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
            String connective = lastFiller(core, trimmed);
            if (OPENS_WITH_MATH.matcher(trimmed).matches() && CONNECTIVE.matcher(connective).matches()) {
                // "Now 4 + 8 = 12." keeps its "Now": a bare equation no longer says which running
                // value it continues from, and a student fine-tuned on such orphans learns to guess it
                trimmed = connective + trimmed;
            }
            if (!trimmed.equals(core) && trimmed.length() > 1 && Character.isLowerCase(trimmed.charAt(0))
                    && Character.isLowerCase(trimmed.charAt(1))) {
                // "so the sum is" -> "The sum is"; but "so x = 3" must not become "X = 3"
                trimmed = Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
            }
            kept.add(sentence.replace(core, trimmed));
        }
        return String.join("", kept).strip();
    }

    /** The last filler word that trimming took from {@code core}, with the space after it. */
    private static String lastFiller(String core, String trimmed) {
        if (trimmed.length() == core.length()) {
            return "";
        }
        String removed = core.substring(0, core.length() - trimmed.length());
        String[] words = removed.strip().split("[\\s,.!]+");
        String last = words[words.length - 1];
        String connective = Character.toUpperCase(last.charAt(0)) + last.substring(1).toLowerCase(Locale.ROOT);
        return connective + (removed.stripTrailing().endsWith(",") ? ", " : " ");
    }
}
