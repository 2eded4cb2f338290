package drp.tiny.model;

/** SwiGLU's gate: {@code out = silu(gate) * up}, with {@code silu(g) = g * sigmoid(g)}. */
public final class SwiGlu {

    private SwiGlu() {}

    /** out (N) from gate (N) and up (N). */
    public static void forward(float[] out, float[] gate, float[] up, int n) {
        Parallel.parallelFor(n, 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                float g = gate[i];
                out[i] = g / (1f + (float) Math.exp(-g)) * up[i];
            }
        });
    }

    /** dgate, dup (N) from dout and the forward inputs (overwritten, not accumulated). */
    public static void backward(float[] dgate, float[] dup, float[] dout, float[] gate, float[] up, int n) {
        Parallel.parallelFor(n, 4096, (from, to) -> {
            for (int i = from; i < to; i++) {
                float g = gate[i];
                float sig = 1f / (1f + (float) Math.exp(-g));
                float silu = g * sig;
                dup[i] = dout[i] * silu;
                dgate[i] = dout[i] * up[i] * sig * (1f + g * (1f - sig));
            }
        });
    }
}
