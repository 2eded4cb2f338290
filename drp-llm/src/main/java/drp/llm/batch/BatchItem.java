package drp.llm.batch;

import drp.core.chat.ChatRequest;
import java.util.Objects;

/**
 * One request of a batch job under the caller's name for it ({@code custom_id}), which joins the
 * answer back, since a batch returns its answers in no particular order.
 */
public record BatchItem(String customId, ChatRequest request) {
    public BatchItem {
        Objects.requireNonNull(customId, "customId");
        Objects.requireNonNull(request, "request");
        if (customId.isBlank() || customId.length() > 512) {
            throw new IllegalArgumentException("custom_id must be 1-512 characters, got '" + customId + "'");
        }
    }
}
