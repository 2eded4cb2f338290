package drp.llm.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.chat.BudgetExceededException;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.core.chat.ScoreRequest;
import drp.core.chat.ScoredToken;
import drp.core.chat.TargetScore;
import drp.core.chat.Usage;
import drp.llm.meter.Budget;
import drp.llm.meter.ModelUsage;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;
import drp.llm.testing.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the decorators do to a scoring call: it counts against rate limits and concurrency, is
 * metered (prompt and target as input tokens) and guarded by the budget like the generation call
 * it costs like, and a balanced group sends it to one replica.
 */
class ScoringDecoratorsTest {

    private static final ScoreRequest REQUEST = ScoreRequest.afterText("The answer is", " 4.");
    private static final Usage USED = new Usage(1000, 1);

    /** Scores every target as one token, reporting {@link #USED}; counts its calls. */
    private static final class Scoring implements ChatModel {
        final AtomicInteger calls = new AtomicInteger();
        private final ModelId id;

        Scoring(String name) {
            id = new ModelId("fake:" + name, "m");
        }

        @Override
        public ModelId id() {
            return id;
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            throw new AssertionError("a score is not a chat call");
        }

        @Override
        public TargetScore score(ScoreRequest request) {
            calls.incrementAndGet();
            return new TargetScore("m", List.of(new ScoredToken(request.target(), 0, -0.5)), USED);
        }
    }

    private final FakeTime time = new FakeTime();

    @Test
    void aScoreIsAnsweredFromTheCallCacheTheSecondTimeAndNeverForAChatCall(@org.junit.jupiter.api.io.TempDir
                                                                          java.nio.file.Path dir) {
        Scoring scoring = new Scoring("a");
        try (drp.llm.cache.CallCache cache = drp.llm.cache.CallCache.open(dir.resolve("calls.sqlite"))) {
            ChatModel cached = new CachedChatModel(scoring, cache, drp.llm.cache.CacheMode.USE);
            TargetScore first = cached.score(REQUEST);
            TargetScore again = cached.score(REQUEST);
            assertThat(again).isEqualTo(first);
            assertThat(scoring.calls).hasValue(1);
            // another target, or the same text as a chat call, is another key
            cached.score(ScoreRequest.afterText("The answer is", " 5."));
            assertThat(scoring.calls).hasValue(2);
            assertThat(cache.size()).isEqualTo(2);
            assertThat(drp.llm.cache.CacheKey.of(scoring.id(), REQUEST))
                    .isNotEqualTo(drp.llm.cache.CacheKey.of(scoring.id(), ChatRequest.builder().rawPrompt("The answer is 4.").build()));
            // refresh asks again and replaces; off never stores
            new CachedChatModel(scoring, cache, drp.llm.cache.CacheMode.REFRESH).score(REQUEST);
            assertThat(scoring.calls).hasValue(3);
            new CachedChatModel(scoring, cache, drp.llm.cache.CacheMode.OFF).score(ScoreRequest.afterText("x", "y"));
            assertThat(scoring.calls).hasValue(4);
            assertThat(cache.size()).isEqualTo(2);
            assertThat(cache.stats().hits()).isEqualTo(1);
        }
        // a new process reads the same scores back
        try (drp.llm.cache.CallCache cache = drp.llm.cache.CallCache.open(dir.resolve("calls.sqlite"))) {
            TargetScore stored = new CachedChatModel(scoring, cache, drp.llm.cache.CacheMode.USE).score(REQUEST);
            assertThat(stored.tokens()).containsExactly(new ScoredToken(" 4.", 0, -0.5));
            assertThat(stored.usage()).isEqualTo(USED);
            assertThat(scoring.calls).hasValue(4);
        }
    }

    @Test
    void aScoreIsMeteredWithItsPromptAndTargetAsInput() {
        UsageMeter meter = new UsageMeter();
        ChatModel model = new MeteredChatModel(new Scoring("a"), meter, new Price(2, 8));

        model.score(REQUEST);

        ModelUsage usage = meter.snapshot().getFirst();
        assertThat(usage.requests()).isEqualTo(1);
        assertThat(usage.promptTokens()).isEqualTo(1000);
        assertThat(usage.completionTokens()).isEqualTo(1);
        assertThat(meter.totalCost()).isEqualTo((1000 * 2 + 8) / 1e6);
    }

    @Test
    void theBudgetGuardRefusesAScoreThatCouldOverspendBeforeSendingIt() throws Exception {
        Scoring scoring = new Scoring("a");
        // the estimate is 100 prompt tokens + 1 generated: $0.000108 at $1 / $8 per million
        Budget budget = new Budget(0.0001);
        ChatModel model = new BudgetGuardedChatModel(scoring, budget, new Price(1, 8), r -> 100, 500);

        assertThatThrownBy(() -> model.score(REQUEST)).isInstanceOf(BudgetExceededException.class);
        assertThat(scoring.calls).hasValue(0);

        Budget enough = new Budget(1);
        new BudgetGuardedChatModel(scoring, enough, new Price(1, 8), r -> 100, 500).score(REQUEST);
        assertThat(enough.spent()).as("settled at the reported usage").isEqualTo((1000 + 8) / 1e6);
    }

    @Test
    void aScoreTakesFromTheRateLimitsAsItsPromptAndOneToken() {
        List<Long> estimated = new ArrayList<>();
        RateLimitedChatModel model = new RateLimitedChatModel(new Scoring("a"), new RateLimits(1, 0), r -> {
            estimated.add((long) r.promptText().length());
            return 1;
        }, 1, time, time);

        model.score(REQUEST);
        model.score(REQUEST);

        assertThat(time.waits()).containsExactly(Duration.ofMinutes(1));
        RateLimitedChatModel tokens = new RateLimitedChatModel(new Scoring("b"), new RateLimits(0, 10_000),
                r -> {
                    estimated.add((long) r.promptText().length());
                    return 1;
                }, 1, time, time);
        tokens.score(REQUEST);
        assertThat(estimated).as("estimated over prompt and target").contains((long) "The answer is 4.".length());
    }

    @Test
    void aScoreHoldsASlotWhileItRuns() {
        ConcurrencyLimitedChatModel model = new ConcurrencyLimitedChatModel(new Scoring("a"), 1);

        model.score(REQUEST);

        assertThat(model.peak()).isEqualTo(1);
        assertThat(model.inFlight()).isZero();
    }

    @Test
    void aBalancedGroupSendsAScoreToOneReplica() {
        Scoring a = new Scoring("a");
        Scoring b = new Scoring("b");
        BalancedChatModel group = new BalancedChatModel(new ModelId("group", "m"), List.of(a, b), Duration.ofSeconds(30),
                time);

        group.score(REQUEST);
        group.score(REQUEST);

        assertThat(a.calls.get() + b.calls.get()).isEqualTo(2);
        assertThat(group.served()).containsExactly(1L, 1L);
    }
}
