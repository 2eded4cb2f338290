package drp.core.stage;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.answer.BasicAnswerChecker;
import drp.core.answer.RuleBasedExtractor;
import drp.core.bench.Benchmark;
import drp.core.bench.ProblemFields;
import drp.core.chat.BudgetExceededException;
import drp.core.chat.ChatFailure;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.core.chat.RetriableChatException;
import drp.core.io.ErrorPolicy;
import drp.core.problem.Problem;
import drp.core.testing.EchoChatModel;
import drp.core.trace.Trace;
import drp.core.trace.TraceFields;
import drp.core.trace.TraceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleStageTest {

    @TempDir
    Path dir;

    /** The echo model repeats the question, so a question that states its answer is answered correctly. */
    private final List<Problem> problems = List.of(
            new Problem("p1", "Six times seven is \\boxed{42}.", "42"),
            new Problem("p2", "Half of ten is \\boxed{5}.", "4"),
            new Problem("p3", "No answer here.", ""));

    private Benchmark benchmark() throws IOException {
        Path file = dir.resolve("problems.jsonl");
        Files.writeString(file, "");
        return Benchmark.fromJsonl("toy", file, ProblemFields.of("question", "answer"));
    }

    private SampleStage stage(ChatModel model) throws IOException {
        return new SampleStage(model, benchmark(), new BasicAnswerChecker(), Sampling.r1(256), 4);
    }

    @Test
    void samplesAreDrawnWithDistinctSeedsGradedAndResumable() throws IOException {
        EchoChatModel echo = new EchoChatModel();
        List<SampleStage.Item> items = SampleStage.plan(problems, List.of(7L), 2);
        assertThat(items).hasSize(6);
        // every (problem, sample) of the run has its own seed, and the seeds are those of the one scheme
        assertThat(items.stream().map(SampleStage.Item::requestSeed).distinct()).hasSize(6);
        assertThat(items.getFirst().requestSeed()).isEqualTo(SampleStage.requestSeed(7, "p1", 0))
                .isNotEqualTo(SampleStage.requestSeed(8, "p1", 0)).isBetween(0L, (long) Integer.MAX_VALUE);

        Path out = dir.resolve("completions.jsonl");
        SampleStage.Outcome first = stage(echo).run(items, out, SampleStage.Listener.NONE);
        assertThat(first.written()).isEqualTo(6);
        assertThat(first.calls().complete()).isTrue();
        List<CompletionRecord> records = SampleStage.read(out);
        CompletionRecord p1 = records.stream().filter(r -> r.id().equals("p1#s7#0")).findFirst().orElseThrow();
        assertThat(p1.correct()).isTrue();
        assertThat(p1.extractedAnswer()).isEqualTo("42");
        assertThat(p1.think()).startsWith("Sample 0 with seed " + SampleStage.requestSeed(7, "p1", 0) + ".");
        assertThat(p1.text()).startsWith("<think>").contains("</think>");
        assertThat(p1.prompt()).endsWith("put your final answer within \\boxed{}.");
        assertThat(p1.outputTokens()).isPositive();
        assertThat(p1.finishReason()).isEqualTo("stop");
        assertThat(p1.model()).isEqualTo("echo");
        assertThat(records).filteredOn(r -> r.problemId().equals("p2")).allSatisfy(r -> assertThat(r.correct()).isFalse());
        assertThat(records).filteredOn(r -> r.problemId().equals("p3")).allSatisfy(r -> {
            assertThat(r.correct()).isNull();
            assertThat(r.gold()).isNull();
        });
        // two samples of one problem differ: the seed reached the model
        assertThat(records.stream().filter(r -> r.problemId().equals("p1")).map(CompletionRecord::text).distinct()).hasSize(2);

        long calls = echo.calls();
        SampleStage.Outcome again = stage(echo).run(items, out, SampleStage.Listener.NONE);
        assertThat(again.alreadyDone()).isEqualTo(6);
        assertThat(again.written()).isZero();
        assertThat(echo.calls()).isEqualTo(calls);
        assertThat(Files.readAllLines(out)).hasSize(6);
    }

    @Test
    void pruneReadsCompletionsWithItsDefaultFieldMapping() throws IOException {
        Path out = dir.resolve("completions.jsonl");
        stage(new EchoChatModel()).run(SampleStage.plan(problems.subList(0, 1), List.of(0L), 1), out, SampleStage.Listener.NONE);
        Trace trace = new TraceReader(TraceFields.defaults(), new RuleBasedExtractor()).read(out, ErrorPolicy.STRICT)
                .items().getFirst();
        assertThat(trace.id()).isEqualTo("p1#s0#0");
        assertThat(trace.question()).isEqualTo("Six times seven is \\boxed{42}.");
        assertThat(trace.think()).startsWith("Sample 0 with seed " + SampleStage.requestSeed(0, "p1", 0) + ".");
        assertThat(trace.answer()).isEqualTo("42");
        assertThat(trace.gold()).isEqualTo("42");
        assertThat(trace.correct()).isTrue();
        assertThat(trace.finished()).isTrue();
    }

    @Test
    void anOutputCutAtTheTokenLimitIsAnUnfinishedTrace() throws IOException {
        Path out = dir.resolve("completions.jsonl");
        new SampleStage(new EchoChatModel(), benchmark(), new BasicAnswerChecker(), Sampling.greedy(3), 1)
                .run(SampleStage.plan(problems.subList(0, 1), List.of(0L), 1), out, SampleStage.Listener.NONE);
        assertThat(SampleStage.read(out).getFirst().finishReason()).isEqualTo("length");
        assertThat(SampleStage.read(out).getFirst().think()).isEqualTo("Restating: Six");
        Trace trace = new TraceReader(TraceFields.defaults(), new RuleBasedExtractor()).read(out, ErrorPolicy.STRICT)
                .items().getFirst();
        assertThat(trace.finished()).isFalse();
    }

    @Test
    void failedCallsAreNotRecordedAndARerunDoesThem() throws IOException {
        Path out = dir.resolve("completions.jsonl");
        List<SampleStage.Item> items = SampleStage.plan(problems, List.of(0L), 1);
        SampleStage.Outcome outcome = stage(failing(new EchoChatModel(), r -> r.promptText().contains("Half of ten"),
                () -> new RetriableChatException(ChatFailure.SERVER_ERROR, "HTTP 500 after 6 attempts", 500, null, null)))
                .run(items, out, SampleStage.Listener.NONE);
        assertThat(outcome.written()).isEqualTo(2);
        assertThat(outcome.calls().callFailures()).isEqualTo(1);
        assertThat(outcome.calls().lastFailure()).isEqualTo("HTTP 500 after 6 attempts");
        assertThat(outcome.calls().stopped()).isFalse();
        assertThat(SampleStage.read(out)).extracting(CompletionRecord::problemId).containsExactlyInAnyOrder("p1", "p3");

        SampleStage.Outcome rerun = stage(new EchoChatModel()).run(items, out, SampleStage.Listener.NONE);
        assertThat(rerun.written()).isEqualTo(1);
        assertThat(SampleStage.read(out)).extracting(CompletionRecord::id).doesNotHaveDuplicates().hasSize(3);
    }

    @Test
    void aSpentBudgetOrAnEndpointThatKeepsFailingStopsTheStageKeepingWhatIsDone() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        List<SampleStage.Item> items = SampleStage.plan(problems, List.of(0L), 10);
        SampleStage budgeted = new SampleStage(failing(new EchoChatModel(), r -> calls.incrementAndGet() > 4,
                () -> new BudgetExceededException("budget of $0.0100 would be exceeded", 0.01, 0.01)),
                benchmark(), new BasicAnswerChecker(), Sampling.r1(256), 1);
        SampleStage.Outcome outcome = budgeted.run(items, dir.resolve("a.jsonl"), SampleStage.Listener.NONE);
        assertThat(outcome.written()).isEqualTo(4);
        assertThat(outcome.calls().stopReason()).startsWith("budget of $0.0100");
        assertThat(Files.readAllLines(dir.resolve("a.jsonl"))).hasSize(4);

        SampleStage down = new SampleStage(failing(new EchoChatModel(), r -> true,
                () -> new RetriableChatException(ChatFailure.CONNECTION, "connection refused", 0, null, null)),
                benchmark(), new BasicAnswerChecker(), Sampling.r1(256), 1);
        SampleStage.Outcome stopped = down.run(items, dir.resolve("b.jsonl"), SampleStage.Listener.NONE);
        assertThat(stopped.calls().callFailures()).isEqualTo(CallFailures.MAX_CONSECUTIVE);
        assertThat(stopped.calls().stopReason()).isEqualTo("5 items in a row failed on their calls; the last: connection refused");
    }

    static ChatModel failing(ChatModel inner, Predicate<ChatRequest> when, java.util.function.Supplier<RuntimeException> failure) {
        return new ChatModel() {
            @Override
            public ModelId id() {
                return inner.id();
            }

            @Override
            public ChatResponse chat(ChatRequest request) {
                if (when.test(request)) {
                    throw failure.get();
                }
                return inner.chat(request);
            }
        };
    }

    @Test
    void evalSummaryEntriesCountOutputsThatWereAskedForButNotGraded() {
        EvalSummary.Entry entry = new EvalSummary.Entry(3, 0.5, null, 10.0, null, 1);
        EvalSummary summary = EvalSummary.EMPTY.with("b", "math500", entry).with("a", "gsm8k:test", entry);
        assertThat(summary.models().keySet()).containsExactly("a", "b");
        assertThat(summary.with("a", "gsm8k:test", new EvalSummary.Entry(4, 1.0, null, 1.0, null, 0)).models()
                .get("a").get("gsm8k:test").n()).isEqualTo(4);
        assertThat(Map.copyOf(summary.models().get("b"))).containsKey("math500");
    }
}
