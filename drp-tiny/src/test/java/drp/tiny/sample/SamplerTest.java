package drp.tiny.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.random.SplitMix64;
import drp.tiny.TinyFixtures;
import drp.tiny.model.Decoder;
import drp.tiny.model.KvCache;
import drp.tiny.model.Llama;
import drp.tiny.token.ChatFormat;
import drp.tiny.world.WordProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplerTest {

    private final Llama model = TinyFixtures.randomModel(32, 2, 4, 48, false, 11, 3f);
    private final ChatFormat chat = TinyFixtures.chat();

    private List<int[]> prompts(int n) {
        List<int[]> prompts = new ArrayList<>();
        for (WordProblem p : TinyFixtures.problems(n)) {
            prompts.add(chat.prompt(p.question()));
        }
        return prompts;
    }

    private List<Completion> generate(int slots, int stopToken, List<int[]> prompts, SamplingOptions options) {
        try (Sampler sampler = new Sampler(model, stopToken, slots)) {
            return sampler.generate(prompts, options);
        }
    }

    @Test
    void batchedGreedyEqualsOneAtATime() {
        List<int[]> prompts = prompts(5);
        SamplingOptions greedy = SamplingOptions.greedy(12);
        List<Completion> batched = generate(4, chat.endOfReply(), prompts, greedy);
        for (int i = 0; i < prompts.size(); i++) {
            Completion alone = generate(1, chat.endOfReply(), List.of(prompts.get(i)), greedy).getFirst();
            assertThat(batched.get(i).tokens()).as("prompt %d", i).isEqualTo(alone.tokens());
        }
    }

    /** The engine against the plainest sampler: the decoder fed token by token and the same picks. */
    @Test
    void aSequenceIsTheDecoderFedTokenByTokenWithTheGeneratorOfItsSeedAndIndex() {
        int[] prompt = prompts(1).getFirst();
        SamplingOptions options = new SamplingOptions(1f, 0.9f, 20, 42);
        int index = 3;
        Decoder decoder = new Decoder(model);
        KvCache cache = decoder.newCache();
        SplittableRandom rng = new SplittableRandom(SplitMix64.seed(42, index));
        float[] logits = new float[model.config().vocabSize()];
        for (int token : prompt) {
            decoder.step(new int[] {token}, new KvCache[] {cache}, logits);
        }
        List<Integer> expected = new ArrayList<>();
        for (int token = Sampler.pick(logits, 0, logits.length, options, rng); expected.size() < 20
                && token != chat.endOfReply(); token = Sampler.pick(logits, 0, logits.length, options, rng)) {
            expected.add(token);
            decoder.step(new int[] {token}, new KvCache[] {cache}, logits);
        }
        try (Sampler sampler = new Sampler(model, chat.endOfReply(), 4)) {
            Completion completion = sampler.submit(prompt, options, index, token -> true).join();
            assertThat(completion.tokens()).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
            assertThat(completion.tokens()).hasSizeGreaterThan(3); // the comparison says something
        }
    }

    @Test
    void seededSamplingIsReproducibleAndDependsOnTheSeed() {
        List<int[]> prompts = prompts(4);
        SamplingOptions options = new SamplingOptions(1.0f, 0.9f, 16, 42);
        List<Completion> a = generate(3, chat.endOfReply(), prompts, options);
        List<Completion> b = generate(2, chat.endOfReply(), prompts, options);
        List<Completion> c = generate(3, chat.endOfReply(), prompts, options.withSeed(43));
        for (int i = 0; i < prompts.size(); i++) {
            assertThat(a.get(i).tokens()).isEqualTo(b.get(i).tokens());
        }
        assertThat(a.stream().map(x -> Arrays.toString(x.tokens())).toList())
                .isNotEqualTo(c.stream().map(x -> Arrays.toString(x.tokens())).toList());
    }

    /**
     * A sequence's tokens do not depend on what shares its passes or on when it is admitted: the same
     * sequence alone, first among many, and admitted late while others are half-way.
     */
    @Test
    void aSequenceIsTheSameAloneAmongOthersAndAdmittedLate() throws Exception {
        List<int[]> prompts = prompts(12);
        int[] mine = prompts.getFirst();
        SamplingOptions options = new SamplingOptions(1.0f, 0.95f, 40, 9);
        Completion alone;
        try (Sampler sampler = new Sampler(model, -1, 1)) {
            alone = sampler.submit(mine, options, 5, token -> true).join();
        }
        try (Sampler sampler = new Sampler(model, -1, 6)) {
            CompletableFuture<Completion> first = sampler.submit(mine, options, 5, token -> true);
            CountDownLatch halfWay = new CountDownLatch(1);
            List<CompletableFuture<Completion>> others = new ArrayList<>();
            for (int i = 1; i < prompts.size(); i++) {
                AtomicInteger count = new AtomicInteger();
                others.add(sampler.submit(prompts.get(i), options.withSeed(100 + i), i, token -> {
                    if (count.incrementAndGet() == 20) {
                        halfWay.countDown();
                    }
                    return true;
                }));
            }
            assertThat(halfWay.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Completion> late = sampler.submit(mine, options, 5, token -> true);
            assertThat(first.join().tokens()).isEqualTo(alone.tokens());
            assertThat(late.join().tokens()).isEqualTo(alone.tokens());
            assertThat(others.getFirst().join().tokens()).isNotEqualTo(alone.tokens());
        }
    }

    @Test
    void lengthLimitIsReported() {
        Completion c = generate(1, -1, prompts(1), SamplingOptions.greedy(5)).getFirst();
        assertThat(c.tokens()).hasSize(5);
        assertThat(c.finishReason()).isEqualTo(Completion.LENGTH);
    }

    @Test
    void theListenerSeesEveryTokenAndCanStopTheSequence() {
        try (Sampler sampler = new Sampler(model, -1, 2)) {
            List<Integer> seen = new ArrayList<>();
            Completion c = sampler.submit(prompts(1).getFirst(), SamplingOptions.greedy(30), 0, token -> {
                seen.add(token);
                return seen.size() < 7;
            }).join();
            assertThat(c.tokens()).hasSize(7).containsExactly(seen.stream().mapToInt(Integer::intValue).toArray());
            assertThat(c.finishReason()).isEqualTo(Completion.STOP);
        }
    }

    @Test
    void cancellingASequenceFreesItsSlot() throws Exception {
        try (Sampler sampler = new Sampler(model, -1, 1)) {
            CountDownLatch firstToken = new CountDownLatch(1);
            CountDownLatch cancelled = new CountDownLatch(1);
            AtomicInteger generated = new AtomicInteger();
            CompletableFuture<Completion> endless = sampler.submit(prompts(1).getFirst(), SamplingOptions.greedy(400), 0,
                    token -> {
                        if (generated.incrementAndGet() == 1) {
                            firstToken.countDown();
                            await(cancelled);
                        }
                        return true;
                    });
            CompletableFuture<Completion> next = sampler.submit(prompts(2).get(1), SamplingOptions.greedy(3), 0, token -> true);
            assertThat(firstToken.await(30, TimeUnit.SECONDS)).isTrue();
            endless.cancel(false);
            cancelled.countDown();
            assertThat(next.get(30, TimeUnit.SECONDS).tokens()).hasSize(3);
            assertThat(endless).isCancelled();
            assertThat(generated.get()).as("tokens of the cancelled sequence").isEqualTo(1);
        }
    }

    @Test
    void closingCancelsWhatIsLeftAndRefusesMore() throws Exception {
        Sampler sampler = new Sampler(model, -1, 1);
        CountDownLatch firstToken = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Completion> decoding = sampler.submit(prompts(1).getFirst(), SamplingOptions.greedy(400), 0,
                token -> {
                    firstToken.countDown();
                    await(release);
                    return true;
                });
        CompletableFuture<Completion> waiting = sampler.submit(prompts(2).get(1), SamplingOptions.greedy(3), 0, token -> true);
        assertThat(firstToken.await(30, TimeUnit.SECONDS)).isTrue();
        Thread closer = Thread.ofVirtual().start(sampler::close);
        while (closer.getState() != Thread.State.WAITING && closer.isAlive()) {
            Thread.onSpinWait(); // until close() waits for the decoding thread, which is held in the listener
        }
        release.countDown();
        closer.join(30_000);
        assertThat(closer.isAlive()).isFalse();
        assertThatThrownBy(decoding::join).isInstanceOf(CancellationException.class);
        assertThatThrownBy(waiting::join).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> sampler.submit(prompts(1).getFirst(), SamplingOptions.greedy(3), 0, token -> true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        sampler.close(); // twice is harmless
    }

    @Test
    void topPKeepsOnlyTheNucleus() {
        float[] logits = {5f, 4f, -10f, -10f};
        SplittableRandom rng = new SplittableRandom(1);
        SamplingOptions nucleus = new SamplingOptions(1f, 0.5f, 1, 0);
        for (int i = 0; i < 200; i++) {
            assertThat(Sampler.pick(logits, 0, 4, nucleus, rng)).isZero();
        }
        SamplingOptions wide = new SamplingOptions(1f, 1f, 1, 0);
        boolean sawSecond = false;
        for (int i = 0; i < 200; i++) {
            sawSecond |= Sampler.pick(logits, 0, 4, wide, rng) == 1;
        }
        assertThat(sawSecond).isTrue();
        assertThat(Sampler.pick(logits, 0, 4, SamplingOptions.greedy(1), rng)).isZero();
    }

    /**
     * The nucleus found among the likely tokens only is the nucleus of the whole sorted vocabulary:
     * the same token as the plain pick (sort everything) for the same generator, draw after draw.
     */
    @ParameterizedTest(name = "temperature {0}, top-p {1}")
    @CsvSource({"0.6, 0.95", "1.0, 0.9", "1.5, 0.99", "0.3, 0.5", "1.0, 1.0"})
    void pickEqualsThePlainPickThatSortsTheWholeVocabulary(float temperature, float topP) {
        SplittableRandom logitsRng = new SplittableRandom(17);
        SamplingOptions options = new SamplingOptions(temperature, topP, 1, 0);
        int vocab = 987;
        float[] logits = new float[vocab];
        int differentTokens = 0;
        int previous = -1;
        for (int draw = 0; draw < 300; draw++) {
            for (int i = 0; i < vocab; i++) {
                logits[i] = (float) (logitsRng.nextGaussian() * (1 + draw % 7));
            }
            logits[draw % vocab] = logits[(draw * 13) % vocab]; // a tie now and then
            int token = Sampler.pick(logits, 0, vocab, options, new SplittableRandom(draw));
            assertThat(token).as("draw %d", draw).isEqualTo(plainPick(logits, vocab, options, new SplittableRandom(draw)));
            differentTokens += token != previous ? 1 : 0;
            previous = token;
        }
        assertThat(differentTokens).as("the draws are not all the same token").isGreaterThan(100);
    }

    /** The reference: sorts the whole vocabulary by probability for every pick. */
    private static int plainPick(float[] logits, int vocab, SamplingOptions options, SplittableRandom rng) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            max = Math.max(max, logits[i]);
        }
        double[] probs = new double[vocab];
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            probs[i] = Math.exp((logits[i] - max) / options.temperature());
            sum += probs[i];
        }
        Integer[] order = new Integer[vocab];
        for (int i = 0; i < vocab; i++) {
            order[i] = i;
            probs[i] /= sum;
        }
        int keep = vocab;
        if (options.topP() < 1f) {
            Arrays.sort(order, (a, b) -> probs[b] != probs[a] ? Double.compare(probs[b], probs[a]) : Integer.compare(a, b));
            double cumulative = 0;
            for (int i = 0; i < vocab; i++) {
                cumulative += probs[order[i]];
                if (cumulative >= options.topP()) {
                    keep = i + 1;
                    break;
                }
            }
        }
        double mass = 0;
        for (int i = 0; i < keep; i++) {
            mass += probs[order[i]];
        }
        double r = rng.nextDouble() * mass;
        for (int i = 0; i < keep; i++) {
            r -= probs[order[i]];
            if (r < 0) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> new SamplingOptions(-1f, 1f, 1, 0)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> new SamplingOptions(1f, 0f, 1, 0)).hasMessageContaining("topP");
        assertThatThrownBy(() -> generate(1, 2, List.of(new int[0]), SamplingOptions.greedy(1)))
                .hasMessageContaining("prompt 0");
        try (Sampler sampler = new Sampler(model, 2, 1)) {
            assertThatThrownBy(() -> sampler.submit(new int[512], SamplingOptions.greedy(1), 0, token -> true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512 tokens");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
