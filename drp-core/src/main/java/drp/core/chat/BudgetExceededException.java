package drp.core.chat;

/**
 * A call was refused before it was sent because it could push spending past the budget
 * ({@code --max-cost}). Everything finished before it is kept; a stage stops cleanly on it.
 */
public final class BudgetExceededException extends NonRetriableChatException {

    private static final long serialVersionUID = 1L;

    private final double budget;
    private final double spent;

    public BudgetExceededException(String message, double budget, double spent) {
        super(ChatFailure.BUDGET_EXCEEDED, message, 0, null);
        this.budget = budget;
        this.spent = spent;
    }

    /** The budget, in the price table's currency (USD). */
    public double budget() {
        return budget;
    }

    /** What had been spent when the call was refused. */
    public double spent() {
        return spent;
    }
}
