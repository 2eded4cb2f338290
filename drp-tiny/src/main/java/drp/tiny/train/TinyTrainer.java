package drp.tiny.train;

import drp.core.io.FileTree;
import drp.core.io.JsonCodec;
import drp.core.run.ContentHash;
import drp.core.sft.BuildStage;
import drp.core.train.TrainedModel;
import drp.core.train.Trainer;
import drp.core.train.TrainingJob;
import drp.core.train.TrainingListener;
import drp.core.train.TrainingSpec;
import drp.tiny.TinyStudent;
import drp.tiny.TrainingPair;
import drp.tiny.chat.TinyChatModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded trainer: fine-tunes a drp-tiny student on an SFT dataset in this process (AdamW,
 * warm-up and cosine decay, loss on the assistant reply only) and saves it as a checkpoint that
 * {@code tiny:DIR} opens.
 *
 * <p>The checkpoint is written beside its final place and moved there in one step, so a checkpoint
 * folder exists only once it is complete. A job whose folder holds a model trained on the same
 * examples, base and configuration returns it without training; one trained otherwise is refused.
 * Training is not resumed mid-way: an interrupted job starts over, and because training is
 * deterministic it ends with the same weights.
 *
 * <p>Options ({@link TrainingSpec#options()}): {@code rows} per batch (default 4), {@code row_length}
 * tokens per row (512; whole examples are packed into rows), {@code min_steps} (4). The number of
 * optimizer steps is {@code max(min_steps, ceil(epochs * tokens / (rows * row_length)))}.
 */
public final class TinyTrainer implements Trainer {

    /** The trainer's name in pipeline files. */
    public static final String NAME = "tiny";
    /** What the checkpoint folder records about its training. */
    public static final String RECORD = "training.json";

    private static final Set<String> OPTIONS = Set.of("rows", "row_length", "min_steps");

    /**
     * What {@code training.json} holds.
     *
     * @param lossCurve the loss in ten points at most: (step, mean loss over the points' steps)
     */
    public record Record(String name, String base, int examples, String examplesSha256, TrainingConfig config,
                         List<double[]> lossCurve, double firstLoss, double finalLoss, long tokens,
                         double tokensPerSecond, double seconds) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainedModel train(TrainingJob job, TrainingListener listener) {
        List<TrainingPair> pairs = BuildStage.read(job.dataset()).stream()
                .map(e -> new TrainingPair(e.question(), e.assistant())).toList();
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no training examples in " + job.dataset() + ": nothing to fine-tune "
                    + job.name() + " on");
        }
        TinyStudent base = load(job.baseModel());
        TrainingConfig config = config(job.spec(), pairs, base);
        String hash = sha256(pairs);
        Path dir = job.output();
        String endpoint = TinyChatModel.SCHEME + ":" + dir;
        try {
            if (Files.isDirectory(dir)) {
                Record record = JsonCodec.MAPPER.readValue(dir.resolve(RECORD).toFile(), Record.class);
                if (!record.examplesSha256().equals(hash) || !record.config().equals(config)
                        || !record.base().equals(job.baseModel())) {
                    throw new IllegalArgumentException(dir + " holds a student fine-tuned on other data or settings;"
                            + " delete it (or use another run directory) to train again");
                }
                listener.note(job.name() + ": already fine-tuned, loaded " + dir);
                return new TrainedModel(endpoint, false, asMap(record));
            }
            TinyStudent student = base.copy();
            listener.started(config.steps(), 0);
            long[] step = {0};
            TrainingResult result = student.fineTune(pairs, config,
                    p -> listener.step(++step[0], p.loss(), p.tokensPerSecond()));
            Record record = new Record(job.name(), job.baseModel(), pairs.size(), hash, config,
                    result.lossCurve(Math.max(1, (result.losses().size() + 9) / 10), 4), result.losses().getFirst(),
                    result.finalLoss(Math.max(1, config.steps() / 10)), result.tokens(), result.tokensPerSecond(),
                    result.wallTime().toMillis() / 1000.0);
            Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
            FileTree.delete(partial);
            Files.createDirectories(partial);
            student.save(partial);
            Files.writeString(partial.resolve(RECORD), JsonCodec.pretty(record), StandardCharsets.UTF_8);
            try {
                Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, dir);
            }
            return new TrainedModel(endpoint, true, asMap(record));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write or read the checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void check(String baseModel, TrainingSpec spec) {
        checkOptions(spec);
        if (!baseModel.startsWith(TinyChatModel.SCHEME + ":")) {
            throw new IllegalArgumentException("the tiny trainer fine-tunes drp-tiny students (tiny:base or tiny:DIR),"
                    + " not " + baseModel);
        }
    }

    private static void checkOptions(TrainingSpec spec) {
        for (String key : spec.options().keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("the tiny trainer has no option '" + key + "'; it knows "
                        + String.join(", ", OPTIONS.stream().sorted().toList()));
            }
        }
    }

    /** The training configuration of {@code spec} for these examples. */
    static TrainingConfig config(TrainingSpec spec, List<TrainingPair> pairs, TinyStudent base) {
        checkOptions(spec);
        int rows = option(spec, "rows", 4);
        int rowLength = option(spec, "row_length", 512);
        int minSteps = option(spec, "min_steps", 4);
        long tokens = 0;
        for (TrainingPair pair : pairs) {
            tokens += base.chat().example(pair.question(), pair.assistantText()).length();
        }
        int steps = (int) Math.max(minSteps, Math.ceil(spec.epochs() * tokens / ((double) rows * rowLength)));
        return TrainingConfig.of(steps, rows, rowLength, (float) spec.learningRate(), spec.seed());
    }

    private static int option(TrainingSpec spec, String key, int fallback) {
        Object value = spec.options().get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= 1) {
            return n.intValue();
        }
        throw new IllegalArgumentException("tiny trainer option " + key + " must be a whole number >= 1, got " + value);
    }

    private static TinyStudent load(String baseModel) {
        String prefix = TinyChatModel.SCHEME + ":";
        if (!baseModel.startsWith(prefix)) {
            throw new IllegalArgumentException("the tiny trainer fine-tunes drp-tiny students (tiny:base or tiny:DIR),"
                    + " not " + baseModel);
        }
        return TinyChatModel.open(baseModel.substring(prefix.length())).student();
    }

    private static String sha256(List<TrainingPair> pairs) {
        StringBuilder text = new StringBuilder();
        for (TrainingPair pair : pairs) {
            text.append(pair.question()).append('\u0000').append(pair.assistantText()).append('\u0000');
        }
        return ContentHash.of(text.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Record record) {
        return new LinkedHashMap<>(JsonCodec.MAPPER.convertValue(record, Map.class));
    }

}
