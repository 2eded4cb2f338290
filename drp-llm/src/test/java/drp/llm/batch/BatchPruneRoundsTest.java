package drp.llm.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.answer.AnswerFormat;
import drp.core.answer.BasicAnswerChecker;
import drp.core.answer.RuleBasedExtractor;
import drp.core.io.ErrorPolicy;
import drp.core.stage.PruneStage;
import drp.core.stage.PrunedRecord;
import drp.core.teacher.LlmTeacher;
import drp.core.teacher.TeacherProtocol;
import drp.core.testing.Fixtures;
import drp.core.testing.ProtocolTeacherModel;
import drp.core.token.CharacterCount;
import drp.core.trace.Trace;
import drp.core.trace.TraceFields;
import drp.core.trace.TraceReader;
import drp.llm.cache.CallCache;
import drp.llm.chat.Sleeper;
import drp.llm.meter.Budget;
import drp.llm.meter.Price;
import drp.llm.meter.UsageMeter;
import drp.llm.openai.OpenAiEndpoint;
import drp.llm.testing.ScriptedBatchApi;
import drp.llm.testing.ScriptedOpenAiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The prune stage through the Batch API, round after round, against the scripted files and batches
 * endpoints over real HTTP, with {@link ProtocolTeacherModel} answering the batch lines as a teacher.
 */
class BatchPruneRoundsTest {

    static final Price PRICE = new Price(2.5, 10);

    @TempDir
    Path dir;

    ScriptedOpenAiServer server;
    ScriptedBatchApi api;
    CallCache cache;
    UsageMeter meter;
    List<Trace> traces;
    Path output;

    /** What the rounds told their listener: passes begun and closed, rounds submitted. */
    static final class Heard implements BatchPruneRounds.Listener {
        final List<Integer> passes = new ArrayList<>();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        final List<String> submitted = new ArrayList<>();

        @Override
        public BatchPruneRounds.PassListener pass(int round) {
            passes.add(round);
            return new BatchPruneRounds.PassListener() {
                @Override
                public void started(int total, int alreadyDone) {}

                @Override
                public void finished(PrunedRecord record) {
                    finished.incrementAndGet();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }

        @Override
        public void submitting(int round, int requests) {
            submitted.add("round " + round + ": " + requests);
        }
    }

    @BeforeEach
    void start() {
        server = ScriptedOpenAiServer.start().answerWith(new ProtocolTeacherModel());
        api = ScriptedBatchApi.on(server).pollsUntilDone(1);
        cache = CallCache.open(dir.resolve("calls.sqlite"));
        meter = new UsageMeter();
        // as drp prune selects them: the traces marked correct, or unmarked
        traces = new TraceReader(TraceFields.defaults(), new RuleBasedExtractor())
                .read(Fixtures.copy("r1-style-traces.jsonl", dir), ErrorPolicy.STRICT).items().stream()
                .filter(t -> t.correct() == null || t.correct()).toList();
        output = dir.resolve(PruneStage.OUTPUT);
    }

    @AfterEach
    void stop() {
        cache.close();
        server.close();
    }

    OpenAiBatchRunner runner(Sleeper sleeper) {
        OpenAiEndpoint endpoint = OpenAiEndpoint.of(server.baseUrl(), "gpt-4o")
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1));
        return new OpenAiBatchRunner(endpoint, dir.resolve("batch.sqlite"), BatchOptions.DEFAULT.withPollInterval(Duration.ZERO))
                .sleeper(sleeper).cache(cache).meter(meter, PRICE.times(0.5));
    }

    BatchPruneRounds rounds(OpenAiBatchRunner runner, LlmTeacher.Options options, int maxRounds, Budget budget) {
        DeferringChatModel deferring = new DeferringChatModel(runner.id(), cache);
        PruneStage stage = new PruneStage(LlmTeacher.of(deferring, options, new BasicAnswerChecker()), new CharacterCount(),
                4, Thread.ofVirtual().factory());
        return new BatchPruneRounds(stage, deferring, runner, maxRounds, PRICE.times(0.5), budget, meter);
    }

    static LlmTeacher.Options twoCalls() {
        return LlmTeacher.Options.defaults(AnswerFormat.BOXED);
    }

