package drp.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ChatExceptionTest {

    @ParameterizedTest
    @EnumSource(ChatFailure.class)
    void theTypeFollowsTheRetrySemantics(ChatFailure failure) {
        ChatException e = ChatException.of(failure, "m", 0, null, null);
        assertThat(e).isInstanceOf(failure.retriable() ? RetriableChatException.class : NonRetriableChatException.class);
        assertThat(e.retriable()).isEqualTo(failure.retriable());
        assertThat(e.failure()).isEqualTo(failure);
    }

    @Test
    void carriesStatusAndRetryAfter() {
        var e = (RetriableChatException) ChatException.of(ChatFailure.RATE_LIMITED, "slow down", 429, Duration.ofMillis(1500), null);
        assertThat(e.httpStatus()).hasValue(429);
        assertThat(e.retryAfter()).hasValue(Duration.ofMillis(1500));
        assertThat(ChatException.of(ChatFailure.TIMEOUT, "t", 0, null, null).httpStatus()).isEmpty();
    }

    @Test
    void refusesInconsistentConstruction() {
        assertThatThrownBy(() -> new RetriableChatException(ChatFailure.AUTHENTICATION, "m", 401, null, null))
                .hasMessageContaining("not retriable");
        assertThatThrownBy(() -> new NonRetriableChatException(ChatFailure.TIMEOUT, "m", 0, null))
                .hasMessageContaining("is retriable");
        assertThatThrownBy(() -> ChatException.of(ChatFailure.SERVER_ERROR, "m", 42, null, null))
                .hasMessageContaining("HTTP status");
        assertThatThrownBy(() -> ChatException.of(ChatFailure.SERVER_ERROR, "m", 500, Duration.ofSeconds(-1), null))
                .hasMessageContaining("retry-after");
    }

    @Test
    void budgetIsNonRetriable() {
        BudgetExceededException e = new BudgetExceededException("over", 5.0, 4.99);
        assertThat(e).isInstanceOf(NonRetriableChatException.class);
        assertThat(e.failure()).isEqualTo(ChatFailure.BUDGET_EXCEEDED);
        assertThat(e.budget()).isEqualTo(5.0);
    }
}
