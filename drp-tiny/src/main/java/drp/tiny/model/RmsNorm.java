package drp.tiny.model;

/**
 * RMSNorm: {@code out = x / sqrt(mean(x^2) + eps) * w}. Forward caches {@code rstd} per row for
 * backward.
 */
public final class RmsNorm {

    private RmsNorm() {}

    /** out (N, C), rstd (N) from x (N, C) and w (C) at {@code wOff}. */
    public static void forward(float[] out, float[] rstd, float[] x, float[] w, int wOff, int n, int c, float eps) {
        Parallel.parallelFor(n, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * c;
                double sum = 0;
                for (int i = 0; i < c; i++) {
                    sum += (double) x[o + i] * x[o + i];
                }
                float s = (float) (1.0 / Math.sqrt(sum / c + eps));
                rstd[r] = s;
                for (int i = 0; i < c; i++) {
                    out[o + i] = x[o + i] * s * w[wOff + i];
                }
            }
        });
    }

    /**
     * dx (N, C) += d/dx, dw (C) at {@code dwOff} += d/dw, from dout (N, C), x, w and the cached rstd.
     */
    public static void backward(float[] dx, float[] dw, int dwOff, float[] dout, float[] x, float[] w, int wOff,
                                float[] rstd, int n, int c) {
        Parallel.parallelFor(n, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * c;
                float s = rstd[r];
                double dot = 0; // sum_j w_j dy_j x_j
                for (int i = 0; i < c; i++) {
                    dot += (double) w[wOff + i] * dout[o + i] * x[o + i];
                }
                float k = (float) (dot * s * s * s / c);
                for (int i = 0; i < c; i++) {
                    dx[o + i] += s * w[wOff + i] * dout[o + i] - k * x[o + i];
                }
            }
        });
        // dw sums over rows: each channel is owned by one thread and summed in row order
        Parallel.parallelFor(c, 16, (from, to) -> {
            for (int i = from; i < to; i++) {
                float sum = 0f;
                for (int r = 0; r < n; r++) {
                    sum += dout[r * c + i] * x[r * c + i] * rstd[r];
                }
                dw[dwOff + i] += sum;
            }
        });
    }
}
