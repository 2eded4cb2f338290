package drp.tiny.model;

import java.util.Arrays;

/**
 * A Llama-architecture decoder: its configuration, its parameters, and the training passes
 * {@link #forward} and {@link #backward} over a packed {@link Batch}. Decoding with a KV cache
 * lives in {@link Decoder}.
 */
public final class Llama {

    private final LlamaConfig config;
    private final Parameters params;
    private final Rope rope;

    public Llama(LlamaConfig config, Parameters params) {
        if (!params.config.equals(config)) {
            throw new IllegalArgumentException("parameters are for " + params.config + ", not " + config);
        }
        this.config = config;
        this.params = params;
        this.rope = new Rope(config);
    }

    /** A freshly initialized model (see {@link Parameters#initialize}). */
    public static Llama initialize(LlamaConfig config, long seed) {
        Parameters params = new Parameters(config);
        params.initialize(seed);
        return new Llama(config, params);
    }

    public LlamaConfig config() {
        return config;
    }

    public Parameters parameters() {
        return params;
    }

    Rope rope() {
        return rope;
    }

    /**
     * The training forward pass: fills {@code a} and returns the weighted mean cross-entropy of
     * predicting {@code batch.targets()}.
     */
    public double forward(Batch batch, Activations a) {
        if (!a.fits(batch)) {
            throw new IllegalArgumentException("activations are for " + a.b + "x" + a.t + ", batch is " + batch.b() + "x" + batch.t());
        }
        if (batch.t() > config.contextLength()) {
            throw new IllegalArgumentException("batch rows of " + batch.t() + " exceed the context length " + config.contextLength());
        }
        int n = batch.size();
        int c = config.dim();
        int nh = config.heads();
        int v = config.vocabSize();
        float eps = config.rmsEps();
        float[] p = params.data;
        TransposedWeights w = a.weightsT;
        w.refresh(params);

        // token embedding
        Embedding.forward(a.resid[0], batch.tokens(), p, params.embed, n, c, v);
        // transformer layers; causal self-attention over the packed rows' own sequences
        SelfAttention attention = (l, atty, q, k, vv) ->
                Attention.forward(atty, a.att[l], q, k, vv, batch.segStart(), batch.b(), batch.t(), c, nh);
        for (int l = 0; l < config.layers(); l++) {
            layer(l, a.layer(l), batch.positions(), n, w, attention);
        }
        // final norm
        RmsNorm.forward(a.lnf, a.lnfRstd, a.resid[config.layers()], p, params.finalNorm, n, c, eps);
        // logits and loss
        linear(a.logits, a.lnf, w.head, n, c, v, false);
        return CrossEntropy.forward(a.logits, a.losses, batch.targets(), batch.weights(), n, v);
    }

    /**
     * The self-attention of one layer: atty (N, C) from the rotated q, k and the values v (N, C).
     * Training attends within the packed rows ({@link Attention}); decoding appends k and v to each
     * sequence's cache first and attends over it ({@link Decoder}).
     */
    @FunctionalInterface
    interface SelfAttention {
        void forward(int layer, float[] atty, float[] q, float[] k, float[] v);
    }

    /**
     * The arrays one layer reads and writes. Training passes each layer's own arrays (backward reads
     * them); decoding passes one set of scratch arrays for every layer, with {@code in}, {@code mid}
     * and {@code out} the same array (the residual stream is updated in place).
     */
    record LayerTensors(
            float[] in,      // (N, C) the residual stream entering the layer
            float[] ln1,     // (N, C)
            float[] ln1Rstd, // (N)
            float[] q,       // (N, C) after rotation
            float[] k,       // (N, C) after rotation
            float[] v,       // (N, C)
            float[] atty,    // (N, C) attention output before the output projection
            float[] mid,     // (N, C) residual after attention
            float[] ln2,     // (N, C)
            float[] ln2Rstd, // (N)
            float[] gate,    // (N, H)
            float[] up,      // (N, H)
            float[] act,     // (N, H) silu(gate) * up
            float[] out) {}  // (N, C) the residual stream leaving the layer

    /**
     * One transformer layer over N rows, row r at position {@code positions[r]}: the one definition
     * of the layer, used by the training forward and by the decoder.
     */
    void layer(int l, LayerTensors t, int[] positions, int n, TransposedWeights w, SelfAttention attention) {
        int c = config.dim();
        int h = config.hiddenDim();
        float eps = config.rmsEps();
        float[] p = params.data;
        // attention norm
        RmsNorm.forward(t.ln1(), t.ln1Rstd(), t.in(), p, params.attnNorm + l * c, n, c, eps);
        // query, key, value projections
        linear(t.q(), t.ln1(), w.wq[l], n, c, c, false);
        linear(t.k(), t.ln1(), w.wk[l], n, c, c, false);
        linear(t.v(), t.ln1(), w.wv[l], n, c, c, false);
        // rotary position embeddings
        rope.forward(t.q(), positions, n, c);
        rope.forward(t.k(), positions, n, c);
        // causal self-attention
        attention.forward(l, t.atty(), t.q(), t.k(), t.v());
        // output projection and residual
        if (t.mid() != t.in()) {
            System.arraycopy(t.in(), 0, t.mid(), 0, n * c);
        }
        linear(t.mid(), t.atty(), w.wo[l], n, c, c, true);
        // feed-forward norm
        RmsNorm.forward(t.ln2(), t.ln2Rstd(), t.mid(), p, params.ffnNorm + l * c, n, c, eps);
        // SwiGLU feed-forward and residual
        linear(t.gate(), t.ln2(), w.wGate[l], n, c, h, false);
        linear(t.up(), t.ln2(), w.wUp[l], n, c, h, false);
        SwiGlu.forward(t.act(), t.gate(), t.up(), n * h);
        if (t.out() != t.mid()) {
            System.arraycopy(t.mid(), 0, t.out(), 0, n * c);
        }
        linear(t.out(), t.act(), w.wDown[l], n, h, c, true);
    }

