package drp.llm.serve;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import java.util.List;
import java.util.Objects;

/**
 * A model behind {@link OpenAiServer}, under the name clients ask for, with how it streams. The
 * {@link ChatModel} port has no streaming, so a model sends each choice whole, as one piece, when
 * it is done, unless it comes with a {@link Streaming} of its own (the embedded student, token by
 * token: drp-cli wires that, since this module does not know the student).
 *
 * @param name      the model name clients send and {@code /v1/models} lists
 * @param model     the model; closed with this
 * @param streaming how an answer reaches the client while it is made
 * @param echo      the log-probabilities of every token of a raw prompt, for {@code echo: true} with
 *     {@code logprobs} on {@code /v1/completions}; null when the model cannot report them (the
 *     {@link ChatModel} port scores a target after a prompt, never a prompt's first tokens, so
 *     drp-cli wires this for the embedded student)
 */
public record ServedModel(String name, ChatModel model, Streaming streaming, Echo echo) implements AutoCloseable {

    /** Receives the text of an answer as it comes. */
    @FunctionalInterface
    public interface TextListener {
        /** More text of choice {@code index}; the pieces of one choice concatenate to its text. */
        void text(int index, String piece);
    }

    /** Answers a request, handing each choice's text to a listener as it is generated. */
    @FunctionalInterface
    public interface Streaming {
        /** The whole answer, once every piece of it went to {@code listener}. */
        ChatResponse chat(ChatRequest request, TextListener listener);
    }

    /** Scores every token of a raw prompt, as an engine's echo reports them. */
    @FunctionalInterface
    public interface Echo {
        /**
         * Every token of {@code text} as the model reads it, its beginning-of-text token first,
         * each with its log-probability given those before it; the first, which nothing predicts,
         * with none.
         */
        List<EchoedToken> tokens(String text);
    }

    /**
     * One token of an echoed prompt.
     *
     * @param text    the token's text as the tokenizer decodes it
     * @param logprob its log-probability given the tokens before it; null for the first token
     */
    public record EchoedToken(String text, Double logprob) {
        public EchoedToken {
            Objects.requireNonNull(text, "text");
        }
    }

    public ServedModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(streaming, "streaming");
        if (name.isBlank()) {
            throw new IllegalArgumentException("the served model name is blank");
        }
    }

    /** A model that cannot echo a prompt's log-probabilities. */
    public ServedModel(String name, ChatModel model, Streaming streaming) {
        this(name, model, streaming, null);
    }

    /** A model that streams each choice whole, when the answer is complete, and cannot echo. */
    public ServedModel(String name, ChatModel model) {
        this(name, model, wholeChoices(model));
    }

    /** Answers {@code request}, handing each choice's text to {@code listener} as it comes. */
    public ChatResponse answer(ChatRequest request, TextListener listener) {
        return streaming.chat(request, listener);
    }

    private static Streaming wholeChoices(ChatModel model) {
        return (request, listener) -> {
            ChatResponse response = model.chat(request);
            for (Choice choice : response.choices()) {
                listener.text(choice.index(), choice.text());
            }
            return response;
        };
    }

    @Override
    public void close() {
        model.close();
    }
}
