package drp.tiny;

import drp.tiny.model.Llama;
import drp.tiny.model.LlamaConfig;
import drp.tiny.token.ChatFormat;
import drp.tiny.token.TinyTokenizer;
import drp.tiny.token.Vocabulary;
import drp.tiny.token.VocabularyBuilder;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import drp.tiny.world.WorldConfig;
import java.util.ArrayList;
import java.util.List;

/** Small shared fixtures: a vocabulary built from a slice of the world, small models. */
public final class TinyFixtures {

    private static Vocabulary vocabulary;

    private TinyFixtures() {}

    /** Problems of the default world. */
    public static List<WordProblem> problems(int count) {
        return new World(WorldConfig.defaults()).train(11, count);
    }

    /** A vocabulary built from 400 problems' native traces and teacher solutions. */
    public static synchronized Vocabulary vocabulary() {
        if (vocabulary == null) {
            List<String> texts = new ArrayList<>();
            for (WordProblem p : problems(400)) {
                texts.add(Vocabulary.USER + p.question() + Vocabulary.ASSISTANT + World.nativeTrace(p, 1).assistantText());
                texts.add(World.teacherSolution(p).assistantText());
            }
            vocabulary = VocabularyBuilder.build(texts.iterator(), 1);
        }
        return vocabulary;
    }

    public static TinyTokenizer tokenizer() {
        return new TinyTokenizer(vocabulary());
    }

    public static ChatFormat chat() {
        return new ChatFormat(tokenizer());
    }

    /** A randomly initialized model over {@link #vocabulary()}, weights scaled up so logits spread out. */
    public static Llama randomModel(int dim, int layers, int heads, int hidden, boolean tied, long seed, float scale) {
        LlamaConfig config = new LlamaConfig(vocabulary().size(), dim, layers, heads, hidden, 512, 10000f, 1e-5f, tied);
        Llama model = Llama.initialize(config, seed);
        float[] p = model.parameters().data;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed + 1);
        for (var tensor : model.parameters().tensors()) {
            for (int i = tensor.offset(); i < tensor.offset() + tensor.size(); i++) {
                p[i] = tensor.name().endsWith("norm") ? (float) (0.5 + rng.nextDouble()) : p[i] * scale;
            }
        }
        return model;
    }
}
