package drp.llm.chat;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import drp.core.chat.Usage;
import drp.llm.meter.Budget;
import drp.llm.meter.Price;
import drp.llm.meter.TokenEstimate;
import java.util.function.Function;
import java.util.function.Supplier;

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
        return guarded(request, () -> delegate().chat(request), ChatResponse::usage);
    }

    /**
     * A score is guarded as the generation call it costs like ({@link ScoreCalls}): its prompt and
     * target read, one token generated.
     */
    @Override
    public TargetScore score(ScoreRequest request) {
        return guarded(ScoreCalls.asChatRequest(request), () -> delegate().score(request), TargetScore::usage);
    }

    private <T> T guarded(ChatRequest request, Supplier<T> call, Function<T, Usage> usage) {
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
            T response = call.get();
            actual = price.cost(usage.apply(response));
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
