package drp.tiny.model;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every layer's backward, and the whole model's, against central finite differences of the
 * double-precision reference ({@link ReferenceLlama}). Inputs are float values, so the reference
 * is evaluated at exactly the points the float code sees.
 */
class GradientCheckTest {

    private static final double EPS = 1e-5;
    private static final double TOLERANCE = 1e-3;

    private final SplittableRandom rng = new SplittableRandom(42);

    private float[] random(int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        return x;
    }

    private static double dot(double[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void rmsNorm() {
        int n = 5;
        int c = 8;
        float[] x = random(n * c, 1.5);
        float[] w = random(c, 1.0);
        float[] dout = random(n * c, 1.0);
        float[] out = new float[n * c];
        float[] rstd = new float[n];
        RmsNorm.forward(out, rstd, x, w, 0, n, c, 1e-5f);
        float[] dx = new float[n * c];
        float[] dw = new float[c];
        RmsNorm.backward(dx, dw, 0, dout, x, w, 0, rstd, n, c);
        double[] wd = GradientCheck.toDouble(w);
        double[] xd = GradientCheck.toDouble(x);
        GradientCheck.assertClose("rmsnorm dx", dx, 0,
                GradientCheck.numeric(p -> dot(ReferenceLlama.rmsNorm(p, wd, 0, n, c, 1e-5), dout), xd, EPS), TOLERANCE);
        GradientCheck.assertClose("rmsnorm dw", dw, 0,
                GradientCheck.numeric(p -> dot(ReferenceLlama.rmsNorm(xd, p, 0, n, c, 1e-5), dout), wd, EPS), TOLERANCE);
    }

    @Test
    void rope() {
        LlamaConfig config = new LlamaConfig(10, 8, 1, 2, 12, 16, 10000f, 1e-5f, false);
        int n = 6;
        int c = 8;
        int[] positions = {0, 1, 2, 3, 0, 11};
        float[] dout = random(n * c, 1.0);
        float[] dx = dout.clone();
        new Rope(config).backward(dx, positions, n, c);
        double[] xd = GradientCheck.toDouble(random(n * c, 1.0));
        GradientCheck.assertClose("rope dx", dx, 0, GradientCheck.numeric(p -> {
            double[] y = p.clone();
            ReferenceLlama.rope(y, positions, n, c, 4, 10000);
            return dot(y, dout);
        }, xd, EPS), TOLERANCE);
    }

    @Test
    void attention() {
        int b = 2;
        int t = 5;
        int c = 8;
        int nh = 2;
        int[] segStart = {0, 0, 0, 3, 3, /* row 2 */ 0, 0, 0, 0, 0};
        float[] q = random(b * t * c, 1.0);
        float[] k = random(b * t * c, 1.0);
        float[] v = random(b * t * c, 1.0);
        float[] dout = random(b * t * c, 1.0);
        float[] out = new float[b * t * c];
        float[] att = new float[b * nh * t * t];
        Attention.forward(out, att, q, k, v, segStart, b, t, c, nh);
        float[] dq = new float[q.length];
        float[] dk = new float[k.length];
        float[] dv = new float[v.length];
        Attention.backward(dq, dk, dv, dout, att, q, k, v, segStart, b, t, c, nh);
        double[] qd = GradientCheck.toDouble(q);
        double[] kd = GradientCheck.toDouble(k);
        double[] vd = GradientCheck.toDouble(v);
        GradientCheck.assertClose("attention dq", dq, 0, GradientCheck.numeric(
                p -> dot(ReferenceLlama.attention(p, kd, vd, segStart, b, t, c, nh), dout), qd, EPS), TOLERANCE);
        GradientCheck.assertClose("attention dk", dk, 0, GradientCheck.numeric(
                p -> dot(ReferenceLlama.attention(qd, p, vd, segStart, b, t, c, nh), dout), kd, EPS), TOLERANCE);
        GradientCheck.assertClose("attention dv", dv, 0, GradientCheck.numeric(
                p -> dot(ReferenceLlama.attention(qd, kd, p, segStart, b, t, c, nh), dout), vd, EPS), TOLERANCE);
    }

    @Test
    void swiGlu() {
        int n = 40;
        float[] gate = random(n, 3.0);
        float[] up = random(n, 2.0);
        float[] dout = random(n, 1.0);
        float[] dgate = new float[n];
        float[] dup = new float[n];
        SwiGlu.backward(dgate, dup, dout, gate, up, n);
        double[] gd = GradientCheck.toDouble(gate);
        double[] ud = GradientCheck.toDouble(up);
        GradientCheck.assertClose("swiglu dgate", dgate, 0,
                GradientCheck.numeric(p -> dot(ReferenceLlama.swiGlu(p, ud), dout), gd, EPS), TOLERANCE);
        GradientCheck.assertClose("swiglu dup", dup, 0,
                GradientCheck.numeric(p -> dot(ReferenceLlama.swiGlu(gd, p), dout), ud, EPS), TOLERANCE);
    }

    @Test
    void crossEntropy() {
        int n = 4;
        int v = 7;
        float[] logits = random(n * v, 3.0);
        int[] targets = {1, 6, 0, 3};
        float[] weights = {1f, 0f, 1f, 1f};
        double[] ld = GradientCheck.toDouble(logits);
        float[] probs = logits.clone();
        CrossEntropy.forward(probs, new float[n], targets, weights, n, v);
        CrossEntropy.backward(probs, targets, weights, n, v);
        GradientCheck.assertClose("cross-entropy dlogits", probs, 0,
                GradientCheck.numeric(p -> ReferenceLlama.crossEntropy(p, targets, weights, n, v), ld, EPS), TOLERANCE);
    }

    @Test
    void linear() {
        int n = 6;
        int in = 5;
        int out = 7;
        float[] x = random(n * in, 1.0);
        float[] w = random(out * in, 1.0);
        float[] dout = random(n * out, 1.0);
        // as in Llama.backward: dx = dout · W, dW += dout^T · x
        float[] dx = new float[n * in];
        float[] dw = new float[out * in];
        MatMul.matmul(dx, 0, in, dout, 0, out, 1, w, 0, in, n, out, in, false);
        MatMul.matmul(dw, 0, in, dout, 0, 1, out, x, 0, in, out, n, in, true);
        double[] xd = GradientCheck.toDouble(x);
        double[] wd = GradientCheck.toDouble(w);
        GradientCheck.assertClose("linear dx", dx, 0,
                GradientCheck.numeric(p -> dot(ReferenceLlama.linear(p, wd, 0, n, in, out), dout), xd, EPS), TOLERANCE);
        GradientCheck.assertClose("linear dW", dw, 0,
                GradientCheck.numeric(p -> dot(ReferenceLlama.linear(xd, p, 0, n, in, out), dout), wd, EPS), TOLERANCE);
    }

    @Test
    void embedding() {
        int c = 4;
        int v = 5;
        int[] tokens = {3, 1, 3, 0};
        float[] dout = random(tokens.length * c, 1.0);
        float[] dembed = new float[v * c];
        Embedding.backward(dembed, 0, dout, tokens, tokens.length, c);
        double[] ed = GradientCheck.toDouble(random(v * c, 1.0));
        GradientCheck.assertClose("embedding", dembed, 0, GradientCheck.numeric(p -> {
            double s = 0;
            for (int r = 0; r < tokens.length; r++) {
                for (int i = 0; i < c; i++) {
                    s += p[tokens[r] * c + i] * dout[r * c + i];
                }
            }
            return s;
        }, ed, EPS), TOLERANCE);
    }

    @Test
    void wholeModelUntied() {
        wholeModel(false);
    }

    @Test
    void wholeModelTied() {
        wholeModel(true);
    }

    private void wholeModel(boolean tied) {
        LlamaConfig config = new LlamaConfig(11, 8, 2, 2, 12, 16, 10000f, 1e-5f, tied);
        Llama model = Llama.initialize(config, 7);
        // larger weights than the initialization so every path carries signal
        float[] p = model.parameters().data;
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) ((rng.nextDouble() * 2 - 1) * 0.3);
        }
        Batch batch = tinyBatch();
        Activations a = new Activations(config, batch.b(), batch.t());
        model.forward(batch, a);
        Parameters grads = model.parameters().zerosLike();
        Llama.zeroGrad(grads);
        model.backward(batch, a, grads);
        double[] pd = GradientCheck.toDouble(p);
        double[] numeric = GradientCheck.numeric(x -> ReferenceLlama.loss(config, model.parameters(), x, batch), pd, EPS);
        for (Parameters.Tensor tensor : model.parameters().tensors()) {
            GradientCheck.assertClose("model " + (tied ? "tied " : "untied ") + tensor.name(), grads.data, tensor.offset(),
                    Arrays.copyOfRange(numeric, tensor.offset(), tensor.offset() + tensor.size()), TOLERANCE);
        }
    }

    /** Two rows of 6: row 0 packs sequences of 4 and 2, row 1 one sequence of 5 and a padding slot. */
    static Batch tinyBatch() {
        int[] tokens = {1, 4, 5, 6, 1, 7, /* row 1 */ 1, 8, 9, 10, 2, 3};
        int[] targets = {4, 5, 6, 2, 7, 2, /* row 1 */ 8, 9, 10, 2, 3, 3};
        float[] weights = {0, 1, 1, 1, 1, 1, /* row 1 */ 0, 0, 1, 1, 1, 0};
        int[] positions = {0, 1, 2, 3, 0, 1, /* row 1 */ 0, 1, 2, 3, 4, 0};
        int[] segStart = {0, 0, 0, 0, 4, 4, /* row 1 */ 0, 0, 0, 0, 0, 5};
        return new Batch(2, 6, tokens, targets, weights, positions, segStart);
    }
}
