package drp.core.teacher;

import drp.core.step.Skill;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads the skill label a teacher gave a step: a {@link Skill} name in any case and spacing
 * ({@code ARITHMETIC}, {@code case analysis}), its description, or one of the paper's own phrasings
 * ("reading a given quantity", "clarify answer").
 */
final class SkillLabels {

    private static final Map<String, Skill> BY_KEY = new HashMap<>();

    static {
        for (Skill s : Skill.values()) {
            BY_KEY.put(key(s.name()), s);
            BY_KEY.put(key(s.description()), s);
        }
        BY_KEY.put(key("reading a given quantity"), Skill.READ);
        BY_KEY.put(key("reading"), Skill.READ);
        BY_KEY.put(key("clarify answer"), Skill.ANSWER);
        BY_KEY.put(key("final answer"), Skill.ANSWER);
        BY_KEY.put(key("computation"), Skill.ARITHMETIC);
        BY_KEY.put(key("calculation"), Skill.ARITHMETIC);
        BY_KEY.put(key("double check"), Skill.VERIFICATION);
        BY_KEY.put(key("check"), Skill.VERIFICATION);
        BY_KEY.put(key("conclusion"), Skill.COMPARISON);
        BY_KEY.put(key("planning"), Skill.PLAN);
    }

    private SkillLabels() {}

    static Optional<Skill> parse(String label) {
        return Optional.ofNullable(BY_KEY.get(key(label)));
    }

    /** The names a teacher may use, for error messages. */
    static String names() {
        return Stream.of(Skill.values()).map(Skill::name).collect(Collectors.joining(", "));
    }

    private static String key(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").strip();
    }
}
