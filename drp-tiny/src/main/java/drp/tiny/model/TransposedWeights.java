package drp.tiny.model;

/**
 * The linear weights transposed to (in, out), the layout the forward products read: the output
 * index is contiguous, so vector lanes run along outputs and no horizontal sum is needed.
 * Refreshed from the parameters whenever they change.
 */
final class TransposedWeights {

    final float[][] wq;    // (L, C, C)
    final float[][] wk;    // (L, C, C)
    final float[][] wv;    // (L, C, C)
    final float[][] wo;    // (L, C, C)
    final float[][] wGate; // (L, C, H)
    final float[][] wUp;   // (L, C, H)
    final float[][] wDown; // (L, H, C)
    final float[] head;    // (C, V)

    TransposedWeights(LlamaConfig config) {
        int l = config.layers();
        int c = config.dim();
        int h = config.hiddenDim();
        wq = new float[l][c * c];
        wk = new float[l][c * c];
        wv = new float[l][c * c];
        wo = new float[l][c * c];
        wGate = new float[l][c * h];
        wUp = new float[l][c * h];
        wDown = new float[l][h * c];
        head = new float[c * config.vocabSize()];
    }

    void refresh(Parameters p) {
        LlamaConfig config = p.config;
        int c = config.dim();
        int h = config.hiddenDim();
        Parallel.parallelFor(config.layers(), (from, to) -> {
            for (int l = from; l < to; l++) {
                transpose(p.data, p.wq + l * c * c, c, c, wq[l]);
                transpose(p.data, p.wk + l * c * c, c, c, wk[l]);
                transpose(p.data, p.wv + l * c * c, c, c, wv[l]);
                transpose(p.data, p.wo + l * c * c, c, c, wo[l]);
                transpose(p.data, p.wGate + l * h * c, h, c, wGate[l]);
                transpose(p.data, p.wUp + l * h * c, h, c, wUp[l]);
                transpose(p.data, p.wDown + l * c * h, c, h, wDown[l]);
            }
        });
        transpose(p.data, p.lmHead, config.vocabSize(), c, head);
    }

    /** dst (cols, rows) = src (rows, cols) at {@code off}, transposed. */
    static void transpose(float[] src, int off, int rows, int cols, float[] dst) {
        for (int i = 0; i < rows; i++) {
            int s = off + i * cols;
            for (int j = 0; j < cols; j++) {
                dst[j * rows + i] = src[s + j];
            }
        }
    }
}
