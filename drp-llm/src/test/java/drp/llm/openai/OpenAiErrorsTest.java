package drp.llm.openai;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.chat.ChatFailure;
import drp.core.chat.ModelId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one classification of failures, for live calls (by HTTP status) and for Batch API items (by
 * the status their request got, else the code of their error line). Live calls through the SDK are
 * covered end to end in {@link OpenAiChatModelTest}; this is the table itself.
 */
class OpenAiErrorsTest {

    @ParameterizedTest(name = "HTTP {0} -> {1}")
    @CsvSource({
            "429, RATE_LIMITED",
            "401, AUTHENTICATION",
            "403, AUTHENTICATION",
            "404, NOT_FOUND",
            // a request timeout or a conflict may pass when sent again
            "408, SERVER_ERROR",
            "409, SERVER_ERROR",
            "500, SERVER_ERROR",
            "503, SERVER_ERROR",
            "400, BAD_REQUEST",
            "422, BAD_REQUEST",
    })
    void statusTable(int status, ChatFailure expected) {
        assertThat(OpenAiErrors.failure(status)).isEqualTo(expected);
        // a batch item that got a status is judged by it, whatever its code says
        assertThat(OpenAiErrors.batchItemFailure(status, "")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "status {0}, code ''{1}'' -> {2}")
    @CsvSource({
            // the item never ran: its code is all there is
            "0, batch_expired, TIMEOUT, true",
            "0, server_error, SERVER_ERROR, true",
            "0, rate_limit_exceeded, RATE_LIMITED, true",
            "0, request_timeout, TIMEOUT, true",
            "0, invalid_request_error, BAD_REQUEST, false",
            "0, '', BAD_REQUEST, false",
            // the item's request was answered with an error status: the status decides
            "400, invalid_request_error, BAD_REQUEST, false",
            "429, rate_limit_exceeded, RATE_LIMITED, true",
            "500, '', SERVER_ERROR, true",
    })
    void batchItemTable(int status, String code, ChatFailure expected, boolean retriable) {
        ChatFailure failure = OpenAiErrors.batchItemFailure(status, code);
        assertThat(failure).isEqualTo(expected);
        assertThat(failure.retriable()).isEqualTo(retriable);
    }

    @Test
    void batchItemReasonIsScrubbedLikeALiveMessage() {
        OpenAiErrors errors = new OpenAiErrors(new ModelId("openai:https://api.openai.com/v1", "gpt-4o"),
                ApiKey.of("sk-secret-123456"));
        assertThat(errors.batchItemReason(400, "invalid_request_error", "Invalid 'max_tokens': too large."))
                .isEqualTo("HTTP 400 invalid_request_error: Invalid 'max_tokens': too large.");
        assertThat(errors.batchItemReason(0, "batch_expired", "not run before the window closed"))
                .isEqualTo("batch_expired: not run before the window closed");
        assertThat(errors.batchItemReason(500, "", "boom")).isEqualTo("HTTP 500 boom");
        // the key and anything key-shaped are scrubbed and white space folded, as in live messages
        assertThat(errors.batchItemReason(401, "invalid_api_key",
                "Incorrect API key  provided:\n sk-secret-123456 or sk-other99"))
                .isEqualTo("HTTP 401 invalid_api_key: Incorrect API key provided: *** or sk-***");
    }
}
