package drp.tiny.sample;

/**
 * One generated continuation.
 *
 * @param tokens       the generated tokens, without the end-of-reply token
 * @param finishReason {@code stop} (the model ended its reply) or {@code length} (the token
 *                     budget or the context ran out), as OpenAI-compatible servers report it
 */
public record Completion(int[] tokens, String finishReason) {
    public static final String STOP = "stop";
    public static final String LENGTH = "length";
}
