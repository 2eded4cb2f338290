package drp.cli.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import drp.core.io.JsonCodec;
import drp.tiny.TinyStudent;
import drp.tiny.TrainingPair;
import drp.tiny.train.TrainingConfig;
import drp.tiny.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fine-tunes a copy of the base student on supervised pairs and saves the result as a checkpoint.
 *
 * <p>The checkpoint is written beside its final place and moved there in one step, so a checkpoint
 * directory exists only once it is complete; a rerun finds it and loads it instead of training
 * again. Training itself is not resumed mid-way: an interrupted fine-tune starts over, and because
 * it is deterministic it ends with the same weights.
 */
final class Distiller {

    /** What {@code training.json} beside the checkpoint records. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Record(String name, int pairs, String pairsSha256, TrainingConfig config, List<double[]> lossCurve,
                  double firstLoss, double finalLoss, long tokens, double tokensPerSecond, double seconds) {}

    static final String RECORD = "training.json";

    private Distiller() {}

    /** The fine-tuned student in {@code dir}: loaded when already there, else trained and saved. */
    static Distilled distill(TinyStudent base, String name, List<TrainingPair> pairs, TrainingConfig config, Path dir,
                             DemoListener listener) {
        if (pairs.isEmpty()) {
            throw new IllegalStateException("no training pairs for " + name + ": nothing to fine-tune on");
        }
        String hash = sha256(pairs);
        try {
            if (Files.isDirectory(dir)) {
                Record record = JsonCodec.MAPPER.readValue(dir.resolve(RECORD).toFile(), Record.class);
                if (!record.pairsSha256().equals(hash) || !record.config().equals(config)) {
                    throw new IllegalStateException(dir + " holds a student fine-tuned on other data or settings;"
                            + " delete it (or use another --out) to train again");
                }
                listener.note(String.format("%s: already fine-tuned, loaded %s", name, dir));
                return new Distilled(TinyStudent.load(dir), record);
            }
            TinyStudent student = base.copy();
            TrainingResult result;
            try (DemoListener.Tracker tracker = listener.start("distill " + name, config.steps(), 0, "optimizer steps")) {
                result = student.fineTune(pairs, config, p -> tracker.step(String.format(
                        "loss %.3f | %,.0f tok/s", p.loss(), p.tokensPerSecond())));
            }
            Record record = new Record(name, pairs.size(), hash, config, curve(result),
                    result.losses().getFirst(), result.finalLoss(Math.max(1, config.steps() / 10)), result.tokens(),
                    result.tokensPerSecond(), result.wallTime().toMillis() / 1000.0);
            Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
            deleteTree(partial);
            Files.createDirectories(partial);
            student.save(partial);
            Files.writeString(partial.resolve(RECORD), JsonCodec.pretty(record), StandardCharsets.UTF_8);
            try {
                Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, dir);
            }
            return new Distilled(student, record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write or read the checkpoint " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A fine-tuned student and how it was trained. */
    record Distilled(TinyStudent student, Record record) {}

    /** The loss curve in ten points at most. */
    static List<double[]> curve(TrainingResult result) {
        return result.lossCurve(Math.max(1, (result.losses().size() + 9) / 10), 4);
    }

    static String sha256(List<TrainingPair> pairs) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (TrainingPair pair : pairs) {
                digest.update(pair.question().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(pair.assistantText().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
