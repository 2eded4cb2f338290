package drp.cli.serve;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.tiny.chat.TinyChatModel;
import java.util.Objects;

/**
 * A model behind {@code drp serve}, under the name clients ask for. The embedded student streams
 * token by token; any other {@link ChatModel} (the port has no streaming) sends each choice whole,
 * as one piece, when it is done.
 *
 * @param name  the model name clients send and {@code /v1/models} lists
 * @param model the model
 */
public record ServedModel(String name, ChatModel model) implements AutoCloseable {

    public ServedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the served model name is blank");
        }
    }

    /** Answers {@code request}, handing each choice's text to {@code listener} as it comes. */
    public ChatResponse answer(ChatRequest request, TinyChatModel.TextListener listener) {
        if (model instanceof TinyChatModel tiny) {
            return tiny.chat(request, listener);
        }
        ChatResponse response = model.chat(request);
        for (Choice choice : response.choices()) {
            listener.text(choice.index(), choice.text());
        }
        return response;
    }

    @Override
    public void close() {
        model.close();
    }
}
