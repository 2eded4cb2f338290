package drp.core.sft;

import com.fasterxml.jackson.annotation.JsonInclude;
import drp.core.align.Selection;
import java.util.List;
import java.util.Objects;

/**
 * One line of sft.jsonl: a chat {@code messages} example as OpenAI, TRL and Together read them,
 * with where it came from.
 *
 * @param id       the trace (or problem) it was made from
 * @param source   {@code pruned} (a pruned own trace) or {@code solution} (a reference solution)
 * @param messages the user question, then the assistant's reply:
 *                 {@code <think>\nREASONING\n</think>\n\nFINAL ANSWER}
 * @param tokens   tokens of the assistant reply, counted by the student's tokenizer
 * @param selection why this target was chosen among its problem's candidates, for examples made
 *                 by capacity-aware selection; absent otherwise
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SftExample(String id, String source, List<Message> messages, int tokens,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Selection selection) {

    public static final String PRUNED = "pruned";
    public static final String SOLUTION = "solution";
    /** The student's own original trace, unpruned. */
    public static final String ORIGINAL = "original";

    /** An example that was not selected among candidates. */
    public SftExample(String id, String source, List<Message> messages, int tokens) {
        this(id, source, messages, tokens, null);
    }

    /** A one-turn example: the user's question, then the assistant's reply of {@code tokens} tokens. */
    public static SftExample reply(String id, String source, String question, String assistant, int tokens) {
        return new SftExample(id, source, List.of(new Message("user", question), new Message("assistant", assistant)), tokens);
    }

    /** This example with the provenance of its selection. */
    public SftExample selected(Selection why) {
        return new SftExample(id, source, messages, tokens, why);
    }

    public SftExample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        messages = List.copyOf(messages);
        if (messages.size() < 2 || !messages.getLast().role().equals("assistant")) {
            throw new IllegalArgumentException("example " + id + " needs a user message and an assistant reply");
        }
    }

    /** One chat message. */
    public record Message(String role, String content) {
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }
    }

    /** The question: the last user message. */
    public String question() {
        return messages.stream().filter(m -> m.role().equals("user")).reduce((a, b) -> b).orElseThrow().content();
    }

    /** The assistant's reply, the training target. */
    public String assistant() {
        return messages.getLast().content();
    }
}
