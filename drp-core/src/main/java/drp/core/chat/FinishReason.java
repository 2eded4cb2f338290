package drp.core.chat;

import java.util.Locale;

/** Why a choice stopped. {@link #LENGTH} matters most: the text was cut at the token limit. */
public enum FinishReason {
    /** A natural end or a stop sequence. */
    STOP,
    /** The token limit ({@code max_tokens} or the context) was reached; the text is cut. */
    LENGTH,
    CONTENT_FILTER,
    TOOL_CALLS,
    /** The server gave none, or one this list does not know. */
    UNKNOWN;

    /** The reason a server reports ({@code stop}, {@code length}, ...); null or unknown gives UNKNOWN. */
    public static FinishReason parse(String wire) {
        if (wire == null) {
            return UNKNOWN;
        }
        return switch (wire.toLowerCase(Locale.ROOT)) {
            case "stop", "eos", "end_turn", "stop_sequence" -> STOP;
            case "length", "max_tokens" -> LENGTH;
            case "content_filter" -> CONTENT_FILTER;
            case "tool_calls", "function_call" -> TOOL_CALLS;
            default -> UNKNOWN;
        };
    }

    /** The OpenAI wire name. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
