package drp.llm.serve;

/**
 * A request the server refuses, answered as OpenAI does: an HTTP status and
 * {@code {"error": {"message", "type", "param", "code"}}}.
 *
 * @param status  the HTTP status
 * @param type    {@code invalid_request_error}, {@code not_found_error}, {@code server_error}...
 * @param param   the request field at fault, or null
 * @param code    a stable code such as {@code model_not_found}, or null
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;
    final String type;
    final String param;
    final String code;

    ApiError(int status, String type, String message, String param, String code) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static ApiError invalid(String message, String param) {
        return new ApiError(400, "invalid_request_error", message, param, null);
    }
}
