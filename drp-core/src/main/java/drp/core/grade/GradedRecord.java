package drp.core.grade;

import com.fasterxml.jackson.annotation.JsonInclude;
import drp.core.answer.ExtractionRule;
import java.util.Objects;

/**
 * One graded output: a line of a graded JSONL file, readable by pandas or DuckDB without a schema.
 *
 * @param id              {@code <problem id>#<sample index>}, or {@code <problem id>#s<seed>#<sample
 *                        index>} when the seed is known: the key a resumed grading skips
 * @param benchmark       the benchmark's registry name
 * @param problemId       the problem
 * @param sampleIndex     0-based sample number for the problem
 * @param seed            sampling seed, or null
 * @param gold            the gold answer
 * @param extractedAnswer the answer found in the output, or null when none was found
 * @param extractionRule  the rule that found it, or null
 * @param extractedFrom   {@code final} or {@code think}: the part of the output it was found in, or null
 * @param verdict         correct, wrong, unparseable or timed_out
 * @param reason          why (from the checker, or why nothing was extracted)
 * @param correct         {@code verdict == correct}, for convenience
 * @param outputTokens    generated tokens, or null when not known
 * @param finishReason    why generation stopped, or null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GradedRecord(String id, String benchmark, String problemId, int sampleIndex, Long seed, String gold,
        String extractedAnswer, ExtractionRule extractionRule, String extractedFrom, VerdictKind verdict,
        String reason, boolean correct, Integer outputTokens, String finishReason) {

    public static final String FROM_FINAL = "final";
    public static final String FROM_THINK = "think";

    public GradedRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(problemId, "problem_id");
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        if (correct != (verdict == VerdictKind.CORRECT)) {
            throw new IllegalArgumentException("correct=" + correct + " contradicts verdict " + verdict.json());
        }
        if (sampleIndex < 0) {
            throw new IllegalArgumentException("sample_index must be >= 0, got " + sampleIndex);
        }
        if (outputTokens != null && outputTokens < 0) {
            throw new IllegalArgumentException("output_tokens must be >= 0, got " + outputTokens);
        }
    }

    /** The record key for a problem, seed (may be null) and sample index. */
    public static String key(String problemId, Long seed, int sampleIndex) {
        return seed == null ? problemId + "#" + sampleIndex : problemId + "#s" + seed + "#" + sampleIndex;
    }
}
