package drp.tiny.model;

/**
 * A double-precision reference of the model: the forward pass written as plainly as possible,
 * every layer a small function, nothing cached, nothing fast. Gradient checks differentiate it
 * numerically; forward tests compare the float model with it.
 */
final class ReferenceLlama {

    private ReferenceLlama() {}

    /** The weighted mean loss of {@code batch} under parameters {@code p} (the {@link Parameters} layout). */
    static double loss(LlamaConfig config, Parameters layout, double[] p, Batch batch) {
        double[] logits = logits(config, layout, p, batch);
        return crossEntropy(logits, batch.targets(), batch.weights(), batch.size(), config.vocabSize());
    }

    /** Logits (N, V). */
    static double[] logits(LlamaConfig config, Parameters layout, double[] p, Batch batch) {
        int n = batch.size();
        int c = config.dim();
        int h = config.hiddenDim();
        int v = config.vocabSize();
        double[] x = new double[n * c];
        for (int r = 0; r < n; r++) {
            System.arraycopy(p, layout.embed + batch.tokens()[r] * c, x, r * c, c);
        }
        for (int l = 0; l < config.layers(); l++) {
            double[] xn = rmsNorm(x, p, layout.attnNorm + l * c, n, c, config.rmsEps());
            double[] q = linear(xn, p, layout.wq + l * c * c, n, c, c);
            double[] k = linear(xn, p, layout.wk + l * c * c, n, c, c);
            double[] vv = linear(xn, p, layout.wv + l * c * c, n, c, c);
            rope(q, batch.positions(), n, c, config.headSize(), config.ropeTheta());
            rope(k, batch.positions(), n, c, config.headSize(), config.ropeTheta());
            double[] y = attention(q, k, vv, batch.segStart(), batch.b(), batch.t(), c, config.heads());
            add(x, linear(y, p, layout.wo + l * c * c, n, c, c));
            double[] xn2 = rmsNorm(x, p, layout.ffnNorm + l * c, n, c, config.rmsEps());
            double[] gate = linear(xn2, p, layout.wGate + l * h * c, n, c, h);
            double[] up = linear(xn2, p, layout.wUp + l * h * c, n, c, h);
            add(x, linear(swiGlu(gate, up), p, layout.wDown + l * c * h, n, h, c));
        }
        double[] xf = rmsNorm(x, p, layout.finalNorm, n, c, config.rmsEps());
        return linear(xf, p, layout.lmHead, n, c, v);
    }

    static void add(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            x[i] += y[i];
        }
    }

    /** y (N, out) = x (N, in) · W^T with W (out, in) at {@code off}. */
    static double[] linear(double[] x, double[] w, int off, int n, int in, int out) {
        double[] y = new double[n * out];
        for (int r = 0; r < n; r++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * w[off + o * in + i];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    static double[] rmsNorm(double[] x, double[] w, int off, int n, int c, double eps) {
        double[] y = new double[n * c];
        for (int r = 0; r < n; r++) {
            double ss = 0;
            for (int i = 0; i < c; i++) {
                ss += x[r * c + i] * x[r * c + i];
            }
            double s = 1.0 / Math.sqrt(ss / c + eps);
            for (int i = 0; i < c; i++) {
                y[r * c + i] = x[r * c + i] * s * w[off + i];
            }
        }
        return y;
    }

    static void rope(double[] x, int[] positions, int n, int c, int hs, double theta) {
        int half = hs / 2;
        for (int r = 0; r < n; r++) {
            for (int h = 0; h < c; h += hs) {
                for (int i = 0; i < half; i++) {
                    double angle = positions[r] / Math.pow(theta, 2.0 * i / hs);
                    double x1 = x[r * c + h + i];
                    double x2 = x[r * c + h + i + half];
                    x[r * c + h + i] = x1 * Math.cos(angle) - x2 * Math.sin(angle);
                    x[r * c + h + i + half] = x2 * Math.cos(angle) + x1 * Math.sin(angle);
                }
            }
        }
    }

    static double[] attention(double[] q, double[] k, double[] v, int[] segStart, int b, int t, int c, int nh) {
        int hs = c / nh;
        double[] y = new double[b * t * c];
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
                            dot += q[row * c + h * hs + d] * k[(bi * t + j) * c + h * hs + d];
                        }
                        w[j - s0] = dot / Math.sqrt(hs);
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
                        y[row * c + h * hs + d] = acc;
                    }
                }
            }
        }
        return y;
    }

    static double[] swiGlu(double[] gate, double[] up) {
        double[] y = new double[gate.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
        }
        return y;
    }

    static double crossEntropy(double[] logits, int[] targets, float[] weights, int n, int v) {
        double total = 0;
        double weight = 0;
        for (int r = 0; r < n; r++) {
            if (weights[r] == 0f) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < v; i++) {
                max = Math.max(max, logits[r * v + i]);
            }
            double sum = 0;
            for (int i = 0; i < v; i++) {
                sum += Math.exp(logits[r * v + i] - max);
            }
            total += weights[r] * (Math.log(sum) + max - logits[r * v + targets[r]]);
            weight += weights[r];
        }
        return total / weight;
    }
}
