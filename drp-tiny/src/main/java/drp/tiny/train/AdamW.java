package drp.tiny.train;

import drp.tiny.model.Parameters;

/**
 * AdamW (Loshchilov and Hutter) with decoupled weight decay on matrices only, in one loop over
 * the flat parameter array (llm.c's {@code gpt2_update}).
 */
public final class AdamW {

    private final Parameters m; // first moments, same layout as the parameters
    private final Parameters v; // second moments
    private final boolean[] decays; // per tensor
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private int t;

    public AdamW(Parameters params, float beta1, float beta2, float epsilon, float weightDecay) {
        this.m = params.zerosLike();
        this.v = params.zerosLike();
        this.decays = new boolean[params.tensors().size()];
        for (int i = 0; i < decays.length; i++) {
            decays[i] = !Parameters.isNorm(params.tensors().get(i));
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** The global L2 norm of {@code grads}, summed in a fixed order. */
    public static double norm(Parameters grads) {
        double sum = 0;
        for (float g : grads.data) {
            sum += (double) g * g;
        }
        return Math.sqrt(sum);
    }

    /** One update with learning rate {@code lr}; gradients are multiplied by {@code gradScale} (clipping). */
    public void update(Parameters params, Parameters grads, float lr, float gradScale) {
        t++;
        float correction1 = (float) (1.0 - Math.pow(beta1, t));
        float correction2 = (float) (1.0 - Math.pow(beta2, t));
        float[] p = params.data;
        float[] g = grads.data;
        float[] mm = m.data;
        float[] vv = v.data;
        for (int ti = 0; ti < decays.length; ti++) {
            Parameters.Tensor tensor = params.tensors().get(ti);
            float decay = decays[ti] ? weightDecay : 0f;
            int end = tensor.offset() + tensor.size();
            for (int i = tensor.offset(); i < end; i++) {
                float grad = g[i] * gradScale;
                // first moment
                float mi = beta1 * mm[i] + (1f - beta1) * grad;
                // second moment
                float vi = beta2 * vv[i] + (1f - beta2) * grad * grad;
                mm[i] = mi;
                vv[i] = vi;
                // bias correction
                float mHat = mi / correction1;
                float vHat = vi / correction2;
                // step with decoupled weight decay
                p[i] -= lr * (mHat / ((float) Math.sqrt(vHat) + epsilon) + decay * p[i]);
            }
        }
    }
}
