package drp.core.chat;

import drp.core.trace.ThinkSplit;
import java.util.List;
import java.util.Objects;

/**
 * One generated alternative.
 *
 * @param index position among the response's choices, from 0
 * @param text the text exactly as the server returned it (the message content, or the completion)
 * @param reasoning the thinking: the server's separate reasoning field ({@code reasoning_content})
 *     when it sends one, else the {@code <think>} block of {@code text}; empty when there is none
 * @param finishReason why generation stopped
 * @param logprobs per-token log-probabilities when requested, else empty
 */
public record Choice(int index, String text, String reasoning, FinishReason finishReason, List<TokenLogprob> logprobs) {

    public Choice {
        if (index < 0) {
            throw new IllegalArgumentException("choice index must be >= 0, got " + index);
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reasoning, "reasoning");
        Objects.requireNonNull(finishReason, "finishReason");
        logprobs = logprobs == null ? List.of() : List.copyOf(logprobs);
    }

    /**
     * A choice from what a server sent: {@code content} (null counts as empty) and its separate
     * reasoning field (null or empty when it has none, in which case {@code <think>} tags decide).
     */
    public static Choice of(int index, String content, String reasoningField, FinishReason finishReason,
            List<TokenLogprob> logprobs) {
        String text = content == null ? "" : content;
        String reasoning = reasoningField != null && !reasoningField.isEmpty()
                ? reasoningField
                : ThinkSplit.of(text).think();
        return new Choice(index, text, reasoning, finishReason, logprobs);
    }

    /** The answer part of {@link #text()}: everything after the think block, if any. */
    public String answer() {
        return ThinkSplit.of(text).finalPart();
    }

    /** True when the text was cut at the token limit. */
    public boolean truncated() {
        return finishReason == FinishReason.LENGTH;
    }
}
