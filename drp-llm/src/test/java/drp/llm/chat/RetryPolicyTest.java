package drp.llm.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    static final RandomGenerator NO_JITTER = new RandomGenerator() {
        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextDouble() {
            return 0;
        }
    };

    RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofMillis(1000), 2.0, 0.5, Duration.ofSeconds(30));

    @Test
    void backOffDoublesUpToTheCap() {
        assertThat(policy.delay(1, null, NO_JITTER)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delay(2, null, NO_JITTER)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delay(3, null, NO_JITTER)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.delay(5, null, NO_JITTER)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.delay(50, null, NO_JITTER)).isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void jitterDrawsFromTheLowerHalfAtMost() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            Duration d = policy.delay(3, null, random);
            assertThat(d).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        }
    }

    @Test
    void retryAfterLengthensTheWaitButIsCapped() {
        assertThat(policy.delay(1, Duration.ofSeconds(7), NO_JITTER)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delay(4, Duration.ofMillis(10), NO_JITTER)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.delay(1, Duration.ofHours(1), NO_JITTER)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 2, 0, Duration.ZERO)).hasMessageContaining("attempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 0.5, 0, Duration.ZERO)).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 2, 1.5, Duration.ZERO)).hasMessageContaining("jitter");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(-1), Duration.ZERO, 2, 0, Duration.ZERO)).hasMessageContaining(">= 0");
    }
}
