package drp.core.chat;

/** What went wrong with a call, and whether the same call may succeed later. */
public enum ChatFailure {
    /** HTTP 429: too many requests or tokens for now. */
    RATE_LIMITED(true),
    /** HTTP 5xx, or 408/409: the server failed this time. */
    SERVER_ERROR(true),
    /** No answer within the time limit. */
    TIMEOUT(true),
    /** The connection was refused, reset or dropped. */
    CONNECTION(true),
    /** The server answered with something that is not a valid response (bad JSON, cut-off body). */
    MALFORMED_RESPONSE(true),
    /** HTTP 401/403: the key is missing, wrong or lacks permission. */
    AUTHENTICATION(false),
    /** HTTP 400/422 and other 4xx: the request itself is wrong (unknown parameter, too long...). */
    BAD_REQUEST(false),
    /** HTTP 404: no such model or path at this endpoint. */
    NOT_FOUND(false),
    /** A cost budget would be exceeded; the call was not sent. */
    BUDGET_EXCEEDED(false),
    /** The calling thread was interrupted. */
    CANCELLED(false),
    /** The model or its server cannot do what was asked, e.g. score a given text. */
    UNSUPPORTED(false);

    private final boolean retriable;

    ChatFailure(boolean retriable) {
        this.retriable = retriable;
    }

    /** Whether the same call may succeed if tried again later. */
    public boolean retriable() {
        return retriable;
    }
}
