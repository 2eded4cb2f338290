package drp.tiny.bench;

import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.tiny.Reply;
import drp.tiny.TinyStudent;
import drp.tiny.base.TrainingRecord;
import drp.tiny.chat.TinyChatModel;
import drp.tiny.model.MatMul;
import drp.tiny.model.Parallel;
import drp.tiny.sample.Sampler;
import drp.tiny.sample.SamplingOptions;
import drp.tiny.world.Trace;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sampling throughput of the shipped base student on training problems of its world, the two ways
 * the demo can sample, side by side in one run:
 * <ol>
 *   <li><b>direct</b>: {@link TinyStudent#answer} on chunks of 64 questions, as the demo's
 *       {@code StudentSampler} calls it;</li>
 *   <li><b>chat</b>: N virtual threads each sending one problem per request to
 *       {@link TinyChatModel#chat}, as {@code SampleStage} calls any {@code ChatModel}.</li>
 * </ol>
 * Both sample with the demo's settings (temperature 0.6, top-p 0.95, at most 448 new tokens, seed 7)
 * and print problems/s, generated tokens/s, and the share of answers that are correct (a check that
 * both paths produce the same kind of text, not only the same amount).
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp ... drp.tiny.bench.SamplingThroughput
 * [problems=2000] [paths=direct,chat64,chat128]}; a path {@code chatN} runs N threads, {@code chatN:S}
 * N threads on a model with S decoding slots (default {@link Sampler#DEFAULT_SLOTS}).
 */
public final class SamplingThroughput {

    /** Questions per {@link TinyStudent#answer} call, as the demo's StudentSampler.CHUNK. */
    private static final int CHUNK = 64;
    private static final float TEMPERATURE = 0.6f;
    private static final float TOP_P = 0.95f;
    private static final int MAX_NEW_TOKENS = 448;
    private static final long SEED = 7;

    private SamplingThroughput() {}

    /** One path's figures. */
    private record Figures(String path, int problems, long tokens, int correct, double seconds) {
        double problemsPerSecond() {
            return problems / seconds;
        }

        double tokensPerSecond() {
            return tokens / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<String> paths = List.of((args.length > 1 ? args[1] : "direct,chat64,chat128").split(","));
        TinyStudent student = TinyStudent.loadBase();
        List<WordProblem> problems = new World(shippedRecord().world()).train(2, count);
        System.out.printf("drp-tiny sampling throughput: shipped base student, %,d training problems, temperature %.1f,"
                        + " top-p %.2f, max %d new tokens, seed %d; %d threads, %s, %s%n", count, TEMPERATURE, TOP_P,
                MAX_NEW_TOKENS, SEED, Parallel.threads(), MatMul.describe(), Runtime.version());

        // warm-up: the JIT compiles the decoder before anything is timed
        direct(student, problems.subList(0, Math.min(CHUNK, problems.size())));

        List<Figures> all = new ArrayList<>();
        for (String path : paths) {
            Figures figures;
            if (path.equals("direct")) {
                figures = direct(student, problems);
            } else {
                String[] threadsAndSlots = path.substring("chat".length()).split(":");
                figures = chat(student, problems, Integer.parseInt(threadsAndSlots[0]),
                        threadsAndSlots.length > 1 ? Integer.parseInt(threadsAndSlots[1]) : Sampler.DEFAULT_SLOTS, path);
            }
            all.add(figures);
            System.out.printf("%-10s %,6d problems in %6.1f s: %6.1f problems/s, %,7.0f tokens/s, %,d tokens, %.1f%% correct%n",
                    figures.path(), figures.problems(), figures.seconds(), figures.problemsPerSecond(),
                    figures.tokensPerSecond(), figures.tokens(), 100.0 * figures.correct() / figures.problems());
        }
        Figures first = all.getFirst();
        System.out.println();
        System.out.println("| path | problems/s | tokens/s | vs " + first.path() + " |");
        System.out.println("|---|---|---|---|");
        for (Figures f : all) {
            System.out.printf("| %s | %.1f | %,.0f | %.2fx |%n", f.path(), f.problemsPerSecond(), f.tokensPerSecond(),
                    f.problemsPerSecond() / first.problemsPerSecond());
        }
    }

    /** TinyStudent.answer on consecutive chunks of 64 problems. */
    private static Figures direct(TinyStudent student, List<WordProblem> problems) {
        SamplingOptions options = new SamplingOptions(TEMPERATURE, TOP_P, MAX_NEW_TOKENS, SEED);
        long start = System.nanoTime();
        long tokens = 0;
        int correct = 0;
        for (int from = 0; from < problems.size(); from += CHUNK) {
            List<WordProblem> chunk = problems.subList(from, Math.min(problems.size(), from + CHUNK));
            List<Reply> replies = student.answer(chunk.stream().map(WordProblem::question).toList(), options);
            for (int i = 0; i < chunk.size(); i++) {
                tokens += replies.get(i).outputTokens();
                correct += isCorrect(replies.get(i).text(), chunk.get(i)) ? 1 : 0;
            }
        }
        return new Figures("direct", problems.size(), tokens, correct, (System.nanoTime() - start) / 1e9);
    }

    /** {@code threads} virtual threads, each taking the next problem and sending it as one request. */
    private static Figures chat(TinyStudent student, List<WordProblem> problems, int threads, int slots, String path)
            throws Exception {
        long start = System.nanoTime();
        long tokens = 0;
        int correct = 0;
        try (TinyChatModel model = new TinyChatModel(student, new ModelId("tiny:base", "base"), slots);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            AtomicInteger next = new AtomicInteger();
            ChatResponse[] responses = new ChatResponse[problems.size()];
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < problems.size(); i = next.getAndIncrement()) {
                        responses[i] = model.chat(ChatRequest.builder().user(problems.get(i).question())
                                .temperature((double) TEMPERATURE).topP((double) TOP_P).maxTokens(MAX_NEW_TOKENS)
                                .seed(SEED).build());
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            for (int i = 0; i < problems.size(); i++) {
                tokens += responses[i].usage().completionTokens();
                correct += isCorrect(responses[i].text(), problems.get(i)) ? 1 : 0;
            }
        }
        return new Figures(path, problems.size(), tokens, correct, (System.nanoTime() - start) / 1e9);
    }

    private static boolean isCorrect(String text, WordProblem problem) {
        OptionalInt answer = Trace.parseAnswer(text);
        return answer.isPresent() && answer.getAsInt() == problem.answer();
    }

    private static TrainingRecord shippedRecord() {
        try (InputStream in = TinyStudent.class.getClassLoader()
                .getResourceAsStream(TinyStudent.BASE_RESOURCE + TrainingRecord.FILE_NAME)) {
            if (in == null) {
                throw new IllegalStateException("the shipped base student's " + TrainingRecord.FILE_NAME + " is not on the classpath");
            }
            return TrainingRecord.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