    @Test
    void twoCallsTakeTwoRoundsThenAPassThatFindsEveryAnswerInTheCache() throws Exception {
        assertThat(traces).hasSize(2);
        Heard heard = new Heard();
        BatchPruneRounds.Result result;
        try (OpenAiBatchRunner runner = runner(Sleeper.SYSTEM)) {
            result = rounds(runner, twoCalls(), BatchPruneRounds.roundsFor(twoCalls()), null).run(traces, output, heard);
        }

        assertThat(result.stop()).isEqualTo(BatchPruneRounds.Stop.DONE);
        assertThat(result.reason()).isNull();
        assertThat(result.outcome()).isEqualTo(new PruneStage.Outcome(2, 0, 2, 0, result.outcome().calls()));
        assertThat(result.outcome().calls().complete()).isTrue();
        assertThat(heard.submitted).containsExactly("round 1: 2", "round 2: 2");
        assertThat(heard.passes).containsExactly(1, 2, 3);
        assertThat(heard.closed).as("every pass closed").hasValue(3);
        assertThat(heard.finished).as("each trace written once").hasValue(2);
        assertThat(PruneStage.read(output)).hasSize(2).allSatisfy(r -> assertThat(r.ok()).isTrue());
        assertThat(api.uploads()).hasSize(2);
        assertThat(server.count("/chat/completions")).as("no live calls").isZero();
        assertThat(meter.snapshot().getFirst().requests()).isEqualTo(4);

        // a rerun over a fresh output is answered from the cache in one pass, with nothing submitted
        Files.delete(output);
        Heard again = new Heard();
        try (OpenAiBatchRunner runner = runner(Sleeper.SYSTEM)) {
            result = rounds(runner, twoCalls(), BatchPruneRounds.roundsFor(twoCalls()), null).run(traces, output, again);
        }
        assertThat(result.stop()).isEqualTo(BatchPruneRounds.Stop.DONE);
        assertThat(result.outcome().pruned()).isEqualTo(2);
        assertThat(again.passes).containsExactly(1);
        assertThat(again.submitted).isEmpty();
        assertThat(api.uploads()).hasSize(2);
    }

    @Test
    void stopsBeforeARoundThatCouldBreakTheBudgetAndSaysWhy() {
        Heard heard = new Heard();
        BatchPruneRounds.Result result;
        try (OpenAiBatchRunner runner = runner(Sleeper.SYSTEM)) {
            // 2 requests of up to 16,384 tokens each at $5 per million output tokens: about $0.16
            result = rounds(runner, twoCalls(), BatchPruneRounds.roundsFor(twoCalls()), new Budget(0.05))
                    .run(traces, output, heard);
        }

        assertThat(result.stop()).isEqualTo(BatchPruneRounds.Stop.BUDGET);
        assertThat(result.reason()).startsWith("budget of $0.0500 would be exceeded: spent $0.0000, the next batch round"
                + " of 2 requests could cost up to $0.16");
        assertThat(result.outcome().calls().stopReason()).isEqualTo(result.reason());
        assertThat(result.outcome().calls().budgetSpent()).isTrue();
        assertThat(result.outcome().pruned()).isZero();
        assertThat(heard.submitted).isEmpty();
        assertThat(api.uploads()).as("nothing submitted").isEmpty();
    }

    @Test
    void anInterruptedBatchJobEndsTheRoundsWithItsStateKept() {
        api.pollsUntilDone(1_000);
        BatchPruneRounds.Result result;
        try (OpenAiBatchRunner runner = runner(d -> {
            throw new InterruptedException("drp stopped");
        })) {
            result = rounds(runner, twoCalls(), BatchPruneRounds.roundsFor(twoCalls()), null).run(traces, output, new Heard());
        } finally {
            Thread.interrupted(); // the runner re-asserts the interrupt it was given
        }

        assertThat(result.stop()).isEqualTo(BatchPruneRounds.Stop.CANCELLED);
        assertThat(result.reason()).contains("interrupted", "state is kept");
        assertThat(api.uploads()).hasSize(1);
        assertThat(PruneStage.read(output)).isEmpty();
    }

    @Test
    void roundsThatDoNotConvergeFail() {
        try (OpenAiBatchRunner runner = runner(Sleeper.SYSTEM)) {
            // two calls in sequence cannot be answered in one round
            BatchPruneRounds oneRound = rounds(runner, twoCalls(), 1, null);
            assertThatThrownBy(() -> oneRound.run(traces, output, new Heard()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("batch rounds did not converge: round 2 still deferred 2 calls");
        }
    }

    @ParameterizedTest(name = "{0}, {1} attempts -> {2} rounds")
    @CsvSource({
            // a call per round, each attempt after feedback included, then a pass that finds every answer
            "TWO_CALL, 3, 7",
            "TWO_CALL, 1, 3",
            "ONE_CALL, 3, 4",
            "ONE_CALL, 1, 2",
    })
    void roundsForATeacher(TeacherProtocol protocol, int attempts, int rounds) {
        assertThat(BatchPruneRounds.roundsFor(twoCalls().withProtocol(protocol).withMaxAttempts(attempts))).isEqualTo(rounds);
    }
}
