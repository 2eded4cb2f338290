package drp.llm.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.chat.ModelId;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;

/**
 * Maps the SDK's exceptions to {@link ChatException}s, once for every OpenAI-compatible call.
 * Messages name the endpoint, the status and the server's own message with any key scrubbed; the
 * SDK exception is not kept as the cause of an HTTP error, since its message quotes the server's
 * body verbatim.
 */
public final class OpenAiErrors {

    private static final int MAX_DETAIL = 300;

    private final ModelId id;
    private final ApiKey key;

    public OpenAiErrors(ModelId id, ApiKey key) {
        this.id = id;
        this.key = key;
    }

    public ChatException map(OpenAIException e) {
        return switch (e) {
            case OpenAIServiceException http -> http(http);
            case OpenAIIoException io -> io(io);
            case OpenAIInvalidDataException data when cutOff(data) -> ChatException.of(
                    ChatFailure.CONNECTION, where() + ": the response was cut off: " + detail(rootMessage(data)), 0, null,
                    sanitized(data));
            case OpenAIInvalidDataException data -> ChatException.of(ChatFailure.MALFORMED_RESPONSE,
                    where() + ": the server's answer is not a valid response: " + detail(rootMessage(data)), 0, null, null);
            default -> ChatException.of(ChatFailure.MALFORMED_RESPONSE,
                    where() + ": " + detail(e.getClass().getSimpleName() + ": " + rootMessage(e)), 0, null, null);
        };
    }

    /** A request this adapter refuses to send (an extra parameter shadowing a standard field). */
    ChatException unsendable(IllegalArgumentException e) {
        return ChatException.of(ChatFailure.BAD_REQUEST, where() + ": " + e.getMessage(), 0, null, null);
    }

    /** A response that parsed as JSON but breaks the response contract (no choices, bad indices). */
    ChatException malformed(RuntimeException e) {
        return ChatException.of(ChatFailure.MALFORMED_RESPONSE,
                where() + ": the server's answer is not a valid response: " + detail(e.getMessage()), 0, null, null);
    }

    /**
     * What an HTTP error status means for a call: the one table for live calls and Batch API items.
     * 408 and 409 count as server errors because the same request may pass later.
     */
    public static ChatFailure failure(int status) {
        return switch (status) {
            case 429 -> ChatFailure.RATE_LIMITED;
            case 401, 403 -> ChatFailure.AUTHENTICATION;
            case 404 -> ChatFailure.NOT_FOUND;
            case 408, 409 -> ChatFailure.SERVER_ERROR;
            default -> status >= 500 ? ChatFailure.SERVER_ERROR : ChatFailure.BAD_REQUEST;
        };
    }

    /**
     * What a failed Batch API item means: by the HTTP status its request got, else (an item that
     * never ran: it expired with its batch, or the provider failed it) by the error code of its line
     * in the error file ({@code batch_expired}, {@code server_error}, {@code rate_limit_exceeded}...).
     *
     * @param status the item's {@code response.status_code}, 0 when it has none
     * @param code   the item's error code, empty when it has none
     */
    public static ChatFailure batchItemFailure(int status, String code) {
        if (status > 0) {
            return failure(status);
        }
        if (code.contains("rate_limit")) {
            return ChatFailure.RATE_LIMITED;
        }
        if (code.contains("expired") || code.contains("timeout")) {
            return ChatFailure.TIMEOUT;
        }
        if (code.contains("server_error")) {
            return ChatFailure.SERVER_ERROR;
        }
        return ChatFailure.BAD_REQUEST;
    }

    /**
     * The reason a Batch API item failed, as its status, code and the server's message, with any
     * key scrubbed and the message shortened as for live calls, e.g. {@code HTTP 400
     * invalid_request_error: Invalid 'max_tokens': too large.}
     */
    public String batchItemReason(int status, String code, String message) {
        return (status > 0 ? "HTTP " + status + " " : "") + (code.isEmpty() ? "" : code + ": ") + detail(message);
    }

    private ChatException http(OpenAIServiceException e) {
        int status = e.statusCode();
        ChatFailure failure = failure(status);
        Duration retryAfter = failure.retriable()
                ? RetryAfter.parse(name -> e.headers().values(name), Instant.now()).orElse(null)
                : null;
        String hint = switch (failure) {
            case AUTHENTICATION -> " (check the API key's environment variable)";
            case NOT_FOUND -> " (is the model name '" + id.model() + "' served there?)";
            default -> "";
        };
        return ChatException.of(failure, where() + ": HTTP " + status + " " + detail(e.getMessage()) + hint, status,
                retryAfter, null);
    }

    private ChatException io(OpenAIIoException e) {
        if (Thread.currentThread().isInterrupted()) {
            return ChatException.of(ChatFailure.CANCELLED, where() + ": interrupted", 0, null, null);
        }
        boolean timeout = hasCause(e, SocketTimeoutException.class)
                || (e.getCause() instanceof InterruptedIOException iio && "timeout".equals(iio.getMessage()));
        if (timeout) {
            return ChatException.of(ChatFailure.TIMEOUT, where() + ": no answer in time (" + detail(rootMessage(e)) + ")",
                    0, null, sanitized(e));
        }
        String what = hasCause(e, ConnectException.class) ? "cannot connect" : "connection failed";
        return ChatException.of(ChatFailure.CONNECTION, where() + ": " + what + " (" + detail(rootMessage(e)) + ")", 0,
                null, sanitized(e));
    }

    private String where() {
        return id.toString();
    }

    private String detail(String text) {
        String clean = key == null ? ApiKey.redactKeyShaped(text) : key.redact(text);
        clean = clean.replaceAll("\\s+", " ").strip();
        return clean.length() > MAX_DETAIL ? clean.substring(0, MAX_DETAIL) + "..." : clean;
    }

    /** The transport's own exception, kept for its stack trace, with a scrubbed message. */
    private Throwable sanitized(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        IOException copy = new IOException(root.getClass().getName() + ": " + detail(root.getMessage()));
        copy.setStackTrace(root.getStackTrace());
        return copy;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    /** The body stopped early (the connection broke), as opposed to a complete body that is not JSON. */
    private static boolean cutOff(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root instanceof IOException && !(root instanceof JsonProcessingException);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
