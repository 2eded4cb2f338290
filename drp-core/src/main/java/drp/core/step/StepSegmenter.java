package drp.core.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Cuts a think text into verbatim, contiguous, non-overlapping steps that cover it exactly:
 * concatenating the steps' texts gives the think text back, byte for byte.
 *
 * <p>At {@link Granularity#SKILL} the sentences are tagged first and then grouped, so that a step
 * is one use of one skill: a lead-in that ends with a colon ("Let me compute the left side:")
 * joins what it introduces, and neighbouring sentences of the same skill join each other.
 */
public final class StepSegmenter {

    private final Granularity granularity;
    private final SkillTagger tagger;

    public StepSegmenter(Granularity granularity, SkillTagger tagger) {
        this.granularity = Objects.requireNonNull(granularity, "granularity");
        this.tagger = Objects.requireNonNull(tagger, "tagger");
    }

    public Granularity granularity() {
        return granularity;
    }

    /** The steps of {@code think}; none for an empty text. */
    public List<Step> segment(String think, String question) {
        if (think.isEmpty()) {
            return List.of();
        }
        List<Span> units = units(think, granularity == Granularity.PARAGRAPH
                ? SentenceBoundaries.paragraphCuts(think)
                : SentenceBoundaries.sentenceCuts(think));
        List<Skill> skills = new ArrayList<>(units.size());
        for (Span unit : units) {
            skills.add(tagger.tag(unit.of(think), question));
        }
        if (granularity == Granularity.SKILL) {
            return group(think, units, skills);
        }
        List<Step> steps = new ArrayList<>(units.size());
        for (int i = 0; i < units.size(); i++) {
            steps.add(new Step(i, units.get(i), units.get(i).of(think), skills.get(i)));
        }
        return steps;
    }

    private static List<Span> units(String text, List<Integer> cuts) {
        List<Span> units = new ArrayList<>(cuts.size() + 1);
        int start = 0;
        for (int cut : cuts) {
            if (cut > start && cut < text.length()) {
                units.add(new Span(start, cut));
                start = cut;
            }
        }
        units.add(new Span(start, text.length()));
        return units;
    }

    private static List<Step> group(String think, List<Span> units, List<Skill> skills) {
        List<Step> steps = new ArrayList<>();
        int groupStart = units.get(0).start();
        Skill groupSkill = skills.get(0);
        boolean leadIn = isLeadIn(units.get(0).of(think));
        for (int i = 1; i < units.size(); i++) {
            Skill skill = skills.get(i);
            boolean joins = leadIn || (skill == groupSkill && skill != Skill.ANSWER);
            if (joins) {
                if (leadIn && (groupSkill == Skill.PLAN || groupSkill == Skill.READ)) {
                    groupSkill = skill; // "Let me compute:" takes the skill of what it introduces
                }
            } else {
                int end = units.get(i).start();
                steps.add(new Step(steps.size(), new Span(groupStart, end), think.substring(groupStart, end), groupSkill));
                groupStart = end;
                groupSkill = skill;
            }
            leadIn = isLeadIn(units.get(i).of(think));
        }
        steps.add(new Step(steps.size(), new Span(groupStart, think.length()), think.substring(groupStart), groupSkill));
        return steps;
    }

    private static boolean isLeadIn(String unit) {
        return unit.strip().endsWith(":");
    }
}
