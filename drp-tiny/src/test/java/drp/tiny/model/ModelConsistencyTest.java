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
    void prefillGivesTheLogitsAndCacheOfFeedingTokenByToken() {
        Decoder decoder = new Decoder(model());
        int v = CONFIG.vocabSize();
        int[] head = {1, 7, 3};
        int[] prompt = {4, 9, 2, 2, 10, 0, 5, 8, 6};
        // one by one: the head, then the prompt
        KvCache stepped = decoder.newCache();
        float[] expected = new float[v];
        for (int token : concat(head, prompt)) {
            decoder.step(new int[] {token}, new KvCache[] {stepped}, expected);
        }
        // prefilled: the head at once into an empty cache, then the prompt at once after it
        KvCache prefilled = decoder.newCache();
        decoder.prefill(head, prefilled);
        float[] actual = decoder.prefill(prompt, prefilled);

        double worst = 0;
        for (int i = 0; i < v; i++) {
            double diff = Math.abs(actual[i] - expected[i]);
            worst = Math.max(worst, diff);
            assertThat(diff).as("logit %d", i).isLessThanOrEqualTo(1e-6 + 1e-6 * Math.abs(expected[i]));
        }
        System.out.printf("prefill vs token by token: worst logit diff %.2e%n", worst);
        assertThat(prefilled.length()).isEqualTo(stepped.length()).isEqualTo(head.length + prompt.length);
        int positions = prefilled.length();
        for (int l = 0; l < CONFIG.layers(); l++) {
            for (int ch = 0; ch < CONFIG.dim(); ch++) {
                for (int pos = 0; pos < positions; pos++) {
                    int at = ch * prefilled.capacity + pos;
                    assertThat(prefilled.keysT[l][at]).as("key, layer %d channel %d position %d", l, ch, pos)
                            .isCloseTo(stepped.keysT[l][at], org.assertj.core.data.Offset.offset(1e-6f));
                }
            }
            for (int i = 0; i < positions * CONFIG.dim(); i++) {
                assertThat(prefilled.values[l][i]).as("value, layer %d element %d", l, i)
                        .isCloseTo(stepped.values[l][i], org.assertj.core.data.Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void aSequencesLogitsDoNotDependOnWhatSharesThePass() {
        Decoder decoder = new Decoder(model());
        int v = CONFIG.vocabSize();
        int[] prompt = {3, 1, 4, 1, 5};
        float[] alone = decoder.prefill(prompt, decoder.newCache());
        // the same prompt prefilled next to another sequence's prefill and a third's decoding step
        KvCache decoding = decoder.newCache();
        decoder.prefill(new int[] {2, 7}, decoding);
        float[] shared = new float[3 * v];
        decoder.append(new int[][] {{9, 9, 8}, prompt, {6}},
                new KvCache[] {decoder.newCache(), decoder.newCache(), decoding}, shared, null);
        assertThat(Arrays.copyOfRange(shared, v, 2 * v)).as("bit for bit").isEqualTo(alone);
        assertThat(Arrays.copyOfRange(shared, 0, v)).isNotEqualTo(alone);
    }

    @Test
    void aPassThatWouldOutgrowTheContextIsRefused() {
        Decoder decoder = new Decoder(model());
        KvCache cache = decoder.newCache();
        decoder.prefill(new int[CONFIG.contextLength() - 2], cache);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder.prefill(new int[3], cache))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("context length 16");
        assertThat(cache.length()).as("nothing appended").isEqualTo(CONFIG.contextLength() - 2);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
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
