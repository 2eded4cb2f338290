package drp.cli.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One line of a demo completions file: one answer of a student, graded. The keys are those of drp's
 * completions format, so {@code drp grade} and {@code drp prune} read these files as they are.
 *
 * @param id              {@code <problem id>#s<seed>#<sample index>}: the key a resumed run skips
 * @param problemId       the problem
 * @param sampleIndex     always 0: one answer per problem and seed
 * @param seed            the evaluation (or sampling) seed; 0 for greedy answers
 * @param requestSeed     the sampler's seed for this record's chunk: sequence i of a chunk draws
 *                        from (request seed, i), so a rerun gives the same text
 * @param model           which student answered ({@code base}, {@code drp}, ...)
 * @param question        the question
 * @param gold            the gold answer
 * @param prompt          the user message (the student's chat template wraps it)
 * @param text            the whole reply, {@code <think>...</think>} and the final line
 * @param think           the reasoning alone
 * @param extractedAnswer the answer found in the final part, or null
 * @param correct         whether it equals the gold answer
 * @param outputTokens    tokens generated (the end-of-reply token not counted)
 * @param finishReason    {@code stop} or {@code length}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DemoCompletion(String id, String problemId, int sampleIndex, long seed, long requestSeed, String model,
                             String question, String gold, String prompt, String text, String think,
                             String extractedAnswer, boolean correct, int outputTokens, String finishReason) {
    public DemoCompletion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(problemId, "problemId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(think, "think");
        Objects.requireNonNull(finishReason, "finishReason");
    }
}
