package drp.core.chat;

import java.util.Objects;

/**
 * One message of a chat conversation.
 *
 * @param role who speaks
 * @param content the text; may be empty (an assistant prefill), never null
 */
public record ChatMessage(Role role, String content) {

    /** The speakers the OpenAI chat format knows and every chat template renders. */
    public enum Role {
        SYSTEM, USER, ASSISTANT;

        /** The wire name: {@code system}, {@code user}, {@code assistant}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }
}
