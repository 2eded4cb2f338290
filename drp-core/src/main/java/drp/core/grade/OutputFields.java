package drp.core.grade;

import java.util.Objects;
import java.util.Optional;

/**
 * Where an outputs file keeps each part of a model output. Only the problem id and the output
 * text are required; an optional field that a record lacks is simply absent for that record.
 *
 * @param problemId    the problem id field
 * @param text         the output text field (the full generated text)
 * @param think        the field holding the reasoning part alone, if the file has one
 * @param sampleIndex  the sample index field; without it, the outputs of a problem (and seed, when
 *                     known) are samples 0, 1, ... in file order
 * @param seed         the sampling seed field
 * @param tokens       the output-token count field (used when no tokenizer is given)
 * @param finishReason the finish reason field ({@code stop}, {@code length}...)
 */
public record OutputFields(String problemId, String text, Optional<String> think, Optional<String> sampleIndex,
        Optional<String> seed, Optional<String> tokens, Optional<String> finishReason) {

    /**
     * drp's own completions format: {@code problem_id}, {@code text}, {@code think},
     * {@code sample_index}, {@code seed}, {@code output_tokens}, {@code finish_reason}.
     */
    public static final OutputFields COMPLETIONS = new OutputFields("problem_id", "text", Optional.of("think"),
            Optional.of("sample_index"), Optional.of("seed"), Optional.of("output_tokens"),
            Optional.of("finish_reason"));

    public OutputFields {
        Objects.requireNonNull(problemId, "problemId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(think, "think");
        Objects.requireNonNull(sampleIndex, "sampleIndex");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(finishReason, "finishReason");
    }

    /** Just a problem id field and a text field. */
    public static OutputFields of(String problemIdField, String textField) {
        return new OutputFields(problemIdField, textField, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    public OutputFields withThink(String field) {
        return new OutputFields(problemId, text, Optional.of(field), sampleIndex, seed, tokens, finishReason);
    }

    public OutputFields withSampleIndex(String field) {
        return new OutputFields(problemId, text, think, Optional.of(field), seed, tokens, finishReason);
    }

    public OutputFields withSeed(String field) {
        return new OutputFields(problemId, text, think, sampleIndex, Optional.of(field), tokens, finishReason);
    }

    public OutputFields withTokens(String field) {
        return new OutputFields(problemId, text, think, sampleIndex, seed, Optional.of(field), finishReason);
    }

    public OutputFields withFinishReason(String field) {
        return new OutputFields(problemId, text, think, sampleIndex, seed, tokens, Optional.of(field));
    }
}
