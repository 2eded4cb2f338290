package drp.tiny.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every parameter of the model in one flat array, as an ordered list of named tensors (llm.c's
 * {@code ParameterTensors}). Gradients and the AdamW moments use the same class and layout, so
 * "for each parameter" is a loop over one array and "for each tensor" a loop over one list.
 *
 * <p>Linear weights are stored as HuggingFace stores them, {@code (out, in)} row-major.
 */
public final class Parameters {

    /** A named slice of the flat array. */
    public record Tensor(String name, int offset, int[] shape) {
        public int size() {
            int size = 1;
            for (int d : shape) {
                size *= d;
            }
            return size;
        }
    }

    public final LlamaConfig config;
    public final float[] data;
    private final List<Tensor> tensors;

    // offsets of the tensors, in the order they are listed
    public final int embed;      // (V, C)
    public final int attnNorm;   // (L, C)
    public final int wq;         // (L, C, C)
    public final int wk;         // (L, C, C)
    public final int wv;         // (L, C, C)
    public final int wo;         // (L, C, C)
    public final int ffnNorm;    // (L, C)
    public final int wGate;      // (L, H, C)
    public final int wUp;        // (L, H, C)
    public final int wDown;      // (L, C, H)
    public final int finalNorm;  // (C)
    public final int lmHead;     // (V, C); equal to embed when tied

    public Parameters(LlamaConfig config) {
        this.config = config;
        int v = config.vocabSize();
        int c = config.dim();
        int l = config.layers();
        int h = config.hiddenDim();
        List<Tensor> list = new ArrayList<>();
        int[] next = {0};
        embed = add(list, next, "embed", v, c);
        attnNorm = add(list, next, "attn_norm", l, c);
        wq = add(list, next, "wq", l, c, c);
        wk = add(list, next, "wk", l, c, c);
        wv = add(list, next, "wv", l, c, c);
        wo = add(list, next, "wo", l, c, c);
        ffnNorm = add(list, next, "ffn_norm", l, c);
        wGate = add(list, next, "w_gate", l, h, c);
        wUp = add(list, next, "w_up", l, h, c);
        wDown = add(list, next, "w_down", l, c, h);
        finalNorm = add(list, next, "final_norm", c);
        lmHead = config.tiedEmbeddings() ? embed : add(list, next, "lm_head", v, c);
        this.tensors = Collections.unmodifiableList(list);
        this.data = new float[next[0]];
    }

    private static int add(List<Tensor> list, int[] next, String name, int... shape) {
        Tensor tensor = new Tensor(name, next[0], shape);
        list.add(tensor);
        next[0] += tensor.size();
        return tensor.offset();
    }

    /** The tensors in layout order. */
    public List<Tensor> tensors() {
        return tensors;
    }

    public Tensor tensor(String name) {
        for (Tensor tensor : tensors) {
            if (tensor.name().equals(name)) {
                return tensor;
            }
        }
        throw new IllegalArgumentException("no tensor named " + name);
    }

    public int size() {
        return data.length;
    }

    /** A zeroed array with the same layout (gradients, moments). */
    public Parameters zerosLike() {
        return new Parameters(config);
    }

    /** Whether a tensor is a norm weight (no weight decay, initialized to one). */
    public static boolean isNorm(Tensor tensor) {
        return tensor.name().endsWith("norm");
    }

    /** A deep copy. */
    public Parameters copy() {
        Parameters copy = new Parameters(config);
        System.arraycopy(data, 0, copy.data, 0, data.length);
        return copy;
    }

    /**
     * Initializes like GPT-2/llm.c: normal(0, 0.02) for matrices, residual output projections scaled
     * by 1/sqrt(2L), norm weights one; seeded by {@code seed}.
     */
    public void initialize(long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        double residualScale = 1.0 / Math.sqrt(2.0 * config.layers());
        for (Tensor tensor : tensors) {
            if (isNorm(tensor)) {
                java.util.Arrays.fill(data, tensor.offset(), tensor.offset() + tensor.size(), 1f);
                continue;
            }
            double std = 0.02;
            if (tensor.name().equals("wo") || tensor.name().equals("w_down")) {
                std *= residualScale;
            }
            for (int i = 0; i < tensor.size(); i++) {
                data[tensor.offset() + i] = (float) (gaussian(rng) * std);
            }
        }
    }

    /** Box-Muller from the rng's doubles: specified, so the same on every JDK. */
    private static double gaussian(java.util.SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }
}
