package drp.llm.chat;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.chat.ChatRequest;
import drp.core.testing.EchoChatModel;
import drp.llm.testing.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitedChatModelTest {

    FakeTime time = new FakeTime();

    @Test
    void requestsBeyondTheMinutesAllowanceWaitTheirTurn() {
        RateLimitedChatModel model = new RateLimitedChatModel(new EchoChatModel(), new RateLimits(60, 0),
                r -> 1, 1, time, time);

        for (int i = 0; i < 60; i++) {
            model.chat(ChatRequest.ofUser("q" + i));
        }
        assertThat(time.waits()).as("a full minute's burst passes at once").isEmpty();

        model.chat(ChatRequest.ofUser("q60"));
        model.chat(ChatRequest.ofUser("q61"));
        assertThat(time.waits()).hasSize(2);
        assertThat(time.waits().get(0)).isEqualTo(Duration.ofSeconds(1));
        // the first wait already refilled one request; the next needs one more second
        assertThat(time.waits().get(1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void tokensAreEstimatedThenCorrectedByTheReportedUsage() {
        // estimate: 10 prompt tokens + max_tokens 90 = 100 per call, limit 300 per minute
        RateLimitedChatModel model = new RateLimitedChatModel(new EchoChatModel(), new RateLimits(0, 300),
                r -> 10, 1000, time, time);
        ChatRequest request = ChatRequest.builder().user("a b").maxTokens(90).build();

        // the echo model really uses 1 prompt + 9 completion tokens: 90 of each 100 come back
        for (int i = 0; i < 10; i++) {
            model.chat(request);
        }
        assertThat(time.waits()).as("refunds keep the bucket from running dry").isEmpty();
    }

    @Test
    void aLargeEstimateWaitsForTheBucketToRefill() {
        RateLimitedChatModel model = new RateLimitedChatModel(new EchoChatModel(), new RateLimits(0, 600),
                r -> 500, 1000, time, time);
        ChatRequest request = ChatRequest.builder().user("x").maxTokens(100).build();

        model.chat(request);
        model.chat(request);

        assertThat(time.waits()).hasSize(1);
        // after the first call's refund (600 estimated, ~9 used) the bucket holds ~591; the second
        // call needs 600, so it waits for the missing ~9 tokens at 10 per second
        assertThat(time.waits().getFirst()).isBetween(Duration.ofMillis(100), Duration.ofMillis(1500));
    }

    @Test
    void anEstimateAboveTheLimitStillPassesOnceTheBucketIsFull() {
        RateLimitedChatModel model = new RateLimitedChatModel(new EchoChatModel(), new RateLimits(0, 100),
                r -> 5000, 1, time, time);

        model.chat(ChatRequest.ofUser("x"));
        model.chat(ChatRequest.ofUser("y"));

        assertThat(time.waits()).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMinutes(1)));
    }
}
