package drp.llm.chat;

import drp.core.chat.ChatException;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import drp.core.chat.Usage;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;
import java.util.function.Function;
import java.util.function.Supplier;

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
        return metered(() -> delegate().chat(request), ChatResponse::usage);
    }

    /** A score's prompt and target count as input tokens, as the engine reports them. */
    @Override
    public TargetScore score(ScoreRequest request) {
        return metered(() -> delegate().score(request), TargetScore::usage);
    }

    private <T> T metered(Supplier<T> call, Function<T, Usage> usage) {
        T response;
        try {
            response = call.get();
        } catch (ChatException e) {
            meter.recordFailure(id().model());
            throw e;
        }
        meter.record(id().model(), usage.apply(response), price);
        return response;
    }

    @Override
    protected String describe() {
        return "Metered[" + price + "]";
    }
}
