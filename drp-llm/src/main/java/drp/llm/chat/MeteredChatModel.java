package drp.llm.chat;

import drp.core.chat.ChatException;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;

/** Records every call's tokens and cost (by the model's price) in a {@link UsageMeter}. */
public final class MeteredChatModel implements ChatModel {

    private final ChatModel inner;
    private final UsageMeter meter;
    private final Price price;

    public MeteredChatModel(ChatModel inner, UsageMeter meter, Price price) {
        this.inner = inner;
        this.meter = meter;
        this.price = price;
    }

    @Override
    public ModelId id() {
        return inner.id();
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ChatResponse response;
        try {
            response = inner.chat(request);
        } catch (ChatException e) {
            meter.recordFailure(id().model());
            throw e;
        }
        meter.record(id().model(), response.usage(), price.cost(response.usage()));
        return response;
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public String toString() {
        return "Metered[" + price + "] -> " + inner;
    }
}
