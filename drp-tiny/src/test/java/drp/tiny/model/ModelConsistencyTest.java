package drp.tiny.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The float model against the double reference, the decoder against the training forward, and
 * results that must not depend on the thread count.
 */
class ModelConsistencyTest {

    private static final LlamaConfig CONFIG = new LlamaConfig(11, 16, 2, 2, 24, 16, 10000f, 1e-5f, false);

    private static Llama model() {
        Llama model = Llama.initialize(CONFIG, 3);
        float[] p = model.parameters().data;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) ((rng.nextDouble() * 2 - 1) * 0.2);
        }
        return model;
    }

    @Test
    void forwardMatchesTheDoubleReference() {
        Llama model = model();
        Batch batch = GradientCheckTest.tinyBatch();
        Activations a = new Activations(CONFIG, batch.b(), batch.t());
        double loss = model.forward(batch, a);
        double reference = ReferenceLlama.loss(CONFIG, model.parameters(), GradientCheck.toDouble(model.parameters().data), batch);
        System.out.printf("loss: float %.9f, double reference %.9f%n", loss, reference);
        assertThat(loss).isCloseTo(reference, org.assertj.core.data.Offset.offset(1e-5 * Math.abs(reference)));
    }

    @Test
    void decoderGivesTheTrainingForwardLogits() {
        Llama model = model();
        Batch batch = GradientCheckTest.tinyBatch();
        double[] reference = ReferenceLlama.logits(CONFIG, model.parameters(), GradientCheck.toDouble(model.parameters().data), batch);
        Decoder decoder = new Decoder(model);
        int v = CONFIG.vocabSize();
        // row 0 holds two sequences: positions 0-3 and 4-5; decode each with its own cache, together
        KvCache first = decoder.newCache();
        KvCache second = decoder.newCache();
        float[] logits = new float[2 * v];
        double worst = 0;
        int[][] steps = {{0, 4}, {1, 5}, {2, -1}, {3, -1}};
        for (int[] step : steps) {
            boolean both = step[1] >= 0;
            int[] tokens = both ? new int[] {batch.tokens()[step[0]], batch.tokens()[step[1]]} : new int[] {batch.tokens()[step[0]]};
            KvCache[] caches = both ? new KvCache[] {first, second} : new KvCache[] {first};
            decoder.step(tokens, caches, logits);
            for (int s = 0; s < tokens.length; s++) {
                int row = step[s];
                for (int i = 0; i < v; i++) {
                    double diff = Math.abs(logits[s * v + i] - reference[row * v + i]);
                    worst = Math.max(worst, diff);
                    assertThat(diff).as("logit %d at row %d", i, row).isLessThan(1e-4 + 1e-4 * Math.abs(reference[row * v + i]));
                }
            }
        }
        System.out.printf("decoder vs double reference: worst logit diff %.2e%n", worst);
    }

    @Test
    void trainingStepIsTheSameWithOneOrManyThreads() {
        float[][] results = new float[2][];
        for (int run = 0; run < 2; run++) {
            int threads = run == 0 ? 1 : 4;
            int index = run;
            Parallel.withThreads(threads, () -> {
                Llama model = model();
                Batch batch = GradientCheckTest.tinyBatch();
                Activations a = new Activations(CONFIG, batch.b(), batch.t());
                Parameters grads = model.parameters().zerosLike();
                model.forward(batch, a);
                model.backward(batch, a, grads);
                results[index] = grads.data;
            });
        }
        assertThat(Arrays.equals(results[0], results[1])).as("gradients with 1 and 4 threads, bit for bit").isTrue();
    }
}
