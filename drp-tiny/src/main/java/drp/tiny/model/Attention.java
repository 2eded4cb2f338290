package drp.tiny.model;

/**
 * Causal multi-head self-attention over packed rows: a row of T positions holds several sequences
 * back to back, and a position attends only to earlier positions of its own sequence
 * ({@code segStart[b*T + t]} is the index in the row where t's sequence starts).
 *
 * <p>The fast path runs each (row, head, sequence) block as small matrix products through
 * {@link MatMul}; {@link #forwardNaive} and {@link #backwardNaive} are the plain-loop references.
 */
public final class Attention {

    private Attention() {}

    /**
     * Rows are processed in blocks of this many; a block reads keys up to its own end, so the part
     * above the diagonal is computed only inside the block (where it is zeroed). Forward and
     * backward must use the same blocks.
     */
    static final int BLOCK = 16;

    /**
     * out (B*T, C) from q, k, v (B*T, C) (q and k already rotated); caches the probabilities in
     * att (B, NH, T, T), written only inside each sequence's causal part (and zero above the
     * diagonal up to the end of each row block).
     */
    public static void forward(float[] out, float[] att, float[] q, float[] k, float[] v, int[] segStart,
                               int b, int t, int c, int nh) {
        int hs = c / nh;
        float scale = (float) (1.0 / Math.sqrt(hs));
        Parallel.parallelFor(b * nh, (from, to) -> {
            float[] kT = new float[hs * t];
            for (int bh = from; bh < to; bh++) {
                int bi = bh / nh;
                int h = bh % nh;
                for (int s0 = 0; s0 < t; ) {
                    int s1 = segmentEnd(segStart, bi, s0, t);
                    int n = s1 - s0;
                    int row0 = bi * t + s0;
                    int col = h * hs;
                    int attBase = ((bi * nh + h) * t + s0) * t + s0;
                    transposeHead(kT, k, row0, col, n, hs, c);
                    for (int r0 = 0; r0 < n; r0 += BLOCK) {
                        int r1 = Math.min(n, r0 + BLOCK);
                        // scores = q k^T, for keys up to the end of the block
                        MatMul.matmulSerial(att, attBase + r0 * t, t, q, (row0 + r0) * c + col, c, 1, kT, 0, n,
                                r1 - r0, hs, r1, false);
                        // causal softmax of scale * scores
                        for (int i = r0; i < r1; i++) {
                            int r = attBase + i * t;
                            float max = Float.NEGATIVE_INFINITY;
                            for (int j = 0; j <= i; j++) {
                                max = Math.max(max, att[r + j] * scale);
                            }
                            double sum = 0;
                            for (int j = 0; j <= i; j++) {
                                float e = (float) Math.exp(att[r + j] * scale - max);
                                att[r + j] = e;
                                sum += e;
                            }
                            float inv = (float) (1.0 / sum);
                            for (int j = 0; j <= i; j++) {
                                att[r + j] *= inv;
                            }
                            for (int j = i + 1; j < r1; j++) {
                                att[r + j] = 0f;
                            }
                        }
                        // out = att v
                        MatMul.matmulSerial(out, (row0 + r0) * c + col, c, att, attBase + r0 * t, t, 1, v, row0 * c + col, c,
                                r1 - r0, r1, hs, false);
                    }
                    s0 = s1;
                }
            }
        });
    }

    /** dq, dk, dv (B*T, C), overwritten, from dout (B*T, C) and the forward's att, q, k, v. */
    public static void backward(float[] dq, float[] dk, float[] dv, float[] dout, float[] att,
                                float[] q, float[] k, float[] v, int[] segStart, int b, int t, int c, int nh) {
        int hs = c / nh;
        float scale = (float) (1.0 / Math.sqrt(hs));
        Parallel.parallelFor(b * nh, (from, to) -> {
            float[] vT = new float[hs * t];
            float[] ds = new float[t * t];
            for (int bh = from; bh < to; bh++) {
                int bi = bh / nh;
                int h = bh % nh;
                for (int s0 = 0; s0 < t; ) {
                    int s1 = segmentEnd(segStart, bi, s0, t);
                    int n = s1 - s0;
                    int row0 = bi * t + s0;
                    int col = h * hs;
                    int attBase = ((bi * nh + h) * t + s0) * t + s0;
                    transposeHead(vT, v, row0, col, n, hs, c);
                    for (int r0 = 0; r0 < n; r0 += BLOCK) {
                        int r1 = Math.min(n, r0 + BLOCK);
                        // datt = dout v^T
                        MatMul.matmulSerial(ds, r0 * n, n, dout, (row0 + r0) * c + col, c, 1, vT, 0, n, r1 - r0, hs, r1, false);
                        // softmax backward, in place: ds = att * (datt - sum(att * datt)) * scale
                        for (int i = r0; i < r1; i++) {
                            int r = attBase + i * t;
                            int d = i * n;
                            double dot = 0;
                            for (int j = 0; j <= i; j++) {
                                dot += (double) att[r + j] * ds[d + j];
                            }
                            float fdot = (float) dot;
                            for (int j = 0; j <= i; j++) {
                                ds[d + j] = att[r + j] * (ds[d + j] - fdot) * scale;
                            }
                            for (int j = i + 1; j < r1; j++) {
                                ds[d + j] = 0f;
                            }
                        }
                        // dq = ds k
                        MatMul.matmulSerial(dq, (row0 + r0) * c + col, c, ds, r0 * n, n, 1, k, row0 * c + col, c,
                                r1 - r0, r1, hs, false);
                    }
                    for (int j0 = 0; j0 < n; j0 += BLOCK) {
                        int j1 = Math.min(n, j0 + BLOCK);
                        // dv = att^T dout and dk = ds^T q, over the rows at or after the block
                        MatMul.matmulSerial(dv, (row0 + j0) * c + col, c, att, attBase + j0 * t + j0, 1, t,
                                dout, (row0 + j0) * c + col, c, j1 - j0, n - j0, hs, false);
                        MatMul.matmulSerial(dk, (row0 + j0) * c + col, c, ds, j0 * n + j0, 1, n,
                                q, (row0 + j0) * c + col, c, j1 - j0, n - j0, hs, false);
                    }
                    s0 = s1;
                }
            }
        });
    }

