package drp.tiny.sample;

import drp.tiny.model.Decoder;
import drp.tiny.model.KvCache;
import drp.tiny.model.Llama;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Generates continuations of many prompts at once (continuous batching: a finished sequence's
 * slot is given to the next prompt). Greedy, or temperature with top-p, seeded per sequence.
 */
public final class Sampler {

    private final Decoder decoder;
    private final int stopToken;
    private final int batchSize;

    /**
     * @param model      the model (its current weights are snapshotted)
     * @param stopToken  the token that ends a reply
     * @param batchSize  how many sequences decode together
     */
    public Sampler(Llama model, int stopToken, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.decoder = new Decoder(model);
        this.stopToken = stopToken;
        this.batchSize = batchSize;
    }

    /** Continuations of {@code prompts}, in order. */
    public List<Completion> generate(List<int[]> prompts, SamplingOptions options) {
        return generate(prompts, options, progress -> { });
    }

    public List<Completion> generate(List<int[]> prompts, SamplingOptions options, Consumer<SamplingProgress> progress) {
        int contextLength = decoder.config().contextLength();
        int vocab = decoder.config().vocabSize();
        for (int i = 0; i < prompts.size(); i++) {
            if (prompts.get(i).length == 0 || prompts.get(i).length >= contextLength) {
                throw new IllegalArgumentException("prompt " + i + " has " + prompts.get(i).length
                        + " tokens; it must have 1 to " + (contextLength - 1));
            }
        }
        Completion[] results = new Completion[prompts.size()];
        Slot[] slots = new Slot[Math.min(batchSize, prompts.size())];
        KvCache[] slotCaches = new KvCache[slots.length];
        int next = 0;
        int done = 0;
        long generated = 0;
        long start = System.nanoTime();
        float[] logits = new float[slots.length * vocab];
        while (done < prompts.size()) {
            // fill free slots
            for (int s = 0; s < slots.length; s++) {
                if (slots[s] == null && next < prompts.size()) {
                    if (slotCaches[s] == null) {
                        slotCaches[s] = decoder.newCache();
                    }
                    slotCaches[s].clear();
                    slots[s] = new Slot(next, prompts.get(next), slotCaches[s],
                            new SplittableRandom(mix(options.seed() * 0x9E3779B97F4A7C15L + next)));
                    next++;
                }
            }
            List<Slot> active = new ArrayList<>();
            for (Slot slot : slots) {
                if (slot != null) {
                    active.add(slot);
                }
            }
            int[] tokens = new int[active.size()];
            KvCache[] caches = new KvCache[active.size()];
            for (int i = 0; i < active.size(); i++) {
                tokens[i] = active.get(i).nextInput();
                caches[i] = active.get(i).cache;
            }
            decoder.step(tokens, caches, logits);
            for (int i = 0; i < active.size(); i++) {
                Slot slot = active.get(i);
                if (slot.fed < slot.prompt.length) {
                    continue; // still reading the prompt
                }
                int token = pick(logits, i * vocab, vocab, options, slot.rng);
                String finish = null;
                if (token == stopToken) {
                    finish = Completion.STOP;
                } else {
                    slot.out.add(token);
                    generated++;
                    if (slot.out.size() >= options.maxNewTokens() || slot.cache.length() >= contextLength) {
                        finish = Completion.LENGTH;
                    }
                }
                if (finish != null) {
                    results[slot.index] = new Completion(slot.out.stream().mapToInt(Integer::intValue).toArray(), finish);
                    for (int s = 0; s < slots.length; s++) {
                        if (slots[s] == slot) {
                            slots[s] = null;
                        }
                    }
                    done++;
                    double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
                    progress.accept(new SamplingProgress(done, prompts.size(), generated, generated / seconds,
                            Duration.ofNanos(System.nanoTime() - start),
                            Duration.ofMillis((long) (seconds * 1000 * (prompts.size() - done) / done))));
                }
            }
        }
        return Arrays.asList(results);
    }

    private static final class Slot {
        final int index;
        final int[] prompt;
        final KvCache cache;
        final SplittableRandom rng;
        final List<Integer> out = new ArrayList<>();
        int fed;

        Slot(int index, int[] prompt, KvCache cache, SplittableRandom rng) {
            this.index = index;
            this.prompt = prompt;
            this.cache = cache;
            this.rng = rng;
        }

        int nextInput() {
            int token = fed < prompt.length ? prompt[fed] : out.getLast();
            fed++;
            return token;
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
        Integer[] order = new Integer[vocab];
        for (int i = 0; i < vocab; i++) {
            order[i] = i;
            probs[i] /= sum;
        }
        int keep = vocab;
        if (options.topP() < 1f) {
            Arrays.sort(order, (a, b) -> probs[b] != probs[a] ? Double.compare(probs[b], probs[a]) : Integer.compare(a, b));
            double cumulative = 0;
            for (int i = 0; i < vocab; i++) {
                cumulative += probs[order[i]];
                if (cumulative >= options.topP()) {
                    keep = i + 1;
                    break;
                }
            }
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

    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
