package drp.tiny.model;

/**
 * Softmax cross-entropy over the vocabulary, weighted per position (weight 0 outside the
 * assistant's reply, so the prompt is context only).
 */
public final class CrossEntropy {

    private CrossEntropy() {}

    /**
     * Turns logits (N, V) into probabilities in place, writes each position's loss
     * {@code -log p[target]} into losses (N) (0 where the weight is 0), and returns the weighted
     * mean loss {@code sum(w * loss) / sum(w)}.
     */
    public static double forward(float[] logitsToProbs, float[] losses, int[] targets, float[] weights, int n, int v) {
        Parallel.parallelFor(n, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * v;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < v; i++) {
                    max = Math.max(max, logitsToProbs[o + i]);
                }
                float targetLogit = logitsToProbs[o + targets[r]];
                double sum = 0;
                for (int i = 0; i < v; i++) {
                    float e = (float) Math.exp(logitsToProbs[o + i] - max);
                    logitsToProbs[o + i] = e;
                    sum += e;
                }
                float inv = (float) (1.0 / sum);
                for (int i = 0; i < v; i++) {
                    logitsToProbs[o + i] *= inv;
                }
                // log-sum-exp form: exact even when p[target] underflows
                losses[r] = weights[r] == 0f ? 0f : (float) (Math.log(sum) + max - targetLogit);
            }
        });
        double total = 0;
        double weight = 0;
        for (int r = 0; r < n; r++) {
            total += (double) weights[r] * losses[r];
            weight += weights[r];
        }
        return weight == 0 ? 0 : total / weight;
    }

    /**
     * Overwrites probs (N, V) with dloss/dlogits for the weighted mean loss:
     * {@code (p - onehot(target)) * w / sum(w)}.
     */
    public static void backward(float[] probsToGrad, int[] targets, float[] weights, int n, int v) {
        double weight = 0;
        for (int r = 0; r < n; r++) {
            weight += weights[r];
        }
        float norm = weight == 0 ? 0f : (float) (1.0 / weight);
        Parallel.parallelFor(n, 16, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r * v;
                float scale = weights[r] * norm;
                if (scale == 0f) {
                    java.util.Arrays.fill(probsToGrad, o, o + v, 0f);
                    continue;
                }
                for (int i = 0; i < v; i++) {
                    probsToGrad[o + i] *= scale;
                }
                probsToGrad[o + targets[r]] -= scale;
            }
        });
    }
}
