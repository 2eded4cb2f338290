package drp.llm.batch;

import drp.core.chat.ChatResponse;
import java.util.Objects;

/** How one item of a batch ended. */
public sealed interface BatchResult {

    String customId();

    /** Submissions it took (1 unless it was resubmitted); 0 when answered from the cache. */
    int attempts();

    record Answered(String customId, ChatResponse response, int attempts) implements BatchResult {
        public Answered {
            Objects.requireNonNull(customId, "customId");
            Objects.requireNonNull(response, "response");
        }
    }

    /** No answer: the last reason (the server's, or why it was not resubmitted). */
    record Failed(String customId, String reason, int attempts) implements BatchResult {
        public Failed {
            Objects.requireNonNull(customId, "customId");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
