package drp.core.stage;

import drp.core.answer.AnswerChecker;
import drp.core.bench.Benchmark;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.Choice;
import drp.core.grade.GradedRecord;
import drp.core.grade.Grader;
import drp.core.grade.ModelOutput;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonlReader;
import drp.core.io.ResumableJsonlWriter;
import drp.core.problem.Problem;
import drp.core.random.SplitMix64;
import drp.core.trace.ThinkSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sample stage: asks the student for its own reasoning on each problem, grades every output
 * against the gold answer, and appends one {@link CompletionRecord} per output to a JSONL file
 * (completions.jsonl for training problems; eval/&lt;model&gt;/&lt;benchmark&gt;.completions.jsonl
 * for benchmarks). Resumable by record id. Distinct samples of one problem are drawn with distinct
 * seeds, so a call cache never returns one answer for all of them.
 *
 * <p>Calls run on virtual threads, {@code concurrency} at a time. An output whose call fails is not
 * recorded (a rerun asks again); see {@link CallReport} for when the stage stops early.
 */
public final class SampleStage {

    /** The output file name inside a run directory. */
    public static final String OUTPUT = "completions.jsonl";

    /** Receives progress; called from worker threads, one call at a time. */
    public interface Listener {
        void started(int total, int alreadyDone);

        void finished(CompletionRecord record);

        Listener NONE = new Listener() {
            @Override
            public void started(int total, int alreadyDone) {}

            @Override
            public void finished(CompletionRecord record) {}
        };
    }

    /** One output to draw: a problem, the run's seed, the sample's index. */
    public record Item(Problem problem, long seed, int sampleIndex) {
        public Item {
            Objects.requireNonNull(problem, "problem");
            if (sampleIndex < 0) {
                throw new IllegalArgumentException("sample index must be >= 0, got " + sampleIndex);
            }
        }

        /** The record id, the same key graded records use. */
        public String id() {
            return GradedRecord.key(problem.id(), seed, sampleIndex);
        }

        /** The seed sent: distinct for every problem and sample of the run (see {@link SampleStage#requestSeed}). */
        public long requestSeed() {
            return SampleStage.requestSeed(seed, problem.id(), sampleIndex);
        }
    }

    /** What this invocation did (a resumed run counts only its own work). */
    public record Outcome(int planned, int alreadyDone, int written, CallReport calls) {}

    private final ChatModel model;
    private final Benchmark benchmark;
    private final Grader grader;
    private final Sampling sampling;
    private final int concurrency;

    /**
     * @param benchmark   how to ask (prompt style) and how to grade (extraction order)
     * @param checker     compares extracted and gold answers
     * @param concurrency calls in flight at once
     */
    public SampleStage(ChatModel model, Benchmark benchmark, AnswerChecker checker, Sampling sampling, int concurrency) {
        this.model = Objects.requireNonNull(model, "model");
        this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
        this.grader = Grader.of(benchmark, List.of(), checker);
        this.sampling = Objects.requireNonNull(sampling, "sampling");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.concurrency = concurrency;
    }

    /** Every (problem, seed, sample) to draw, problem by problem. */
    public static List<Item> plan(List<Problem> problems, List<Long> seeds, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples per problem must be >= 1, got " + samples);
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed is needed");
        }
        List<Item> items = new ArrayList<>(problems.size() * seeds.size() * samples);
        for (Problem p : problems) {
            for (long seed : seeds) {
                for (int i = 0; i < samples; i++) {
                    items.add(new Item(p, seed, i));
                }
            }
        }
        return items;
    }

    /**
     * The seed sent for sample {@code index} of problem {@code problemId} in a run with {@code seed}:
     * one well-mixed value per (run seed, problem, sample), so no two requests of a run share a
     * random stream (an engine that seeds each request, as vLLM and drp-tiny do, would otherwise
     * draw the same random numbers for every problem). Kept within 31 bits for servers that take
     * 32-bit seeds.
     */
    public static long requestSeed(long seed, String problemId, int index) {
        return SplitMix64.seed(seed, SplitMix64.hash(problemId), index) & 0x7FFF_FFFFL;
    }

    /** The request for {@code item}. */
    public ChatRequest request(Item item) {
        ChatRequest.Builder b = ChatRequest.builder()
                .user(benchmark.prompt(item.problem()))
                .temperature(sampling.temperature())
                .maxTokens(sampling.maxTokens())
                .seed(item.requestSeed())
                .extra(sampling.extra());
        if (sampling.topP() != null) {
            b.topP(sampling.topP());
        }
        return b.build();
    }

    /** Draws {@code items} into {@code output}, skipping ids already there. */
    public Outcome run(List<Item> items, Path output, Listener listener) {
        try (ResumableJsonlWriter writer = ResumableJsonlWriter.open(output, "id")) {
            List<Item> todo = items.stream().filter(i -> !writer.contains(i.id())).toList();
            int alreadyDone = items.size() - todo.size();
            listener.started(items.size(), alreadyDone);
            AtomicLong written = new AtomicLong();
            ThreadFactory threads = Thread.ofVirtual().name("sample-", 0).factory();
            CallReport calls = new ConcurrentStageRunner(concurrency, threads, "sampling", "sampling")
                    .run(todo, writer, this::sample, record -> {
                        written.incrementAndGet();
                        listener.finished(record);
                    });
            return new Outcome(items.size(), alreadyDone, (int) written.get(), calls);
        }
    }

    /** Draws and grades one output. */
    public CompletionRecord sample(Item item) {
        ChatRequest request = request(item);
        ChatResponse response = model.chat(request);
        Choice choice = response.first();
        String think = choice.reasoning();
        // a server that returns the reasoning apart gets it back in its place, as the model wrote it
        String text = think.isEmpty() || choice.text().contains(ThinkSplit.CLOSE)
                ? choice.text() : ThinkSplit.join(think, choice.text());
        Problem problem = item.problem();
        Integer tokens = response.usage().completionTokens() > 0 || response.usage().promptTokens() > 0
                ? (int) Math.min(Integer.MAX_VALUE, response.usage().completionTokens()) : null;
        String finish = choice.finishReason().wireName();
        GradedRecord graded = grader.grade(problem, new ModelOutput(problem.id(), item.sampleIndex(), item.seed(), text,
                think.isEmpty() ? null : think, tokens, finish, Path.of(benchmark.name()), 0), tokens);
        boolean hasGold = !problem.answer().isBlank();
        return new CompletionRecord(item.id(), problem.id(), item.sampleIndex(), item.seed(), item.requestSeed(),
                model.id().model(), problem.question(), hasGold ? problem.answer() : null, request.promptText().strip(),
                text, think, graded.extractedAnswer(), hasGold ? graded.correct() : null, tokens, finish);
    }

    /** Reads a completions file back (strict: it is drp's own output). */
    public static List<CompletionRecord> read(Path file) {
        return JsonlReader.read(file, ErrorPolicy.STRICT,
                r -> drp.core.io.JsonCodec.convert(r.node(), CompletionRecord.class)).items();
    }
}