    /**
     * The training backward pass, in exactly the reverse order of {@link #forward}: adds dloss/dparam
     * into {@code grads} (zero it first; see {@link #zeroGrad}). Destroys the cached probabilities.
     */
    public void backward(Batch batch, Activations a, Parameters grads) {
        int n = batch.size();
        int c = config.dim();
        int h = config.hiddenDim();
        int nh = config.heads();
        int v = config.vocabSize();
        int layers = config.layers();
        float[] p = params.data;
        float[] g = grads.data;

        // loss and logits
        CrossEntropy.backward(a.logits, batch.targets(), batch.weights(), n, v);
        MatMul.matmul(a.dln, 0, c, a.logits, 0, v, 1, p, params.lmHead, c, n, v, c, false);
        MatMul.matmul(g, grads.lmHead, c, a.logits, 0, 1, v, a.lnf, 0, c, v, n, c, true);
        // final norm
        Arrays.fill(a.dresid, 0f);
        RmsNorm.backward(a.dresid, g, grads.finalNorm, a.dln, a.resid[layers], p, params.finalNorm, a.lnfRstd, n, c);
        for (int l = layers - 1; l >= 0; l--) {
            int cc = l * c * c;
            int hc = l * h * c;
            // SwiGLU feed-forward (dresid: d resid[l+1])
            MatMul.matmul(a.dact, 0, h, a.dresid, 0, c, 1, p, params.wDown + hc, h, n, c, h, false);
            MatMul.matmul(g, grads.wDown + hc, h, a.dresid, 0, 1, c, a.act[l], 0, h, c, n, h, true);
            SwiGlu.backward(a.dgate, a.dup, a.dact, a.gate[l], a.up[l], n * h);
            MatMul.matmul(a.dln, 0, c, a.dgate, 0, h, 1, p, params.wGate + hc, c, n, h, c, false);
            MatMul.matmul(a.dln, 0, c, a.dup, 0, h, 1, p, params.wUp + hc, c, n, h, c, true);
            MatMul.matmul(g, grads.wGate + hc, c, a.dgate, 0, 1, h, a.ln2[l], 0, c, h, n, c, true);
            MatMul.matmul(g, grads.wUp + hc, c, a.dup, 0, 1, h, a.ln2[l], 0, c, h, n, c, true);
            // feed-forward norm (dresid becomes d resid2)
            RmsNorm.backward(a.dresid, g, grads.ffnNorm + l * c, a.dln, a.resid2[l], p, params.ffnNorm + l * c, a.ln2Rstd[l], n, c);
            // output projection
            MatMul.matmul(a.datty, 0, c, a.dresid, 0, c, 1, p, params.wo + cc, c, n, c, c, false);
            MatMul.matmul(g, grads.wo + cc, c, a.dresid, 0, 1, c, a.atty[l], 0, c, c, n, c, true);
            // causal self-attention
            Attention.backward(a.dq, a.dk, a.dv, a.datty, a.att[l], a.q[l], a.k[l], a.v[l], batch.segStart(), batch.b(), batch.t(), c, nh);
            // rotary position embeddings
            rope.backward(a.dq, batch.positions(), n, c);
            rope.backward(a.dk, batch.positions(), n, c);
            // query, key, value projections
            MatMul.matmul(a.dln, 0, c, a.dq, 0, c, 1, p, params.wq + cc, c, n, c, c, false);
            MatMul.matmul(a.dln, 0, c, a.dk, 0, c, 1, p, params.wk + cc, c, n, c, c, true);
            MatMul.matmul(a.dln, 0, c, a.dv, 0, c, 1, p, params.wv + cc, c, n, c, c, true);
            MatMul.matmul(g, grads.wq + cc, c, a.dq, 0, 1, c, a.ln1[l], 0, c, c, n, c, true);
            MatMul.matmul(g, grads.wk + cc, c, a.dk, 0, 1, c, a.ln1[l], 0, c, c, n, c, true);
            MatMul.matmul(g, grads.wv + cc, c, a.dv, 0, 1, c, a.ln1[l], 0, c, c, n, c, true);
            // attention norm (dresid becomes d resid[l])
            RmsNorm.backward(a.dresid, g, grads.attnNorm + l * c, a.dln, a.resid[l], p, params.attnNorm + l * c, a.ln1Rstd[l], n, c);
        }
        // token embedding
        Embedding.backward(g, grads.embed, a.dresid, batch.tokens(), n, c);
    }

    /** Zeroes a gradient buffer. */
    public static void zeroGrad(Parameters grads) {
        Arrays.fill(grads.data, 0f);
    }

    /** out (N, out) [+]= in (N, in) · wT (in, out) */
    static void linear(float[] out, float[] in, float[] wT, int n, int inDim, int outDim, boolean accumulate) {
        MatMul.matmul(out, 0, outDim, in, 0, inDim, 1, wT, 0, outDim, n, inDim, outDim, accumulate);
    }
}
