package drp.llm.chat;

import drp.core.chat.ChatFailure;
import drp.core.chat.ModelId;
import drp.core.chat.NonRetriableChatException;

/** The one way decorators turn an interrupted wait into a failed call. */
final class Interrupts {

    private Interrupts() {}

    static NonRetriableChatException cancelled(ModelId id, String waitingFor, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new NonRetriableChatException(ChatFailure.CANCELLED, id + ": interrupted while " + waitingFor, 0, e);
    }
}
