package drp.tiny.sample;

import drp.core.random.SplitMix64;
import drp.tiny.model.Decoder;
import drp.tiny.model.KvCache;
import drp.tiny.model.Llama;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The sampling engine of drp-tiny: sequences submitted from any number of threads decode together
 * in a fixed number of slots (continuous batching). One decoding thread, started on the first
 * submission and stopped by {@link #close}, repeats one pass: it admits waiting sequences into free
 * slots (their whole prompts are prefilled in the pass), appends the last chosen token of every
 * other active sequence, and chooses each sequence's next token; a finished sequence frees its slot
 * at once. Greedy, or temperature with top-p.
 *
 * <p><b>Seeds.</b> Sequence {@code index} of a seed draws from its own generator, seeded by
 * {@code SplitMix64.seed(seed, index)}: choice i of a chat request, question i of a
 * {@link #generate} call. With the decoder's logits independent of what shares a pass, a sequence's
 * tokens therefore depend only on the weights, its prompt, the options, the seed and the index;
 * never on the slot count, on the other sequences or on when it was admitted.
 */
public final class Sampler implements AutoCloseable {

    /**
     * The decoding slots {@link drp.tiny.TinyStudent} and {@link drp.tiny.chat.TinyChatModel} use.
     * On the shipped base student 32 and 64 slots measured the same on two cores (BENCHMARKS.md,
     * "Sampling the embedded student"); 64 reads the weights once for more rows when more than 32
     * requests are in flight.
     */
    public static final int DEFAULT_SLOTS = 64;

    /**
     * The most prompt tokens one pass prefills (a waiting sequence with a longer prompt is admitted
     * alone): bounds the pass's memory when many sequences arrive at once.
     */
    private static final int MAX_PREFILL_ROWS = 4096;

    /** Receives the tokens a sequence generates, in order, on the decoding thread. */
    @FunctionalInterface
    public interface TokenListener {
        /**
         * A generated token (never the end-of-reply token). It runs on the decoding thread, so it
         * must be quick: every sequence waits for it.
         *
         * @return false to end the sequence here (e.g. a stop sequence was reached); the token is
         *         kept and the finish reason is {@code stop}
         */
        boolean accept(int token);
    }

    private final Decoder decoder;
    private final int stopToken;
    private final int slots;
    private final LinkedBlockingQueue<Sequence> waiting = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private Thread thread;      // guarded by lifecycle
    private boolean closed;     // guarded by lifecycle
    private volatile boolean stopping; // set by close(): the decoding thread stops after its pass

    /**
     * @param model     the model (its current weights are snapshotted)
     * @param stopToken the token that ends a reply
     * @param slots     how many sequences decode together
     */
    public Sampler(Llama model, int stopToken, int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
        this.decoder = new Decoder(model);
        this.stopToken = stopToken;
        this.slots = slots;
    }

    /**
     * Queues the continuation of {@code prompt}, sequence {@code index} of {@code options.seed()}.
     * Cancelling the returned future frees the sequence's slot before its next token.
     *
     * @param listener receives each generated token as it is chosen (on the decoding thread)
     * @return the generated tokens (the end-of-reply token not included), finished {@code stop} when
     *         the model ended its reply or the listener stopped it, {@code length} when the token
     *         budget or the context ran out
     * @throws IllegalArgumentException when the prompt is empty or leaves no room in the context
     * @throws IllegalStateException    when the sampler is closed
     */
    public CompletableFuture<Completion> submit(int[] prompt, SamplingOptions options, int index, TokenListener listener) {
        int contextLength = decoder.config().contextLength();
        if (prompt.length == 0 || prompt.length >= contextLength) {
            throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens; it must have 1 to "
                    + (contextLength - 1));
        }
        Sequence sequence = new Sequence(prompt.clone(), options,
                new SplittableRandom(SplitMix64.seed(options.seed(), index)), listener);
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the sampler is closed");
            }
            if (thread == null) {
                thread = Thread.ofPlatform().name("drp-tiny-sampler").daemon().start(this::decodeLoop);
            }
            waiting.add(sequence);
        }
        return sequence.result;
    }

    /** Continuations of {@code prompts}, in order; prompt i is sequence i of the seed. */
    public List<Completion> generate(List<int[]> prompts, SamplingOptions options) {
        return generate(prompts, options, progress -> { });
    }

    /**
     * {@link #generate(List, SamplingOptions)}, reporting on the calling thread after each finished
     * sequence.
     */
    public List<Completion> generate(List<int[]> prompts, SamplingOptions options, Consumer<SamplingProgress> progress) {
        int contextLength = decoder.config().contextLength();
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).length == 0 || prompts.get(i).length >= contextLength) {
                throw new IllegalArgumentException("prompt " + i + " has " + prompts.get(i).length
                        + " tokens; it must have 1 to " + (contextLength - 1));
            }
        }
        long start = System.nanoTime();
        AtomicLong generated = new AtomicLong();
        LinkedBlockingQueue<Integer> finished = new LinkedBlockingQueue<>();
        List<CompletableFuture<Completion>> futures = new ArrayList<>(prompts.size());
        for (int i = 0; i < prompts.size(); i++) {
            int index = i;
            CompletableFuture<Completion> future = submit(prompts.get(i), options, i, token -> {
                generated.incrementAndGet();
                return true;
            });
            future.whenComplete((completion, failure) -> finished.add(index));
            futures.add(future);
        }
        try {
            for (int done = 1; done <= prompts.size(); done++) {
                int index = finished.take();
                join(futures.get(index));
                double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
                progress.accept(new SamplingProgress(done, prompts.size(), generated.get(), generated.get() / seconds,
                        Duration.ofNanos(System.nanoTime() - start),
                        Duration.ofMillis((long) (seconds * 1000 * (prompts.size() - done) / done))));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling", e);
        } finally {
            futures.forEach(future -> future.cancel(false)); // frees the slots of what is left, if anything
        }
        return futures.stream().map(Sampler::join).toList();
    }

    /**
     * The completion of a finished future; its failure rethrown as it was thrown (a cancelled
     * sequence's {@link CancellationException} included).
     */
    public static Completion join(CompletableFuture<Completion> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * Stops the decoding thread after its current pass; sequences still waiting or decoding fail
     * with a {@link CancellationException}. Closing twice is harmless.
     */
    @Override
    public void close() {
        Thread running;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = true;
            running = thread;
            waiting.add(Sequence.CLOSE);
        }
        if (running != null) {
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Sequence sequence : waiting) {
            sequence.result.completeExceptionally(new CancellationException("the sampler is closed"));
        }
    }

    /** The decoding thread: admit, one pass, choose; until closed. */
    private void decodeLoop() {
        int vocab = decoder.config().vocabSize();
        float[] logits = new float[slots * vocab];
        List<Sequence> active = new ArrayList<>(slots);
        ArrayDeque<KvCache> freeCaches = new ArrayDeque<>();
        boolean closing = false;
        while (!closing) {
            if (stopping) {
                active.forEach(s -> s.result.completeExceptionally(new CancellationException("the sampler is closed")));
                break;
            }
            // drop what was cancelled since the last pass
            for (int i = active.size() - 1; i >= 0; i--) {
                if (active.get(i).result.isDone()) {
                    freeCaches.push(active.remove(i).cache);
                }
            }
            // admit waiting sequences into free slots (block only when nothing is decoding)
            List<Sequence> admitted = new ArrayList<>();
            int prefillRows = 0;
            while (active.size() + admitted.size() < slots) {
                Sequence next;
                if (active.isEmpty() && admitted.isEmpty()) {
                    try {
                        next = waiting.take();
                    } catch (InterruptedException e) {
                        continue; // only close() stops this thread, through the queue
                    }
                } else {
                    next = waiting.peek();
                    if (next != null && next != Sequence.CLOSE && prefillRows > 0
                            && prefillRows + next.prompt.length > MAX_PREFILL_ROWS) {
                        break;
                    }
                    next = waiting.poll();
                }
                if (next == null) {
                    break;
                }
                if (next == Sequence.CLOSE) {
                    closing = true;
                    break;
                }
                if (next.result.isDone()) {
                    continue; // cancelled while waiting
                }
                if (freeCaches.isEmpty()) {
                    freeCaches.push(decoder.newCache());
                }
                next.cache = freeCaches.pop();
                next.cache.clear();
                prefillRows += next.prompt.length;
                admitted.add(next);
            }
            if (closing) {
                admitted.forEach(s -> s.result.completeExceptionally(new CancellationException("the sampler is closed")));
                active.forEach(s -> s.result.completeExceptionally(new CancellationException("the sampler is closed")));
                break;
            }
            active.addAll(admitted);
            if (active.isEmpty()) {
                continue;
            }
            // one pass: the prompts of the admitted sequences, the last token of the others
            int s = active.size();
            int[][] tokens = new int[s][];
            KvCache[] caches = new KvCache[s];
            for (int i = 0; i < s; i++) {
                Sequence sequence = active.get(i);
                tokens[i] = sequence.cache.length() == 0 ? sequence.prompt : new int[] {sequence.lastToken};
                caches[i] = sequence.cache;
            }
            try {
                decoder.append(tokens, caches, logits, null);
            } catch (RuntimeException | Error e) {
                // a defect, not a property of one sequence: fail every sequence of the pass
                for (Sequence sequence : active) {
                    sequence.result.completeExceptionally(e);
                    freeCaches.push(sequence.cache);
                }
                active.clear();
                continue;
            }
            // choose each sequence's next token; finished ones leave their slots
            List<Sequence> still = new ArrayList<>(s);
            for (int i = 0; i < s; i++) {
                Sequence sequence = active.get(i);
                if (choose(sequence, logits, i * vocab, vocab)) {
                    still.add(sequence);
                } else {
                    freeCaches.push(sequence.cache);
                }
            }
            active = still;
        }
    }

    /**
     * Picks a sequence's next token from its logits and hands it to the listener.
     *
     * @return whether the sequence goes on decoding
     */
    private boolean choose(Sequence sequence, float[] logits, int offset, int vocab) {
        if (sequence.result.isDone()) {
            return false; // cancelled during the pass
        }
        int contextLength = decoder.config().contextLength();
        int token = pick(logits, offset, vocab, sequence.options, sequence.rng);
        if (token == stopToken) {
            return sequence.finish(Completion.STOP);
        }
        sequence.add(token);
        boolean goOn;
        try {
            goOn = sequence.listener.accept(token);
        } catch (RuntimeException | Error e) {
            sequence.result.completeExceptionally(e);
            return false;
        }
        if (!goOn) {
            return sequence.finish(Completion.STOP);
        }
        if (sequence.size >= sequence.options.maxNewTokens() || sequence.prompt.length + sequence.size >= contextLength) {
            return sequence.finish(Completion.LENGTH);
        }
        return true;
    }

    /** A sequence from submission to completion; touched only by the decoding thread once queued. */
    private static final class Sequence {
        /** Queued by {@link #close()}: the decoding thread stops when it takes it. */
        static final Sequence CLOSE = new Sequence(new int[0], SamplingOptions.greedy(1), null, token -> false);

        final int[] prompt;
        final SamplingOptions options;
        final SplittableRandom rng;
        final TokenListener listener;
        final CompletableFuture<Completion> result = new CompletableFuture<>();
        int[] out = new int[16];
        int size;
        int lastToken;
        KvCache cache;

        Sequence(int[] prompt, SamplingOptions options, SplittableRandom rng, TokenListener listener) {
            this.prompt = prompt;
            this.options = options;
            this.rng = rng;
            this.listener = listener;
        }

        void add(int token) {
            if (size == out.length) {
                out = Arrays.copyOf(out, size * 2);
            }
            out[size++] = token;
            lastToken = token;
        }

        /** Completes the result; always false (the sequence stops decoding). */
        boolean finish(String reason) {
            result.complete(new Completion(Arrays.copyOf(out, size), reason));
            return false;
        }
    }

    /** The next token from logits[off .. off+V). */
    static int pick(float[] logits, int off, int vocab, SamplingOptions options, SplittableRandom rng) {
        if (options.isGreedy()) {
            int best = 0;
            for (int i = 1; i < vocab; i++) {
                if (logits[off + i] > logits[off + best]) {
                    best = i;
                }
            }
            return best;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[off + i]);
        }
        double[] probs = new double[vocab];
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            probs[i] = Math.exp((logits[off + i] - max) / options.temperature());
            sum += probs[i];
        }
        for (int i = 0; i < vocab; i++) {
            probs[i] /= sum;
        }
        int[] order; // the tokens to sample among: the nucleus most likely first, or every token by id
        int keep;
        if (options.topP() < 1f) {
            // The nucleus is a prefix of the tokens sorted by probability. Sorting only the tokens
            // of probability >= (1 - topP) / V gives the same prefix, and the tokens left out hold
            // less than 1 - topP of the mass, so the prefix is reached among them; sorting the whole
            // vocabulary for every token was most of the sampling time.
            double threshold = (1.0 - options.topP()) / vocab;
            order = nucleus(probs, vocab, threshold, options.topP());
            if (order == null) { // rounding kept the mass below topP: sort everything
                order = nucleus(probs, vocab, -1, options.topP());
            }
            keep = order.length;
        } else {
            order = new int[vocab];
            for (int i = 0; i < vocab; i++) {
                order[i] = i;
            }
            keep = vocab;
        }
        double mass = 0;
        for (int i = 0; i < keep; i++) {
            mass += probs[order[i]];
        }
        double r = rng.nextDouble() * mass;
        for (int i = 0; i < keep; i++) {
            r -= probs[order[i]];
            if (r < 0) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    /**
     * The most likely tokens, most likely first (ties: lower id first), up to and including the one
     * at which their cumulative probability reaches {@code topP}, chosen among the tokens of
     * probability at least {@code threshold}; null when those never reach {@code topP}.
     */
    private static int[] nucleus(double[] probs, int vocab, double threshold, float topP) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < vocab; i++) {
            if (probs[i] >= threshold) {
                candidates.add(i);
            }
        }
        candidates.sort((a, b) -> probs[b] != probs[a] ? Double.compare(probs[b], probs[a]) : Integer.compare(a, b));
        double cumulative = 0;
        for (int i = 0; i < candidates.size(); i++) {
            cumulative += probs[candidates.get(i)];
            if (cumulative >= topP) {
                return candidates.subList(0, i + 1).stream().mapToInt(Integer::intValue).toArray();
            }
        }
        return threshold < 0 ? candidates.stream().mapToInt(Integer::intValue).toArray() : null;
    }
}
