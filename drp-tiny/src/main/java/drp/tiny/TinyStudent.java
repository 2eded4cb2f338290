package drp.tiny;

import drp.core.token.TokenCounter;
import drp.tiny.io.Checkpoint;
import drp.tiny.io.GgufExport;
import drp.tiny.model.Llama;
import drp.tiny.sample.Completion;
import drp.tiny.sample.Sampler;
import drp.tiny.sample.SamplingOptions;
import drp.tiny.sample.SamplingProgress;
import drp.tiny.token.ChatFormat;
import drp.tiny.token.TinyTokenizer;
import drp.tiny.token.Vocabulary;
import drp.tiny.train.TrainingLoop;
import drp.tiny.train.TrainingConfig;
import drp.tiny.train.TrainingProgress;
import drp.tiny.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The embedded student: a model with its tokenizer and chat template. This is the API the
 * pipeline uses: load the shipped base, answer questions, fine-tune on traces, save.
 */
public final class TinyStudent {

    /** Where the shipped base student lives on the classpath. */
    public static final String BASE_RESOURCE = "drp/tiny/base/";

    private final Llama model;
    private final TinyTokenizer tokenizer;
    private final ChatFormat chat;

    public TinyStudent(Llama model, Vocabulary vocabulary) {
        if (model.config().vocabSize() != vocabulary.size()) {
            throw new IllegalArgumentException("the model has " + model.config().vocabSize()
                    + " embeddings, the vocabulary " + vocabulary.size() + " tokens");
        }
        this.model = model;
        this.tokenizer = new TinyTokenizer(vocabulary);
        this.chat = new ChatFormat(tokenizer);
    }

    /** The overthinking base student shipped with drp (see {@code TrainBase}). */
    public static TinyStudent loadBase() {
        try {
            Checkpoint.Loaded loaded = Checkpoint.loadResources(TinyStudent.class.getClassLoader(), BASE_RESOURCE);
            return new TinyStudent(loaded.model(), loaded.vocabulary());
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped base student cannot be loaded", e);
        }
    }

    /** A checkpoint directory written by {@link #save}. */
    public static TinyStudent load(Path dir) throws IOException {
        Checkpoint.Loaded loaded = Checkpoint.load(dir);
        return new TinyStudent(loaded.model(), loaded.vocabulary());
    }

    public void save(Path dir) throws IOException {
        Checkpoint.save(dir, model, tokenizer.vocabulary());
    }

    /** Writes a llama GGUF that llama.cpp can run. */
    public void exportGguf(Path file, String name) throws IOException {
        GgufExport.write(model, tokenizer.vocabulary(), name, file);
    }

    /** An independent copy (fine-tuning the copy leaves this student unchanged). */
    public TinyStudent copy() {
        return new TinyStudent(new Llama(model.config(), model.parameters().copy()), tokenizer.vocabulary());
    }

    public Llama model() {
        return model;
    }

    public TinyTokenizer tokenizer() {
        return tokenizer;
    }

    /** The student's own token counter. */
    public TokenCounter tokenCounter() {
        return tokenizer;
    }

    public ChatFormat chat() {
        return chat;
    }

    /**
     * Answers {@code questions}, in order: question i is sequence i of {@code options.seed()} of a
     * {@link Sampler} over the current weights (so it equals choice i of the same question sent to a
     * {@link drp.tiny.chat.TinyChatModel} of this student with that seed).
     */
    public List<Reply> answer(List<String> questions, SamplingOptions options, Consumer<SamplingProgress> progress) {
        List<int[]> prompts = new ArrayList<>(questions.size());
        for (String question : questions) {
            prompts.add(chat.prompt(question));
        }
        List<Completion> completions;
        try (Sampler sampler = new Sampler(model, chat.endOfReply(), Sampler.DEFAULT_SLOTS)) {
            completions = sampler.generate(prompts, options, progress);
        }
        List<Reply> replies = new ArrayList<>(completions.size());
        for (Completion completion : completions) {
            replies.add(new Reply(tokenizer.decode(completion.tokens()), completion.tokens().length, completion.finishReason()));
        }
        return replies;
    }

    public List<Reply> answer(List<String> questions, SamplingOptions options) {
        return answer(questions, options, p -> { });
    }

    /**
     * Fine-tunes this student in place on {@code pairs} (loss on the assistant text only); the
     * optimizer starts fresh. Same pairs, config and seed give the same weights.
     */
    public TrainingResult fineTune(List<TrainingPair> pairs, TrainingConfig config, Consumer<TrainingProgress> progress) {
        List<ChatFormat.Example> examples = new ArrayList<>(pairs.size());
        for (TrainingPair pair : pairs) {
            examples.add(chat.example(pair.question(), pair.assistantText()));
        }
        return TrainingLoop.train(model, examples, tokenizer.vocabulary().pad(), config, progress);
    }
}
