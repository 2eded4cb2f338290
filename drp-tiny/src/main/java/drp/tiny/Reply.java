package drp.tiny;

/**
 * One answer of the student.
 *
 * @param text          the assistant text ({@code <think>\n...\n</think>\n\nThe answer is N.})
 * @param outputTokens  tokens generated, the end-of-reply token not counted
 * @param finishReason  {@code stop} or {@code length}
 */
public record Reply(String text, int outputTokens, String finishReason) {}
