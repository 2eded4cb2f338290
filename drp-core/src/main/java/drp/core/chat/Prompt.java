package drp.core.chat;

import java.util.List;
import java.util.Objects;

/**
 * What the model is asked: a conversation (chat endpoint, the server applies the chat template) or
 * a raw text prompt (completions endpoint, the caller has applied the template).
 */
public sealed interface Prompt {

    /** A conversation for the chat endpoint; at least one message. */
    record Messages(List<ChatMessage> messages) implements Prompt {
        public Messages {
            Objects.requireNonNull(messages, "messages");
            if (messages.isEmpty()) {
                throw new IllegalArgumentException("a chat prompt needs at least one message");
            }
            messages = List.copyOf(messages);
        }
    }

    /** A raw prompt for the completions endpoint, sent verbatim; not empty. */
    record Text(String text) implements Prompt {
        public Text {
            Objects.requireNonNull(text, "text");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("a raw prompt must not be empty");
            }
        }
    }
}
