package drp.core.chat;

import java.util.List;
import java.util.Objects;

/**
 * A model's answer to one {@link ChatRequest}.
 *
 * @param model the model name as the server reported it (may differ from the requested alias)
 * @param choices the alternatives, in index order; at least one
 * @param usage tokens consumed by the call
 */
public record ChatResponse(String model, List<Choice> choices, Usage usage) {

    public ChatResponse {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        choices = List.copyOf(Objects.requireNonNull(choices, "choices"));
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("a response has at least one choice");
        }
        for (int i = 0; i < choices.size(); i++) {
            if (choices.get(i).index() != i) {
                throw new IllegalArgumentException(
                        "choices must be in index order 0..n-1; position " + i + " has index " + choices.get(i).index());
            }
        }
    }

    /** The first choice, the only one unless {@code n > 1} was asked. */
    public Choice first() {
        return choices.getFirst();
    }

    /** The first choice's text. */
    public String text() {
        return first().text();
    }
}
