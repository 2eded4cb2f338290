package drp.core.chat;

import java.util.Objects;

/**
 * Asks a model how likely a given continuation is: the log-probability of every token of {@code
 * target} when it follows {@code prompt}, with nothing generated. This is teacher forcing, the
 * quantity a fine-tune on {@code (prompt, target)} minimises, so the student's own score of a
 * candidate training trace says how far that trace is from what the student already writes.
 *
 * @param prompt a conversation, which the model renders with its own chat template and generation
 *     prefix (engines that cannot do that faithfully refuse it), or a raw text that the caller has
 *     rendered, used verbatim
 * @param target the text scored, appended to the rendered prompt verbatim; not empty
 */
public record ScoreRequest(Prompt prompt, String target) {

    public ScoreRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(target, "target");
        if (target.isEmpty()) {
            throw new IllegalArgumentException("a scored target must not be empty");
        }
    }

    /** Scores {@code target} as the assistant's reply to one user message. */
    public static ScoreRequest reply(String user, String target) {
        return new ScoreRequest(new Prompt.Messages(java.util.List.of(ChatMessage.user(user))), target);
    }

    /** Scores {@code target} after a prompt the caller rendered. */
    public static ScoreRequest afterText(String renderedPrompt, String target) {
        return new ScoreRequest(new Prompt.Text(renderedPrompt), target);
    }
}
