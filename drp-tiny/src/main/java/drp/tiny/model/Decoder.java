package drp.tiny.model;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Inference with a KV cache: appends tokens to sequences and returns their next-token logits, for
 * many sequences at once. All appended tokens of all sequences are the rows of one forward pass
 * (they share every matrix product); attention reads each sequence's own cache. Three shapes of
 * the same pass: {@link #step} (one token per sequence, decoding), {@link #prefill} (a whole prompt
 * of one sequence) and {@link #append} (any mix, e.g. new prompts together with decoding steps).
 *
 * <p>A row's result does not depend on the other rows of the pass: every product computes each
 * output element as one chain of fused multiply-adds in a fixed order ({@link MatMul}), and a
 * position attends over its own sequence's cache in the same order however it got there. So a
 * sequence's logits are bit for bit the same whether its prompt is prefilled at once or fed token
 * by token, and whichever sequences share the pass.
 *
 * <p>A decoder snapshots the weights it was created from: make a new one after training. Not
 * thread-safe in the sense that two passes must not append to the same cache at once; passes over
 * different caches may run concurrently.
 */
public final class Decoder {

    private final Llama model;
    private final TransposedWeights w;

    public Decoder(Llama model) {
        this.model = model;
        this.w = new TransposedWeights(model.config());
        this.w.refresh(model.parameters());
    }

    public LlamaConfig config() {
        return model.config();
    }

    /** A fresh cache for one sequence. */
    public KvCache newCache() {
        return new KvCache(model.config());
    }

    /**
     * Appends {@code tokens[s]} to sequence s (its cache grows by one) and writes its next-token
     * logits into {@code logits} (S, V).
     */
    public void step(int[] tokens, KvCache[] caches, float[] logits) {
        step(tokens, caches, logits, null);
    }

    /**
     * {@link #step(int[], KvCache[], float[])}, also writing the final normalized hidden state
     * (S, C), the input of the output projection, into {@code hidden} when it is not null.
     */
    public void step(int[] tokens, KvCache[] caches, float[] logits, float[] hidden) {
        int[][] rows = new int[tokens.length][];
        for (int s = 0; s < tokens.length; s++) {
            rows[s] = new int[] {tokens[s]};
        }
        append(rows, caches, logits, hidden);
    }

    /**
     * Appends a whole prompt (T tokens) to one sequence in one pass, each new position attending
     * causally over the cached ones and the new ones before it.
     *
     * @return the next-token logits (V) after the last token
     */
    public float[] prefill(int[] tokens, KvCache cache) {
        float[] logits = new float[model.config().vocabSize()];
        append(new int[][] {tokens}, new KvCache[] {cache}, logits, null);
        return logits;
    }

    /**
     * Appends {@code tokens[s]} (one or more tokens) to sequence s, whose cache grows by as many, and
     * writes the next-token logits after its last token into row s of {@code logits} (S, V), and the
     * final normalized hidden state there into row s of {@code hidden} (S, C) when it is not null.
     *
     * @throws IllegalArgumentException when a sequence gets no token or two sequences share a cache
     * @throws IllegalStateException    when a sequence would outgrow the context length
     */
    public void append(int[][] tokens, KvCache[] caches, float[] logits, float[] hidden) {
        LlamaConfig config = model.config();
        Parameters params = model.parameters();
        int s = tokens.length;
        int c = config.dim();
        int h = config.hiddenDim();
        int v = config.vocabSize();
        if (caches.length != s) {
            throw new IllegalArgumentException(s + " token lists for " + caches.length + " caches");
        }
        Set<KvCache> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        int total = 0;
        for (int i = 0; i < s; i++) {
            if (tokens[i].length == 0) {
                throw new IllegalArgumentException("sequence " + i + " gets no token");
            }
            if (!distinct.add(caches[i])) {
                throw new IllegalArgumentException("sequence " + i + " shares its cache with an earlier one");
            }
            if (caches[i].length() + tokens[i].length > config.contextLength()) {
                throw new IllegalStateException("sequence " + i + " is full: " + caches[i].length() + " cached and "
                        + tokens[i].length + " new tokens exceed the context length " + config.contextLength());
            }
            total += tokens[i].length;
        }
        int n = total;
        // the rows of the pass: every new token of every sequence, in order
        int[] rowTokens = new int[n];      // (N)
        int[] positions = new int[n];      // (N) position of the row in its sequence
        KvCache[] rowCaches = new KvCache[n]; // (N) the cache the row appends to
        int[] last = new int[s];           // (S) the row of each sequence's last token
        for (int i = 0, r = 0; i < s; i++) {
            for (int j = 0; j < tokens[i].length; j++, r++) {
                rowTokens[r] = tokens[i][j];
                positions[r] = caches[i].length() + j;
                rowCaches[r] = caches[i];
            }
            last[i] = r - 1;
        }
        float[] x = new float[n * c]; // (N, C) the residual stream, updated in place by each layer
        Llama.LayerTensors scratch = new Llama.LayerTensors(x, new float[n * c], new float[n], new float[n * c],
                new float[n * c], new float[n * c], new float[n * c], x, new float[n * c], new float[n],
                new float[n * h], new float[n * h], new float[n * h], x);

        // token embedding
        Embedding.forward(x, rowTokens, params.data, params.embed, n, c, v);
        // transformer layers; attention over each sequence's cache, new keys and values appended first
        Llama.SelfAttention attention = (l, atty, q, k, vv) -> {
            appendToCaches(l, k, vv, rowCaches, positions, n, c);
            attendOverCaches(l, atty, q, rowCaches, positions, n);
        };
        for (int l = 0; l < config.layers(); l++) {
            model.layer(l, scratch, positions, n, w, attention);
        }
        // final norm and logits, for each sequence's last row only
        float[] xl = new float[s * c];  // (S, C)
        float[] xn = new float[s * c];  // (S, C)
        for (int i = 0; i < s; i++) {
            System.arraycopy(x, last[i] * c, xl, i * c, c);
        }
        RmsNorm.forward(xn, new float[s], xl, params.data, params.finalNorm, s, c, config.rmsEps());
        if (hidden != null) {
            System.arraycopy(xn, 0, hidden, 0, s * c);
        }
        Llama.linear(logits, xn, w.head, s, c, v, false);
        for (int i = 0; i < s; i++) {
            caches[i].advance(tokens[i].length);
        }
    }

    /** Writes layer l's rotated keys and values of each row into its cache at the row's position. */
    private static void appendToCaches(int l, float[] k, float[] v, KvCache[] rowCaches, int[] positions, int n, int c) {
        // in parallel: the transposed key writes are scattered, one cache line per channel
        Parallel.parallelFor(n, 8, (from, to) -> {
            for (int r = from; r < to; r++) {
                KvCache cache = rowCaches[r];
                float[] keysT = cache.keysT[l];
                for (int ch = 0; ch < c; ch++) {
                    keysT[ch * cache.capacity + positions[r]] = k[r * c + ch];
                }
                System.arraycopy(v, r * c, cache.values[l], positions[r] * c, c);
            }
        });
    }

    /**
     * atty (N, C): each row's query attends over its cache up to and including its own position;
     * per head, the scores along positions and their softmax, then the weighted values of all heads
     * at once. Each element is computed in the same order as the training forward's attention.
     */
    private void attendOverCaches(int l, float[] atty, float[] q, KvCache[] rowCaches, int[] positions, int n) {
        LlamaConfig config = model.config();
        int c = config.dim();
        int nh = config.heads();
        int hs = config.headSize();
        int capacity = config.contextLength();
        float scale = (float) (1.0 / Math.sqrt(hs));
        Parallel.parallelFor(n, (from, to) -> {
            float[] probs = new float[nh * capacity]; // (NH, contextLength)
            for (int r = from; r < to; r++) {
                KvCache cache = rowCaches[r];
                int length = positions[r] + 1;
                for (int head = 0; head < nh; head++) {
                    int col = head * hs;
                    // scores = q k^T over the cached positions
                    MatMul.matmulSerial(probs, head * capacity, length, q, r * c + col, hs, 1, cache.keysT[l],
                            col * cache.capacity, cache.capacity, 1, hs, length, false);
                    softmax(probs, head * capacity, length, scale);
                }
                // out = p v, every head over its own columns
                MatMul.groupedWeightedSum(atty, r * c, probs, 0, capacity, cache.values[l], 0, c, c, hs, length);
            }
        });
    }

    /** x[off .. off+length) = softmax(scale * x), in place. */
    private static void softmax(float[] x, int off, int length, float scale) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < length; j++) {
            max = Math.max(max, x[off + j] * scale);
        }
        double sum = 0;
        for (int j = 0; j < length; j++) {
            float e = (float) Math.exp(x[off + j] * scale - max);
            x[off + j] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int j = 0; j < length; j++) {
            x[off + j] *= inv;
        }
    }
}
