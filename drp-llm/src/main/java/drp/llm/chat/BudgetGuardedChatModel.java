package drp.llm.chat;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.llm.meter.Budget;
import drp.llm.meter.Price;
import drp.llm.meter.TokenEstimate;

/**
 * Refuses a call, before sending it, when its worst-case cost could push spending past the {@link
 * Budget}: the prompt estimate plus {@code max_tokens} per choice (or the expected completion
 * length when unset), at the model's price. Sits below the cache, so cache hits cost nothing.
 */
public final class BudgetGuardedChatModel extends ForwardingChatModel {

    private final Budget budget;
    private final Price price;
    private final TokenEstimate estimate;
    private final long expectedCompletionTokens;

    public BudgetGuardedChatModel(ChatModel inner, Budget budget, Price price, TokenEstimate estimate,
            long expectedCompletionTokens) {
        super(inner);
        this.budget = budget;
        this.price = price;
        this.estimate = estimate;
        this.expectedCompletionTokens = expectedCompletionTokens;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        double worstCase = price.cost(estimate.promptTokens(request),
                TokenEstimate.completionTokens(request, expectedCompletionTokens));
        Budget.Reservation reservation;
        try {
            reservation = budget.reserve(worstCase, "a call to " + id());
        } catch (InterruptedException e) {
            throw Interrupts.cancelled(id(), "waiting for calls in flight to settle the budget", e);
        }
        double actual = 0;
        try {
            ChatResponse response = delegate().chat(request);
            actual = price.cost(response.usage());
            return response;
        } finally {
            budget.settle(reservation, actual);
        }
    }

    @Override
    protected String describe() {
        return "BudgetGuarded[$" + budget.max() + "]";
    }
}
