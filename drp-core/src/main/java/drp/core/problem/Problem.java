package drp.core.problem;

import java.util.Map;
import java.util.Objects;

/**
 * A question with its gold answer.
 *
 * @param id       a stable id, unique within its dataset (e.g. {@code gsm8k-test-0042})
 * @param question the question as the dataset ships it
 * @param answer   the gold final answer (not the worked solution); empty when unknown
 * @param meta     dataset-specific fields kept for reports (subject, level, source...)
 */
public record Problem(String id, String question, String answer, Map<String, String> meta) {
    public Problem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        meta = Map.copyOf(meta);
        if (id.isBlank()) {
            throw new IllegalArgumentException("problem id is blank");
        }
    }

    public Problem(String id, String question, String answer) {
        this(id, question, answer, Map.of());
    }
}