    /** The index one past the end of the sequence that starts at {@code s0} in row {@code bi}. */
    static int segmentEnd(int[] segStart, int bi, int s0, int t) {
        int s1 = s0 + 1;
        while (s1 < t && segStart[bi * t + s1] == s0) {
            s1++;
        }
        return s1;
    }

    /** dst (hs, n) = the head's columns of rows row0..row0+n of src (., C), transposed. */
    private static void transposeHead(float[] dst, float[] src, int row0, int col, int n, int hs, int c) {
        for (int j = 0; j < n; j++) {
            int s = (row0 + j) * c + col;
            for (int d = 0; d < hs; d++) {
                dst[d * n + j] = src[s + d];
            }
        }
    }

    /** The reference forward: plain loops in double, no caching. */
    public static void forwardNaive(float[] out, float[] q, float[] k, float[] v, int[] segStart,
                                    int b, int t, int c, int nh) {
        int hs = c / nh;
        double scale = 1.0 / Math.sqrt(hs);
        for (int bi = 0; bi < b; bi++) {
            for (int h = 0; h < nh; h++) {
                for (int i = 0; i < t; i++) {
                    int row = bi * t + i;
                    int s0 = segStart[row];
                    double[] w = new double[i - s0 + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = s0; j <= i; j++) {
                        double dot = 0;
                        for (int d = 0; d < hs; d++) {
                            dot += (double) q[row * c + h * hs + d] * k[(bi * t + j) * c + h * hs + d];
                        }
                        w[j - s0] = dot * scale;
                        max = Math.max(max, w[j - s0]);
                    }
                    double sum = 0;
                    for (int j = 0; j < w.length; j++) {
                        w[j] = Math.exp(w[j] - max);
                        sum += w[j];
                    }
                    for (int d = 0; d < hs; d++) {
                        double acc = 0;
                        for (int j = s0; j <= i; j++) {
                            acc += w[j - s0] / sum * v[(bi * t + j) * c + h * hs + d];
                        }
                        out[row * c + h * hs + d] = (float) acc;
                    }
                }
            }
        }
    }

    /** The reference backward: recomputes the probabilities, plain loops in double. */
    public static void backwardNaive(float[] dq, float[] dk, float[] dv, float[] dout, float[] q, float[] k, float[] v,
                                     int[] segStart, int b, int t, int c, int nh) {
        int hs = c / nh;
        double scale = 1.0 / Math.sqrt(hs);
        double[] gq = new double[dq.length];
        double[] gk = new double[dk.length];
        double[] gv = new double[dv.length];
        for (int bi = 0; bi < b; bi++) {
            for (int h = 0; h < nh; h++) {
                for (int i = 0; i < t; i++) {
                    int row = bi * t + i;
                    int s0 = segStart[row];
                    int n = i - s0 + 1;
                    double[] p = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < n; j++) {
                        double dot = 0;
                        for (int d = 0; d < hs; d++) {
                            dot += (double) q[row * c + h * hs + d] * k[(bi * t + s0 + j) * c + h * hs + d];
                        }
                        p[j] = dot * scale;
                        max = Math.max(max, p[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        p[j] = Math.exp(p[j] - max);
                        sum += p[j];
                    }
                    double[] dp = new double[n];
                    double dot = 0;
                    for (int j = 0; j < n; j++) {
                        p[j] /= sum;
                        int vr = (bi * t + s0 + j) * c + h * hs;
                        for (int d = 0; d < hs; d++) {
                            dp[j] += (double) dout[row * c + h * hs + d] * v[vr + d];
                            gv[vr + d] += p[j] * dout[row * c + h * hs + d];
                        }
                        dot += p[j] * dp[j];
                    }
                    for (int j = 0; j < n; j++) {
                        double ds = p[j] * (dp[j] - dot) * scale;
                        int kr = (bi * t + s0 + j) * c + h * hs;
                        for (int d = 0; d < hs; d++) {
                            gq[row * c + h * hs + d] += ds * k[kr + d];
                            gk[kr + d] += ds * q[row * c + h * hs + d];
                        }
                    }
                }
            }
        }
        for (int i = 0; i < dq.length; i++) {
            dq[i] = (float) gq[i];
            dk[i] = (float) gk[i];
            dv[i] = (float) gv[i];
        }
    }
}
