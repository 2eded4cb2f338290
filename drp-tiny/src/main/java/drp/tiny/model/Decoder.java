package drp.tiny.model;

/**
 * Inference with a KV cache: feeds one token per sequence and returns the next-token logits, for
 * many sequences at once (their rows share every matrix product; attention reads each sequence's
 * own cache). A sequence's logits do not depend on which other sequences share the step.
 *
 * <p>A decoder snapshots the weights it was created from: make a new one after training.
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
        LlamaConfig config = model.config();
        Parameters params = model.parameters();
        float[] p = params.data;
        int s = tokens.length;
        int c = config.dim();
        int h = config.hiddenDim();
        int nh = config.heads();
        int hs = config.headSize();
        int v = config.vocabSize();
        float eps = config.rmsEps();
        int[] positions = new int[s];
        for (int i = 0; i < s; i++) {
            positions[i] = caches[i].length();
            if (positions[i] >= config.contextLength()) {
                throw new IllegalStateException("sequence " + i + " is full: context length " + config.contextLength());
            }
        }
        float[] x = new float[s * c];
        float[] xb = new float[s * c];
        float[] rstd = new float[s];
        float[] q = new float[s * c];
        float[] k = new float[s * c];
        float[] vv = new float[s * c];
        float[] atty = new float[s * c];
        float[] gate = new float[s * h];
        float[] up = new float[s * h];
        float[] act = new float[s * h];

        // token embedding
        Embedding.forward(x, tokens, p, params.embed, s, c, v);
        for (int l = 0; l < config.layers(); l++) {
            int layer = l;
            // attention norm
            RmsNorm.forward(xb, rstd, x, p, params.attnNorm + l * c, s, c, eps);
            // query, key, value projections
            Llama.linear(q, xb, w.wq[l], s, c, c, false);
            Llama.linear(k, xb, w.wk[l], s, c, c, false);
            Llama.linear(vv, xb, w.wv[l], s, c, c, false);
            // rotary position embeddings; append key and value to the cache
            for (int i = 0; i < s; i++) {
                model.rope().rotateRow(q, i * c, positions[i], c);
                model.rope().rotateRow(k, i * c, positions[i], c);
                float[] keysT = caches[i].keysT[l];
                int capacity = caches[i].capacity;
                for (int ch = 0; ch < c; ch++) {
                    keysT[ch * capacity + positions[i]] = k[i * c + ch];
                }
                System.arraycopy(vv, i * c, caches[i].values[l], positions[i] * c, c);
            }
            // causal self-attention over each sequence's cache
            Parallel.parallelFor(s * nh, (from, to) -> {
                float[] scores = new float[config.contextLength()];
                for (int sh = from; sh < to; sh++) {
                    int i = sh / nh;
                    int col = (sh % nh) * hs;
                    attend(atty, i * c + col, q, i * c + col, caches[i].keysT[layer], caches[i].capacity,
                            caches[i].values[layer], col, positions[i] + 1, c, hs, scores);
                }
            });
            // output projection and residual
            Llama.linear(x, atty, w.wo[l], s, c, c, true);
            // feed-forward norm
            RmsNorm.forward(xb, rstd, x, p, params.ffnNorm + l * c, s, c, eps);
            // SwiGLU feed-forward and residual
            Llama.linear(gate, xb, w.wGate[l], s, c, h, false);
            Llama.linear(up, xb, w.wUp[l], s, c, h, false);
            SwiGlu.forward(act, gate, up, s * h);
            Llama.linear(x, act, w.wDown[l], s, h, c, true);
        }
        // final norm and logits
        RmsNorm.forward(xb, rstd, x, p, params.finalNorm, s, c, eps);
        if (hidden != null) {
            System.arraycopy(xb, 0, hidden, 0, s * c);
        }
        Llama.linear(logits, xb, w.head, s, c, v, false);
        for (KvCache cache : caches) {
            cache.advance();
        }
    }

    /**
     * One head of one query over {@code length} cached positions, as two small products (scores
     * along positions, then the weighted values) in the same order as training, so the logits equal
     * the training forward's.
     */
    private static void attend(float[] out, int outOff, float[] q, int qOff, float[] keysT, int capacity,
                               float[] values, int col, int length, int c, int hs, float[] scores) {
        float scale = (float) (1.0 / Math.sqrt(hs));
        // scores = q k^T over the cached positions
        MatMul.matmulSerial(scores, 0, length, q, qOff, hs, 1, keysT, col * capacity, capacity, 1, hs, length, false);
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < length; j++) {
            max = Math.max(max, scores[j] * scale);
        }
        double sum = 0;
        for (int j = 0; j < length; j++) {
            float e = (float) Math.exp(scores[j] * scale - max);
            scores[j] = e;
            sum += e;
        }
        float inv = (float) (1.0 / sum);
        for (int j = 0; j < length; j++) {
            scores[j] *= inv;
        }
        // out = p v
        MatMul.matmulSerial(out, outOff, hs, scores, 0, length, 1, values, col, c, 1, length, hs, false);
    }
}
