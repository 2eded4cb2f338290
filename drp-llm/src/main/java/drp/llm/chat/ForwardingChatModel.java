package drp.llm.chat;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import java.util.Objects;

/**
 * The base of every decorator that wraps exactly one {@link ChatModel}: it holds the delegate and
 * forwards what a decorator does not change, the identity (so cache keys and meters see the
 * transport's endpoint and model whatever wraps it) and {@link #close()} (so closing the outermost
 * decorator releases the transport). A subclass writes only its {@link #chat} and says what it adds
 * in {@link #describe()}.
 *
 * <p>{@code chat} stays abstract on purpose: a decorator that forgot to implement it would
 * otherwise pass every call through silently and add nothing.
 */
public abstract class ForwardingChatModel implements ChatModel {

    private final ChatModel delegate;

    /** @param delegate the model calls go to after this decorator's work */
    protected ForwardingChatModel(ChatModel delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The model this decorator passes calls to. */
    protected final ChatModel delegate() {
        return delegate;
    }

    /**
     * The model at the bottom of a stack of decorators, the one that talks to the engine: {@code
     * model} itself when it is no decorator.
     */
    public static ChatModel transport(ChatModel model) {
        ChatModel m = model;
        while (m instanceof ForwardingChatModel f) {
            m = f.delegate;
        }
        return m;
    }

    /** The delegate's identity: a decorator never changes what answers. */
    @Override
    public final ModelId id() {
        return delegate.id();
    }

    @Override
    public abstract ChatResponse chat(ChatRequest request);

    /**
     * Passes a scoring call through unchanged; decorators whose work applies to scoring too
     * (retries, rate limits, metering) override it.
     */
    @Override
    public TargetScore score(ScoreRequest request) {
        return delegate.score(request);
    }

    /** Closes the delegate, which closes the rest of the stack below it. */
    @Override
    public void close() {
        delegate.close();
    }

    /** What this decorator adds, such as {@code "Retrying[3 attempts]"}; shown before the delegate. */
    protected abstract String describe();

    /** The stack from here down, e.g. {@code Cached[USE, calls.sqlite] -> Metered[...] -> OpenAi...}. */
    @Override
    public final String toString() {
        return describe() + " -> " + delegate;
    }
}
