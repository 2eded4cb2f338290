package drp.cli.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One line of sft.jsonl: a chat example in the OpenAI / TRL {@code messages} format, the user's
 * question and the assistant's {@code <think>} reasoning {@code </think>} and answer.
 *
 * @param id       the trace (or problem) it comes from
 * @param source   {@code pruned} (the student's own trace, pruned) or {@code teacher} (the teacher's
 *                 own solution)
 * @param messages user, then assistant
 * @param tokens   tokens of the assistant message, in the student's tokenizer
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SftRecord(String id, String source, List<Message> messages, int tokens) {

    public SftRecord {
        messages = List.copyOf(messages);
    }

    /** A chat message. */
    public record Message(String role, String content) {}

    public String question() {
        return messages.getFirst().content();
    }

    public String assistant() {
        return messages.getLast().content();
    }
}
