package drp.core.chat;

/** A failure that trying again will not fix: authentication, bad request, budget, cancellation. */
public sealed class NonRetriableChatException extends ChatException permits BudgetExceededException {

    private static final long serialVersionUID = 1L;

    /** @param httpStatus the HTTP status, 0 when there was none */
    public NonRetriableChatException(ChatFailure failure, String message, int httpStatus, Throwable cause) {
        super(failure, message, httpStatus, cause);
        if (failure.retriable()) {
            throw new IllegalArgumentException(failure + " is retriable");
        }
    }
}
