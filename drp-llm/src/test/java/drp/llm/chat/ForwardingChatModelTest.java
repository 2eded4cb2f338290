package drp.llm.chat;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.core.testing.EchoChatModel;
import drp.llm.cache.CacheMode;
import drp.llm.cache.CallCache;
import drp.llm.meter.Budget;
import drp.llm.meter.Price;
import drp.llm.meter.TokenEstimate;
import drp.llm.meter.UsageMeter;
import drp.llm.testing.FakeTime;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every decorator inherits from {@link ForwardingChatModel}: the transport's identity, a
 * close that reaches the transport, the answer passed up, and a description of the stack.
 */
class ForwardingChatModelTest {

    @TempDir
    static Path dir;

    /** The transport at the bottom: answers like {@link EchoChatModel}, counts closes. */
    static final class Transport implements ChatModel {
        final EchoChatModel echo = new EchoChatModel(new ModelId("http://replica:8000/v1", "student"));
        int closes;

        @Override
        public ModelId id() {
            return echo.id();
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            return echo.chat(request);
        }

        @Override
        public void close() {
            closes++;
        }

        @Override
        public String toString() {
            return "Transport";
        }
    }

    static Stream<Arguments> decorators() {
        FakeTime time = new FakeTime();
        return Stream.of(
                Arguments.of("Cached", (Function<ChatModel, ChatModel>) inner ->
                        new CachedChatModel(inner, CallCache.open(dir.resolve("calls-" + System.nanoTime() + ".sqlite")),
                                CacheMode.USE)),
                Arguments.of("RateLimited", (Function<ChatModel, ChatModel>) inner ->
                        new RateLimitedChatModel(inner, new RateLimits(600, 100_000), TokenEstimate.approximate(), 64,
                                time, time)),
                Arguments.of("Retrying", (Function<ChatModel, ChatModel>) inner ->
                        new RetryingChatModel(inner, RetryPolicy.DEFAULT, time, new SplittableRandom(1), new RetryStats())),
                Arguments.of("Metered", (Function<ChatModel, ChatModel>) inner ->
                        new MeteredChatModel(inner, new UsageMeter(), Price.FREE)),
                Arguments.of("BudgetGuarded", (Function<ChatModel, ChatModel>) inner ->
                        new BudgetGuardedChatModel(inner, new Budget(1.0), new Price(1, 1), TokenEstimate.approximate(), 64)),
                Arguments.of("ConcurrencyLimited", (Function<ChatModel, ChatModel>) inner ->
                        new ConcurrencyLimitedChatModel(inner, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decorators")
    void aDecoratorIsTheTransportSeenThroughItsOwnWork(String name, Function<ChatModel, ChatModel> wrap) {
        Transport transport = new Transport();
        ChatModel decorated = wrap.apply(transport);

        assertThat(decorated).isInstanceOf(ForwardingChatModel.class);
        // cache keys and meters are keyed by the id, so a decorator must never change it
        assertThat(decorated.id()).isEqualTo(transport.id());
        assertThat(decorated.chat(ChatRequest.ofUser("What is 2 + 3?")).text()).endsWith("</think>\n\nWhat is 2 + 3?");
        assertThat(decorated.toString()).startsWith(name + "[").endsWith("] -> Transport");

        decorated.close();
        assertThat(transport.closes).isEqualTo(1);
    }

    @Test
    void closingTheOutermostDecoratorClosesTheTransportOnce() {
        Transport transport = new Transport();
        FakeTime time = new FakeTime();
        ChatModel stack = new MeteredChatModel(
                new RetryingChatModel(new ConcurrencyLimitedChatModel(transport, 4), RetryPolicy.NONE, time,
                        new SplittableRandom(1), new RetryStats()),
                new UsageMeter(), Price.FREE);

        assertThat(stack.id()).isEqualTo(transport.id());
        assertThat(stack).hasToString("Metered[" + Price.FREE + "] -> Retrying[1 attempts] -> ConcurrencyLimited[4] -> Transport");

        stack.close();
        assertThat(transport.closes).isEqualTo(1);
    }
}
