package drp.core.step;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tags steps by cue phrases and by the shape of their mathematics. Rules are tried in order, and
 * the first that matches decides: answer statements, then verification, reflection, exploration,
 * recalled facts, case analysis, comparison, then the shape of the content (pure numbers are
 * arithmetic, equations with unknowns are algebra), then restating the question, then planning.
 *
 * <p>The order matters: "Wait, let me check: 3 + 4 = 7" is a verification even though it holds
 * arithmetic, and "So the answer is 7" is the answer even though it concludes.
 */
public final class RuleBasedSkillTagger implements SkillTagger {

    /** Bumped whenever a rule changes, and recorded in run.json with the teacher. */
    public static final String RULES_VERSION = "skill-rules-1";

    private record Rule(Skill skill, Pattern pattern) {}

    private static Pattern cues(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static final List<Rule> CUE_RULES = List.of(
            new Rule(Skill.ANSWER, cues("\\\\boxed|\\bfinal answer\\b|\\bthe answer (?:is|should be|must be)\\b|\\banswer:\\s*\\S")),
            new Rule(Skill.VERIFICATION, cues("double[- ]check|\\bverif(?:y|ied|ying|ication)\\b|\\b(?:let me|let's|i should|i'll|to) (?:just )?(?:check|confirm|make sure|re-?calculate|recompute|re-?check|re-?examine|go (?:back|through)|plug|substitute|test)|\\bplug(?:ging)? (?:it |this |that |them |[a-z0-9]+ )?(?:back|in)\\b|\\bsanity check\\b|\\bchecks out\\b|\\bthat(?:'s| is) (?:correct|right|consistent)\\b|\\bmake sure\\b|\\bto be (?:sure|safe|thorough)\\b|\\bdid i (?:make|miss)\\b|\\b(?:any|a) mistakes?\\b")),
            new Rule(Skill.REFLECTION, cues("^\\W*(?:wait|hmm+|hm+|hold on|oh|ah|uh|um|oops|okay|ok|alright|all right|well|yeah)\\b[^0-9=]*$|^\\W*(?:but )?(?:wait|hmm+|hold on)\\b|\\blet me think\\b|\\bi (?:think|guess|believe|feel) (?:that's|this is|i'm|i am|it's) (?:it|solid|right|correct|done|confident)|\\bi'?m (?:pretty |fairly |quite )?(?:confident|sure|not sure|confused)\\b|\\bthat (?:doesn't|does not) (?:look|seem) right\\b|\\bi (?:might|may) have made a mistake\\b")),
            new Rule(Skill.EXPLORATION, cues("\\balternative(?:ly)?\\b|\\banother (?:way|approach|method)\\b|\\b(?:a )?different (?:way|approach|method)\\b|\\bwhat if\\b|\\binstead\\b|\\bmaybe (?:i|we) (?:can|could|should) (?:try|use|think|approach)\\b|\\bor maybe\\b")),
            new Rule(Skill.RECALL, cues("\\b(?:i )?(?:remember|recall)\\b|\\bformula\\b|\\btheorem\\b|\\bby definition\\b|\\bidentity\\b|\\bproperty\\b|\\bthe rule\\b|\\bis defined as\\b|\\bwe know that\\b|\\bknown that\\b")),
            new Rule(Skill.CASE_ANALYSIS, cues("\\bcase \\d|\\bcase(?:s)?\\b.*:|\\bin (?:this|that|each|either|both) case\\b|\\bsuppose\\b|\\bif [^.]*, then\\b|\\botherwise\\b|\\bon the other hand\\b")),
            new Rule(Skill.COMPARISON, cues("\\bcompar(?:e|ing|ed|ison)\\b|\\bgreater than\\b|\\bless than\\b|\\blarger\\b|\\bsmaller\\b|\\bthe (?:same|largest|smallest|maximum|minimum)\\b|\\b(?:both|all) (?:methods|approaches|ways) (?:give|lead|agree)")));

    private static final Pattern PLAN = cues("\\b(?:i|we) (?:need|have|want) to\\b|\\blet me\\b|\\blet's\\b|\\blet [a-z] (?:be|=)|\\bdenote\\b|\\bset up\\b|\\bthe goal\\b|\\bto find\\b|\\bfirst,|\\bnext,|\\bthen,|\\bstrategy\\b|\\bapproach\\b|\\bstep\\b");
    private static final Pattern SETUP = cues("\\blet [a-z] (?:be|denote|represent)\\b|\\bdenote\\b|\\bset up\\b|\\b(?:i|we) (?:need|want) to (?:find|compute|determine|figure)\\b|\\bthe goal\\b|\\bstrategy\\b|\\bmy plan\\b");
    private static final Pattern ALGEBRA_WORDS = cues("\\b(?:factor|simplif|expand|solv|substitut|rearrang|isolat|divid|multipl|combin|cancel|distribut|differentiat|integrat|equation|quadratic|polynomial|roots?)\\w*");
    private static final Pattern DIGIT = Pattern.compile("\\d");
    private static final Pattern RELATION = Pattern.compile("[=<>≤≥≠]|\\\\(?:le|ge|neq|times|cdot|div|frac|sqrt)");
    private static final Pattern LETTER_VARIABLE = Pattern.compile("(?<![A-Za-z\\\\])[a-zA-Z](?![A-Za-z])");
    private static final Pattern READ_CUES = cues("\\bthe problem (?:says|states|gives|asks|is)\\b|\\bwe(?:'re| are) (?:given|told|asked)\\b|\\bgiven\\b|\\bi(?:'ve)? (?:got|have) (?:this|a|the) (?:problem|question|equation)\\b|\\bthe question\\b");

    @Override
    public Skill tag(String text, String question) {
        String t = text.strip();
        for (Rule rule : CUE_RULES) {
            if (rule.pattern.matcher(t).find()) {
                return rule.skill;
            }
        }
        boolean math = RELATION.matcher(t).find();
        if (!math && SETUP.matcher(t).find()) {
            return Skill.PLAN;
        }
        if (READ_CUES.matcher(t).find() || (!math && overlapsQuestion(t, question))) {
            return Skill.READ;
        }
        if (math && DIGIT.matcher(t).find() && !LETTER_VARIABLE.matcher(stripWords(t)).find()) {
            return Skill.ARITHMETIC;
        }
        if (math || ALGEBRA_WORDS.matcher(t).find()) {
            return Skill.ALGEBRA;
        }
        if (PLAN.matcher(t).find()) {
            return Skill.PLAN;
        }
        return DIGIT.matcher(t).find() ? Skill.ARITHMETIC : Skill.PLAN;
    }

    /** Removes ordinary words of 2+ letters so that only the math symbols remain ("x", "y"). */
    private static String stripWords(String t) {
        return t.replaceAll("\\\\[a-zA-Z]+", " ").replaceAll("[A-Za-z]{2,}", " ");
    }

    /** Restating the question: most of the step's content words come from it. */
    static boolean overlapsQuestion(String text, String question) {
        if (question == null || question.isBlank()) {
            return false;
        }
        Set<String> stepWords = contentWords(text);
        if (stepWords.size() < 4) {
            return false;
        }
        Set<String> questionWords = contentWords(question);
        long shared = stepWords.stream().filter(questionWords::contains).count();
        return shared >= 0.6 * stepWords.size();
    }

    private static Set<String> contentWords(String s) {
        Set<String> words = new HashSet<>();
        for (String w : s.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 3 && !STOP_WORDS.contains(w)) {
                words.add(w);
            }
        }
        return words;
    }

    private static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "that", "this", "with", "for", "are", "was", "have", "has", "from", "what", "which",
            "let", "need", "find", "can", "will", "its", "into", "then", "than", "them", "there", "their",
            "some", "how", "many", "much", "each", "our", "you", "your", "his", "her", "they", "she", "him");
}
