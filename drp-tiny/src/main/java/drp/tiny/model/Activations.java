package drp.tiny.model;

/**
 * Everything the training forward pass caches for backward, and the backward pass's scratch, for
 * one batch shape (llm.c's {@code ActivationTensors}). Allocated once and reused every step.
 */
public final class Activations {

    final int b;
    final int t;
    final int n;

    final float[][] resid;   // (L+1, N, C) input of each layer; resid[L] feeds the final norm
    final float[][] ln1;     // (L, N, C)
    final float[][] ln1Rstd; // (L, N)
    final float[][] q;       // (L, N, C) after rotation
    final float[][] k;       // (L, N, C) after rotation
    final float[][] v;       // (L, N, C)
    final float[][] att;     // (L, B, NH, T, T) attention probabilities
    final float[][] atty;    // (L, N, C) attention output before the output projection
    final float[][] resid2;  // (L, N, C) residual after attention
    final float[][] ln2;     // (L, N, C)
    final float[][] ln2Rstd; // (L, N)
    final float[][] gate;    // (L, N, H)
    final float[][] up;      // (L, N, H)
    final float[][] act;     // (L, N, H) silu(gate) * up
    final float[] lnf;       // (N, C)
    final float[] lnfRstd;   // (N)
    final float[] logits;    // (N, V) logits, then probabilities, then dloss/dlogits
    final float[] losses;    // (N)

    // backward scratch
    final float[] dresid;    // (N, C)
    final float[] dln;       // (N, C)
    final float[] datty;     // (N, C)
    final float[] dq;        // (N, C)
    final float[] dk;        // (N, C)
    final float[] dv;        // (N, C)
    final float[] dact;      // (N, H)
    final float[] dgate;     // (N, H)
    final float[] dup;       // (N, H)

    // the forward pass's transposed linear weights, (in, out) so that lanes run along outputs
    final TransposedWeights weightsT;

    public Activations(LlamaConfig config, int b, int t) {
        this.b = b;
        this.t = t;
        this.n = b * t;
        int l = config.layers();
        int c = config.dim();
        int h = config.hiddenDim();
        int nh = config.heads();
        resid = new float[l + 1][n * c];
        ln1 = new float[l][n * c];
        ln1Rstd = new float[l][n];
        q = new float[l][n * c];
        k = new float[l][n * c];
        v = new float[l][n * c];
        att = new float[l][b * nh * t * t];
        atty = new float[l][n * c];
        resid2 = new float[l][n * c];
        ln2 = new float[l][n * c];
        ln2Rstd = new float[l][n];
        gate = new float[l][n * h];
        up = new float[l][n * h];
        act = new float[l][n * h];
        lnf = new float[n * c];
        lnfRstd = new float[n];
        logits = new float[n * config.vocabSize()];
        losses = new float[n];
        dresid = new float[n * c];
        dln = new float[n * c];
        datty = new float[n * c];
        dq = new float[n * c];
        dk = new float[n * c];
        dv = new float[n * c];
        dact = new float[n * h];
        dgate = new float[n * h];
        dup = new float[n * h];
        weightsT = new TransposedWeights(config);
    }

    /** Layer {@code l}'s arrays, as {@link Llama#layer} reads and writes them. */
    Llama.LayerTensors layer(int l) {
        return new Llama.LayerTensors(resid[l], ln1[l], ln1Rstd[l], q[l], k[l], v[l], atty[l], resid2[l], ln2[l],
                ln2Rstd[l], gate[l], up[l], act[l], resid[l + 1]);
    }

    public boolean fits(Batch batch) {
        return batch.b() == b && batch.t() == t;
    }

    /** Per-position losses of the last forward pass (0 where the weight is 0). */
    public float[] losses() {
        return losses;
    }

    /** Probabilities (N, V) of the last forward pass; overwritten by backward. */
    public float[] probabilities() {
        return logits;
    }
}
