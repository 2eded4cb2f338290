package drp.core.chat;

import java.time.Duration;
import java.util.Optional;

/** A failure that may pass: rate limit, server error, timeout, dropped connection, malformed answer. */
public final class RetriableChatException extends ChatException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;

    /**
     * @param httpStatus the HTTP status, 0 when there was none
     * @param retryAfter how long the server asked to wait ({@code Retry-After}), or null
     */
    public RetriableChatException(ChatFailure failure, String message, int httpStatus, Duration retryAfter,
            Throwable cause) {
        super(failure, message, httpStatus, cause);
        if (!failure.retriable()) {
            throw new IllegalArgumentException(failure + " is not retriable");
        }
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retry-after must be >= 0, got " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /** How long the server asked the client to wait before trying again, if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
