package drp.tiny.bench;

import drp.tiny.model.Activations;
import drp.tiny.model.Batch;
import drp.tiny.model.Llama;
import drp.tiny.model.LlamaConfig;
import drp.tiny.model.MatMul;
import drp.tiny.model.Parallel;
import drp.tiny.model.Parameters;
import drp.tiny.train.AdamW;
import java.util.SplittableRandom;

/**
 * Training throughput of drp-tiny on the same model and batch as bench/tiny_train_bench.py:
 * random tokens, one full-length causal sequence per row, loss on every position, forward +
 * backward + AdamW. Prints tokens per second after warm-up steps.
 *
 * <p>{@code java --add-modules jdk.incubator.vector -cp ... drp.tiny.bench.TrainingThroughput
 * [steps] [warmup] [B] [T]}
 */
public final class TrainingThroughput {

    private TrainingThroughput() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int b = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int t = args.length > 3 ? Integer.parseInt(args[3]) : 512;
        LlamaConfig config = new LlamaConfig(993, 128, 4, 8, 352, 512, 10000f, 1e-5f, false);
        Llama model = Llama.initialize(config, 1);
        SplittableRandom rng = new SplittableRandom(1);
        int n = b * t;
        int[] tokens = new int[n];
        int[] targets = new int[n];
        float[] weights = new float[n];
        int[] positions = new int[n];
        int[] segStart = new int[n];
        for (int i = 0; i < n; i++) {
            tokens[i] = rng.nextInt(config.vocabSize());
            targets[i] = rng.nextInt(config.vocabSize());
            weights[i] = 1f;
            positions[i] = i % t;
            segStart[i] = 0;
        }
        Batch batch = new Batch(b, t, tokens, targets, weights, positions, segStart);
        Activations activations = new Activations(config, b, t);
        Parameters grads = model.parameters().zerosLike();
        AdamW adam = new AdamW(model.parameters(), 0.9f, 0.95f, 1e-8f, 0.1f);
        System.out.printf("drp-tiny training throughput: %,d parameters, B=%d T=%d, %d threads, %s, %s%n",
                config.parameterCount(), b, t, Parallel.threads(), MatMul.describe(), Runtime.version());
        long start = 0;
        for (int step = 0; step < warmup + steps; step++) {
            if (step == warmup) {
                start = System.nanoTime();
            }
            long s0 = System.nanoTime();
            double loss = model.forward(batch, activations);
            Llama.zeroGrad(grads);
            model.backward(batch, activations, grads);
            adam.update(model.parameters(), grads, 1e-3f, 1f);
            System.out.printf("step %2d%s loss %.4f  %.0f ms%n", step + 1, step < warmup ? " (warm-up)" : "", loss,
                    (System.nanoTime() - s0) / 1e6);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("tokens/s: %.0f (%d steps of %d tokens in %.2f s)%n", (double) steps * n / seconds, steps, n, seconds);
    }
}
