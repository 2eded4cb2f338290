package drp.core.stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One line of completions.jsonl: one output of the student, graded. Every key is always written.
 * {@code drp grade} reads these files as they are ({@code problem_id}, {@code text}, {@code think},
 * {@code sample_index}, {@code seed}, {@code output_tokens}, {@code finish_reason}), and {@code drp
 * prune} reads them with its default field mapping ({@code id}, {@code question}, {@code think},
 * {@code extracted_answer}, {@code gold}, {@code correct}, {@code finish_reason}).
 *
 * @param id              {@code <problem id>#s<seed>#<sample index>}: the key a resumed run skips
 * @param problemId       the problem
 * @param sampleIndex     0-based sample number for the problem (and seed)
 * @param seed            the run's seed
 * @param requestSeed     the seed sent with the request (differs per sample, so samples differ)
 * @param model           the model name as the endpoint knows it
 * @param question        the problem's question
 * @param gold            the gold answer, or null when the dataset has none
 * @param prompt          the user message sent
 * @param text            the full output, thinking included ({@code <think>...</think>} when the
 *                        server returned the reasoning apart)
 * @param think           the reasoning alone (empty when there is none)
 * @param extractedAnswer the answer found in the output, or null
 * @param correct         whether it equals the gold answer, or null without a gold answer
 * @param outputTokens    generated tokens as the server reported them, or null when it did not
 * @param finishReason    why generation stopped: {@code stop}, {@code length}...
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CompletionRecord(String id, String problemId, int sampleIndex, long seed, long requestSeed, String model,
        String question, String gold, String prompt, String text, String think, String extractedAnswer, Boolean correct,
        Integer outputTokens, String finishReason) {

    public CompletionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(problemId, "problemId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(think, "think");
        Objects.requireNonNull(finishReason, "finishReason");
    }
}
