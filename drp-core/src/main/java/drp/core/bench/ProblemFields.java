package drp.core.bench;

import drp.core.answer.RuleBasedExtractor;
import drp.core.io.JsonlRecord;
import drp.core.problem.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a benchmark file keeps each part of a problem, and how its gold answer is written.
 *
 * <p>Problem ids are stable: {@code <idPrefix>-<own id>} when the file has an id field (AIME 2024's
 * {@code id}, MATH's {@code unique_id}), else {@code <idPrefix>-<index>}, the 0-based position of
 * the record among the file's non-blank lines, zero-padded to 4 digits ({@code gsm8k-test-0042}).
 * The file's own id is kept in the problem's meta as {@code source_id}, the position as
 * {@code index}.
 *
 * @param question the question field
 * @param answer   the gold answer field
 * @param gold     how the gold field writes the final answer
 * @param id       the file's own id field, if it has one
 * @param solution a worked-solution field whose last {@code \boxed{}} is the gold answer when the
 *                 answer field is null (two PRM12K records ship {@code "answer": null}); the
 *                 problem's meta then says {@code gold_source}
 * @param meta     fields kept as problem meta when present (subject, level...)
 */
public record ProblemFields(String question, String answer, GoldForm gold, Optional<String> id,
        Optional<String> solution, List<String> meta) {

    public ProblemFields {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(solution, "solution");
        meta = List.copyOf(meta);
    }

    /** A question field and an answer field read as written; ids from positions. */
    public static ProblemFields of(String question, String answer) {
        return new ProblemFields(question, answer, GoldForm.TEXT, Optional.empty(), Optional.empty(), List.of());
    }

    public ProblemFields withId(String idField) {
        return new ProblemFields(question, answer, gold, Optional.of(idField), solution, meta);
    }

    public ProblemFields withGold(GoldForm form) {
        return new ProblemFields(question, answer, form, id, solution, meta);
    }

    public ProblemFields withSolution(String solutionField) {
        return new ProblemFields(question, answer, gold, id, Optional.of(solutionField), meta);
    }

    public ProblemFields withMeta(List<String> metaFields) {
        return new ProblemFields(question, answer, gold, id, solution, metaFields);
    }

    /**
     * The problem in {@code record}, at 0-based line {@code index} of its file.
     *
     * @throws drp.core.io.JsonlFormatException naming file:line and the field at fault
     */
    public Problem read(JsonlRecord record, String idPrefix, int index) {
        String text = record.requireText(question);
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("index", Integer.toString(index));
        String problemId;
        if (id.isPresent()) {
            String own = record.requireText(id.get()).strip();
            if (own.isEmpty()) {
                throw record.error(id.get(), "blank id");
            }
            problemId = idPrefix + "-" + own;
            kept.put("source_id", own);
        } else {
            problemId = idPrefix + "-" + String.format("%04d", index);
        }
        for (String field : meta) {
            record.text(field).ifPresent(value -> kept.put(field, value));
        }
        return new Problem(problemId, text, goldAnswer(record, kept), kept);
    }

    private String goldAnswer(JsonlRecord record, Map<String, String> kept) {
        Optional<String> raw = record.text(answer);
        if (raw.isEmpty() && solution.isPresent()) {
            raw = record.text(solution.get()).flatMap(RuleBasedExtractor::lastBoxed);
            if (raw.isEmpty()) {
                throw record.error(answer, "null, and field '" + solution.get() + "' has no \\boxed{} answer either");
            }
            kept.put("gold_source", solution.get() + " (last \\boxed{})");
        }
        if (raw.isEmpty()) {
            record.requireText(answer); // throws the reader's "missing (fields present: ...)" error
        }
        String found = raw.orElseThrow();
        return gold.read(found).orElseThrow(() -> record.error(answer,
                "expected " + gold.expectation() + ", found '" + abbreviate(found) + "'"));
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace("\n", "\\n");
        return oneLine.length() <= 80 ? oneLine : "..." + oneLine.substring(oneLine.length() - 77);
    }
}
