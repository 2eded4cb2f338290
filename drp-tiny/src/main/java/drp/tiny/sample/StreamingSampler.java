package drp.tiny.sample;

import drp.tiny.model.Decoder;
import drp.tiny.model.KvCache;
import drp.tiny.model.Llama;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates one sequence token by token and hands each token to a listener as soon as it is
 * chosen, for servers that stream. Sequence {@code index} of a seed draws exactly as
 * {@link Sampler}'s sequence {@code index} does (same generator, same logits: a sequence's logits do
 * not depend on the batch it shares), so streamed and batched answers are the same text.
 *
 * <p>Thread-safe: the decoder's weights are read-only and every call has its own cache.
 */
public final class StreamingSampler {

    /** Receives the generated tokens, in order. */
    @FunctionalInterface
    public interface TokenListener {
        /** @return false to stop generating here (e.g. a stop sequence was reached) */
        boolean accept(int token);
    }

    private final Decoder decoder;
    private final int stopToken;

    /**
     * @param model     the model (its current weights are snapshotted)
     * @param stopToken the token that ends a reply
     */
    public StreamingSampler(Llama model, int stopToken) {
        this.decoder = new Decoder(model);
        this.stopToken = stopToken;
    }

    /**
     * The continuation of {@code prompt}.
     *
     * @param index which sequence of the seed this is (0 for the first), as in {@link Sampler}
     * @return the tokens generated (the end-of-reply token not included); {@code stop} when the model
     *         ended its reply or the listener stopped it, {@code length} when the budget or context ran out
     */
    public Completion generate(int[] prompt, SamplingOptions options, int index, TokenListener listener) {
        int contextLength = decoder.config().contextLength();
        if (prompt.length == 0 || prompt.length >= contextLength) {
            throw new IllegalArgumentException("the prompt has " + prompt.length + " tokens; it must have 1 to "
                    + (contextLength - 1));
        }
        SplittableRandom rng = new SplittableRandom(mix(options.seed() * 0x9E3779B97F4A7C15L + index));
        KvCache cache = decoder.newCache();
        int vocab = decoder.config().vocabSize();
        float[] logits = new float[vocab];
        int[] input = new int[1];
        KvCache[] caches = {cache};
        for (int token : prompt) {
            input[0] = token;
            decoder.step(input, caches, logits);
        }
        List<Integer> out = new ArrayList<>();
        while (true) {
            int token = Sampler.pick(logits, 0, vocab, options, rng);
            if (token == stopToken) {
                return completion(out, Completion.STOP);
            }
            out.add(token);
            if (!listener.accept(token)) {
                return completion(out, Completion.STOP);
            }
            if (out.size() >= options.maxNewTokens() || cache.length() >= contextLength) {
                return completion(out, Completion.LENGTH);
            }
            input[0] = token;
            decoder.step(input, caches, logits);
        }
    }

    private static Completion completion(List<Integer> tokens, String finish) {
        return new Completion(tokens.stream().mapToInt(Integer::intValue).toArray(), finish);
    }

    /** The same mixing as {@link Sampler}'s, so that sequence seeds agree. */
    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
