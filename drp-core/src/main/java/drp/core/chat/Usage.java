package drp.core.chat;

/**
 * Tokens one call consumed, as the server reports them (all choices together). A server that
 * reports nothing gives {@link #NONE}.
 */
public record Usage(long promptTokens, long completionTokens) {

    public static final Usage NONE = new Usage(0, 0);

    public Usage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException(
                    "token counts are >= 0, got prompt=" + promptTokens + " completion=" + completionTokens);
        }
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, completionTokens + other.completionTokens);
    }
}
