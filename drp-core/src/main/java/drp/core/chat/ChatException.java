package drp.core.chat;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A failed call. The two subtypes carry the retry semantics: {@link RetriableChatException} (rate
 * limit, server error, timeout, dropped connection, malformed response) and {@link
 * NonRetriableChatException} (authentication, bad request, budget). Adapters map their transport's
 * errors to these once; decorators and stages only look at these types.
 *
 * <p>Messages name the endpoint and the failure, never a secret.
 */
public abstract sealed class ChatException extends RuntimeException
        permits RetriableChatException, NonRetriableChatException {

    private static final long serialVersionUID = 1L;

    private final ChatFailure failure;
    private final int httpStatus;

    protected ChatException(ChatFailure failure, String message, int httpStatus, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.failure = Objects.requireNonNull(failure, "failure");
        if (httpStatus != 0 && (httpStatus < 100 || httpStatus > 599)) {
            throw new IllegalArgumentException("HTTP status must be 100-599 or 0 for none, got " + httpStatus);
        }
        this.httpStatus = httpStatus;
    }

    /**
     * The exception for {@code failure}, of the subtype its retry semantics call for.
     *
     * @param httpStatus the HTTP status, 0 when there was none
     * @param retryAfter how long the server asked to wait, or null
     */
    public static ChatException of(ChatFailure failure, String message, int httpStatus, Duration retryAfter,
            Throwable cause) {
        return failure.retriable()
                ? new RetriableChatException(failure, message, httpStatus, retryAfter, cause)
                : new NonRetriableChatException(failure, message, httpStatus, cause);
    }

    public ChatFailure failure() {
        return failure;
    }

    /** The HTTP status the server answered with, if any. */
    public OptionalInt httpStatus() {
        return httpStatus == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatus);
    }

    /** Whether the same call may succeed later. */
    public boolean retriable() {
        return failure.retriable();
    }
}
