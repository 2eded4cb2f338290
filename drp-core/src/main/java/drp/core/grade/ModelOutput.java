package drp.core.grade;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One model output to grade, with where it was read from so that errors can name file:line.
 *
 * @param problemId    the problem it answers
 * @param sampleIndex  0-based sample number for this problem
 * @param seed         the sampling seed, or null when unknown
 * @param text         the generated text
 * @param think        the reasoning part alone when the source keeps it apart, else null
 * @param tokens       the output-token count the source reports, or null
 * @param finishReason why generation stopped ({@code stop}, {@code length}...), or null
 * @param file         the source file
 * @param line         the 1-based line in {@code file}
 */
public record ModelOutput(String problemId, int sampleIndex, Long seed, String text, String think, Integer tokens,
        String finishReason, Path file, int line) {

    public ModelOutput {
        Objects.requireNonNull(problemId, "problemId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(file, "file");
        if (sampleIndex < 0) {
            throw new IllegalArgumentException("sample index must be >= 0, got " + sampleIndex);
        }
        if (tokens != null && tokens < 0) {
            throw new IllegalArgumentException("token count must be >= 0, got " + tokens);
        }
    }

    /** The key of this output and of its graded record: problem, seed (when known) and sample. */
    public String key() {
        return GradedRecord.key(problemId, seed, sampleIndex);
    }

    /** {@code file:line}. */
    public String location() {
        return file + ":" + line;
    }
}
