package drp.llm.chat;

import drp.core.chat.ChatException;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;

/** Records every call's tokens and cost (by the model's price) in a {@link UsageMeter}. */
public final class MeteredChatModel extends ForwardingChatModel {

    private final UsageMeter meter;
    private final Price price;

    public MeteredChatModel(ChatModel inner, UsageMeter meter, Price price) {
        super(inner);
        this.meter = meter;
        this.price = price;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        ChatResponse response;
        try {
            response = delegate().chat(request);
        } catch (ChatException e) {
            meter.recordFailure(id().model());
            throw e;
        }
        meter.record(id().model(), response.usage(), price);
        return response;
    }

    @Override
    protected String describe() {
        return "Metered[" + price + "]";
    }
}
