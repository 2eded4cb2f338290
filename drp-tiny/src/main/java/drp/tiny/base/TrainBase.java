package drp.tiny.base;

import drp.tiny.Reply;
import drp.tiny.TinyStudent;
import drp.tiny.model.Llama;
import drp.tiny.model.LlamaConfig;
import drp.tiny.model.MatMul;
import drp.tiny.model.Parallel;
import drp.tiny.sample.SamplingOptions;
import drp.tiny.sample.SamplingProgress;
import drp.tiny.token.ChatFormat;
import drp.tiny.token.TinyTokenizer;
import drp.tiny.token.TokenizerFile;
import drp.tiny.token.Vocabulary;
import drp.tiny.token.VocabularyBuilder;
import drp.tiny.train.TrainingLoop;
import drp.tiny.train.TrainingProgress;
import drp.tiny.train.TrainingResult;
import drp.tiny.world.Trace;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Trains the overthinking base student on the world's native traces, deterministically, and
 * writes its checkpoint with a {@link TrainingRecord}. {@code drp tiny train-base} calls
 * {@link #run}; {@link #main} is the same from a plain {@code java} command line.
 */
public final class TrainBase {

    /** Where the shipped base student is committed, relative to the repository root. */
    public static final String SHIPPED_DIR = "drp-tiny/src/main/resources/" + TinyStudent.BASE_RESOURCE;

    private TrainBase() {}

    /** What {@link #run} reports while it works. */
    public interface Listener {
        default void phase(String message) { }

        default void training(TrainingProgress progress) { }

        default void evaluation(SamplingProgress progress) { }
    }

    /** The data a recipe trains on. */
    public record Data(List<WordProblem> train, List<WordProblem> test, Vocabulary vocabulary,
                       List<ChatFormat.Example> examples) {}

    /** Draws the problems, builds the vocabulary and tokenizes the native traces. */
    public static Data data(BaseStudentRecipe recipe) {
        World world = new World(recipe.world());
        List<WordProblem> train = world.train(recipe.worldSeed(), recipe.trainProblems());
        List<WordProblem> test = world.test(recipe.worldSeed(), recipe.testProblems());
        List<String> traces = new ArrayList<>(train.size());
        List<String> corpus = new ArrayList<>(2 * train.size());
        for (WordProblem p : train) {
            String trace = World.nativeTrace(p, recipe.traceSeed()).assistantText();
            traces.add(trace);
            corpus.add(Vocabulary.USER + p.question() + Vocabulary.ASSISTANT + trace);
            corpus.add(World.teacherSolution(p).assistantText());
        }
        Vocabulary vocabulary = VocabularyBuilder.build(corpus.iterator(), 1);
        ChatFormat chat = new ChatFormat(new TinyTokenizer(vocabulary));
        List<ChatFormat.Example> examples = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            examples.add(chat.example(train.get(i).question(), traces.get(i)));
        }
        return new Data(train, test, vocabulary, examples);
    }

    /** Trains the base student of {@code recipe} and writes it, with its record, to {@code out}. */
    public static TrainingRecord run(BaseStudentRecipe recipe, Path out, Listener listener) throws IOException {
        String loadBefore = loadAverage();
        listener.phase("drawing " + recipe.trainProblems() + " training problems and their native traces");
        Data data = data(recipe);
        LlamaConfig config = recipe.modelConfig(data.vocabulary().size());
        Llama model = Llama.initialize(config, recipe.initSeed());
        listener.phase(String.format("training %,d parameters for %d steps of %dx%d tokens (%d threads, %s)",
                config.parameterCount(), recipe.training().steps(), recipe.training().rows(),
                recipe.training().rowLength(), Parallel.threads(), MatMul.describe()));
        TrainingResult result = TrainingLoop.train(model, data.examples(), data.vocabulary().pad(), recipe.training(),
                listener::training);
        TinyStudent student = new TinyStudent(model, data.vocabulary());
        Files.createDirectories(out);
        student.save(out);

        listener.phase("evaluating greedily on " + data.test().size() + " test problems");
        long evalStart = System.nanoTime();
        Evaluation evaluation = evaluate(student, data.test(), listener::evaluation);
        double evalSeconds = (System.nanoTime() - evalStart) / 1e9;

        TrainingRecord record = new TrainingRecord(recipe.world(), recipe.worldSeed(), recipe.traceSeed(),
                recipe.initSeed(), recipe.trainProblems(), config, config.parameterCount(), recipe.training(),
                vocabularySha256(out.resolve(TokenizerFile.FILE_NAME)), dataSha256(data.examples()),
                data.examples().stream().mapToLong(ChatFormat.Example::length).sum(), result.tokens(),
                weightsSha256(model), result.lossCurve(10, 5), result.finalLoss(20), evaluation.total(),
                evaluation.correct(), evaluation.accuracy(), evaluation.meanOutputTokens(), evaluation.firstOutcomes(20),
                result.wallTime().toMillis() / 1000.0, evalSeconds, result.tokensPerSecond(),
                new TrainingRecord.Machine(Runtime.getRuntime().availableProcessors(), Parallel.threads(),
                        MatMul.describe(), System.getProperty("java.vm.name") + " " + Runtime.version(),
                        System.getProperty("os.arch"), loadBefore, loadAverage()));
        record.write(out.resolve(TrainingRecord.FILE_NAME));
        return record;
    }

    /** Greedy answers to {@code problems}, graded on the final line. */
    public record Evaluation(List<Boolean> outcomes, double meanOutputTokens) {
        public int total() {
            return outcomes.size();
        }

        public int correct() {
            return (int) outcomes.stream().filter(b -> b).count();
        }

        public double accuracy() {
            return outcomes.isEmpty() ? 0 : (double) correct() / total();
        }

        public String firstOutcomes(int n) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < Math.min(n, outcomes.size()); i++) {
                s.append(outcomes.get(i) ? '1' : '0');
            }
            return s.toString();
        }
    }

    public static Evaluation evaluate(TinyStudent student, List<WordProblem> problems, Consumer<SamplingProgress> progress) {
        List<Reply> replies = student.answer(problems.stream().map(WordProblem::question).toList(),
                SamplingOptions.greedy(student.model().config().contextLength() - 64), progress);
        List<Boolean> outcomes = new ArrayList<>(problems.size());
        long tokens = 0;
        for (int i = 0; i < problems.size(); i++) {
            OptionalInt answer = Trace.parseAnswer(replies.get(i).text());
            outcomes.add(answer.isPresent() && answer.getAsInt() == problems.get(i).answer());
            tokens += replies.get(i).outputTokens();
        }
        return new Evaluation(outcomes, problems.isEmpty() ? 0 : (double) tokens / problems.size());
    }

    /** SHA-256 of every example's token ids and prompt length, in order. */
    public static String dataSha256(List<ChatFormat.Example> examples) {
        MessageDigest digest = sha256();
        for (ChatFormat.Example example : examples) {
            ByteBuffer buffer = ByteBuffer.allocate(4 * (example.length() + 2)).order(ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(example.length()).putInt(example.promptLength());
            for (int id : example.tokens()) {
                buffer.putInt(id);
            }
            digest.update(buffer.array());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256 of the parameters' float bits in layout order. */
    public static String weightsSha256(Llama model) {
        float[] data = model.parameters().data;
        ByteBuffer buffer = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(data);
        return HexFormat.of().formatHex(sha256().digest(buffer.array()));
    }

    static String vocabularySha256(Path tokenizerFile) throws IOException {
        return HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(tokenizerFile)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * {@code java --add-modules jdk.incubator.vector -cp ... drp.tiny.base.TrainBase [--out DIR] [--quick]
     * [--steps N]}: trains the base student and prints progress.
     */
    public static void main(String[] args) throws IOException {
        BaseStudentRecipe recipe = BaseStudentRecipe.defaults();
        Path out = Path.of(SHIPPED_DIR);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> recipe = BaseStudentRecipe.quick();
                case "--steps" -> recipe = recipe.withTraining(recipe.training().withSteps(Integer.parseInt(args[++i])));
                default -> {
                    System.err.println("usage: TrainBase [--out DIR] [--quick] [--steps N]");
                    System.exit(2);
                }
            }
        }
        TrainingRecord record = run(recipe, out, new Listener() {
            @Override
            public void phase(String message) {
                System.out.println(message);
            }

            @Override
            public void training(TrainingProgress p) {
                if (p.step() % 10 == 0 || p.step() == p.steps()) {
                    System.out.printf("step %5d/%d  loss %.4f  lr %.2e  %,.0f tok/s  elapsed %s  eta %s%n", p.step(),
                            p.steps(), p.loss(), p.learningRate(), p.tokensPerSecond(), format(p.elapsed()), format(p.eta()));
                }
            }
        });
        System.out.printf("wrote %s: test accuracy %.1f%% (%d/%d), mean output tokens %.0f, trained in %.0f s (%,.0f tok/s)%n",
                out, 100 * record.testAccuracy(), record.testCorrect(), record.testProblems(), record.testMeanOutputTokens(),
                record.trainSeconds(), record.tokensPerSecond());
    }

    private static String format(java.time.Duration d) {
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
