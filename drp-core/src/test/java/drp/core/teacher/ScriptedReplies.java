package drp.core.teacher;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.chat.FinishReason;
import drp.core.chat.ModelId;
import drp.core.chat.Usage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;

/** A teacher model whose next answers are scripted (or edited from the real ones); then it answers as the delegate. */
final class ScriptedReplies implements ChatModel {

    private final ChatModel delegate;
    private final Deque<UnaryOperator<String>> script = new ArrayDeque<>();
    final List<ChatRequest> requests = new ArrayList<>();

    ScriptedReplies(ChatModel delegate) {
        this.delegate = delegate;
    }

    /** The next answer is {@code text}. */
    ScriptedReplies then(String text) {
        script.add(real -> text);
        return this;
    }

    /** The next answer is the delegate's, edited. */
    ScriptedReplies thenEdited(UnaryOperator<String> edit) {
        script.add(edit);
        return this;
    }

    @Override
    public ModelId id() {
        return delegate.id();
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request) {
        requests.add(request);
        ChatResponse real = delegate.chat(request);
        UnaryOperator<String> edit = script.poll();
        if (edit == null) {
            return real;
        }
        return new ChatResponse(real.model(), List.of(Choice.of(0, edit.apply(real.text()), null, FinishReason.STOP, List.of())),
                new Usage(10, 10));
    }

    static ChatResponse truncated(String text) {
        return new ChatResponse("m", List.of(Choice.of(0, text, null, FinishReason.LENGTH, List.of())), Usage.NONE);
    }
}
