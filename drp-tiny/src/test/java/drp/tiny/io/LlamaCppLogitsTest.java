package drp.tiny.io;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.CacheType;
import de.kherud.llama.args.LogFormat;
import de.kherud.llama.args.PoolingType;
import drp.tiny.TinyFixtures;
import drp.tiny.model.Decoder;
import drp.tiny.model.KvCache;
import drp.tiny.model.Llama;
import drp.tiny.sample.Completion;
import drp.tiny.sample.Sampler;
import drp.tiny.sample.SamplingOptions;
import drp.tiny.token.ChatFormat;
import drp.tiny.token.TinyTokenizer;
import drp.tiny.token.Vocabulary;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llama.cpp is the external reference: a GGUF exported by drp-tiny is loaded by llama.cpp (through
 * de.kherud:llama 4.2.0), which must
 * <ol>
 *   <li>tokenize the world's text into the same ids as drp-tiny's tokenizer;</li>
 *   <li>compute the same final hidden state (the output norm's result, the vector the output
 *       projection turns into logits) at the last position of prompts of several lengths;</li>
 *   <li>continue a prompt greedily with the same text.</li>
 * </ol>
 * The binding returns the hidden state through {@code embed} (pooling "last", L2-normalized by the
 * server), so the comparison is on unit vectors. It cannot return logits or probabilities: its
 * {@code n_probs} path reads the old server JSON ({@code probs}, {@code tok_str}) while the bundled
 * server writes {@code top_logprobs}, and the native code aborts on the missing key.
 */
class LlamaCppLogitsTest {

    private static final double ATOL = 2e-6;

    @BeforeAll
    static void silence() {
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> { });
    }

    @Test
    void untiedModelMatchesLlamaCpp(@TempDir Path dir) throws Exception {
        compare(TinyFixtures.randomModel(64, 2, 4, 96, false, 5, 6f), dir.resolve("untied.gguf"));
    }

    @Test
    void tiedModelMatchesLlamaCpp(@TempDir Path dir) throws Exception {
        compare(TinyFixtures.randomModel(32, 1, 2, 48, true, 9, 6f), dir.resolve("tied.gguf"));
    }

    /** The shipped base student: trained weights, so the distributions are sharp and meaningful. */
    @Test
    void shippedBaseStudentMatchesLlamaCpp(@TempDir Path dir) throws Exception {
        drp.tiny.TinyStudent base = drp.tiny.TinyStudent.loadBase();
        Path file = dir.resolve("base.gguf");
        base.exportGguf(file, "drp-tiny-base");
        compare(base.model(), base.tokenizer().vocabulary(), file, 120);
    }

    static void compare(Llama model, Path file) throws Exception {
        Vocabulary vocabulary = TinyFixtures.vocabulary();
        GgufExport.write(model, vocabulary, "drp-tiny-test", file);
        compare(model, vocabulary, file, 12);
    }

    /** Runs the three comparisons on an exported model; {@code greedyTokens} sets the continuation length. */
    static void compare(Llama model, Vocabulary vocabulary, Path file, int greedyTokens) {
        TinyTokenizer tokenizer = new TinyTokenizer(vocabulary);
        ChatFormat chat = new ChatFormat(tokenizer);
        List<WordProblem> problems = TinyFixtures.problems(3);
        ModelParameters embedding = base(file).enableEmbedding().setPoolingType(PoolingType.LAST);
        double worst = 0;
        int vectors = 0;
        try (LlamaModel llama = new LlamaModel(embedding)) {
            for (WordProblem problem : problems) {
                String text = Vocabulary.USER + problem.question() + Vocabulary.ASSISTANT
                        + World.nativeTrace(problem, 3).assistantText();
                assertThat(llama.encode(text)).as("llama.cpp tokenization of %s", problem.id())
                        .isEqualTo(tokenizer.encode(text));
            }
            WordProblem problem = problems.getFirst();
            ChatFormat.Example example = chat.example(problem.question(), World.nativeTrace(problem, 3).assistantText());
            for (int length : new int[] {1, 7, example.promptLength(), example.promptLength() + 25, example.length() - 1}) {
                int[] prompt = java.util.Arrays.copyOf(example.tokens(), length);
                String text = tokenizer.decodeWithSpecials(prompt);
                assertThat(llama.encode(text)).as("round trip of the prompt text").isEqualTo(prompt);
                float[] theirs = llama.embed(text);
                double[] mine = normalizedHidden(model, prompt);
                assertThat(theirs).hasSize(mine.length);
                for (int i = 0; i < mine.length; i++) {
                    double diff = Math.abs(theirs[i] - mine[i]);
                    assertThat(diff).as("hidden[%d] after %d tokens: llama.cpp %s, drp-tiny %s", i, length, theirs[i], mine[i])
                            .isLessThanOrEqualTo(ATOL);
                    worst = Math.max(worst, diff);
                }
                vectors++;
            }
        }
        WordProblem problem = problems.get(1);
        int[] prompt = chat.prompt(problem.question());
        Completion mine;
        try (Sampler sampler = new Sampler(model, vocabulary.eos(), 1)) {
            mine = sampler.generate(List.of(prompt), SamplingOptions.greedy(greedyTokens)).getFirst();
        }
        String theirs;
        try (LlamaModel llama = new LlamaModel(base(file))) {
            theirs = llama.complete(new InferenceParameters(tokenizer.decodeWithSpecials(prompt))
                    .setNPredict(greedyTokens).setTemperature(0f).setTopK(1).setSeed(1));
        }
        assertThat(theirs).as("greedy continuation by llama.cpp").isEqualTo(tokenizer.decode(mine.tokens()));
        System.out.printf("llama.cpp vs drp-tiny (%s): same token ids; %d final hidden states, worst |diff| %.2e (atol %.0e);"
                + " same %d-token greedy continuation%n", file.getFileName(), vectors, worst, ATOL, mine.tokens().length);
    }

    private static ModelParameters base(Path file) {
        return new ModelParameters().setModel(file.toString()).setCtxSize(512).setThreads(2)
                .setCacheTypeK(CacheType.F32).setCacheTypeV(CacheType.F32).disableLog();
    }

    /** drp-tiny's next-token logits after {@code prompt}. */
    static float[] nextTokenLogits(Llama model, int[] prompt) {
        Decoder decoder = new Decoder(model);
        KvCache cache = decoder.newCache();
        float[] logits = new float[model.config().vocabSize()];
        for (int token : prompt) {
            decoder.step(new int[] {token}, new KvCache[] {cache}, logits);
        }
        return logits;
    }

    /** drp-tiny's final hidden state after {@code prompt}, L2-normalized as llama.cpp's server does. */
    static double[] normalizedHidden(Llama model, int[] prompt) {
        Decoder decoder = new Decoder(model);
        KvCache cache = decoder.newCache();
        float[] logits = new float[model.config().vocabSize()];
        float[] hidden = new float[model.config().dim()];
        for (int token : prompt) {
            decoder.step(new int[] {token}, new KvCache[] {cache}, logits, hidden);
        }
        double norm = 0;
        for (float h : hidden) {
            norm += (double) h * h;
        }
        norm = Math.sqrt(norm);
        double[] out = new double[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
            out[i] = hidden[i] / norm;
        }
        return out;
    }
}
