package drp.core.sft;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * An SFT example as the student's tokenizer sees it: the prompt rendered by the student's chat
 * template with its generation prefix (masked out of the loss), then the completion the student
 * generates at inference (the think text, {@code </think>}, the final answer and the
 * end-of-sequence token), on which the loss is computed. {@code prompt + completion} is the
 * training sequence.
 *
 * @param id               the example's id
 * @param prompt           the masked part
 * @param completion       the trained part
 * @param promptTokens     tokens of the prompt
 * @param completionTokens tokens of the completion
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RenderedExample(String id, String prompt, String completion, int promptTokens, int completionTokens) {

    public RenderedExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
    }

    /** Tokens of the whole training sequence. */
    public int tokens() {
        return promptTokens + completionTokens;
    }
}
