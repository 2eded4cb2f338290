package drp.core.align;

import java.util.List;
import java.util.Objects;

/**
 * One candidate training target for one problem, as the student would be fine-tuned on it: the
 * assistant reply (think block, then the stated answer) after the question.
 *
 * @param id        the trace (or problem) it belongs to; candidates of one problem share it
 * @param variant   where it came from: {@code original} (the student's own trace), an arm's name,
 *                  a teacher variant such as {@code heuristic:sentence/standard}, {@code solution}
 * @param question  the user message
 * @param assistant the reply scored and trained on
 * @param steps     the reasoning's steps, in order, each a substring of {@code assistant}; the
 *                  student's surprise is reported per step
 */
public record Candidate(String id, String variant, String question, String assistant, List<String> steps) {

    public Candidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(assistant, "assistant");
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** The key of its line in align.jsonl: one line per (id, variant). */
    public String key() {
        return variant + "|" + id;
    }

    /**
     * The reasoning's paragraphs as steps: DRP writes one step per paragraph, and so do the own
     * traces of the students it was made for.
     */
    public static List<String> paragraphs(String reasoning) {
        return java.util.Arrays.stream(reasoning.strip().split("\\n\\s*\\n")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }
}
