package drp.llm.train;

import drp.core.io.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code job.json} in a hosted trainer's output folder: which provider, where ({@code trainer},
 * {@code base_url}, {@code api_key_env}: the variable's name, never the key), the uploaded file's
 * and the job's ids as soon as they exist, the last event reported, and the fine-tuned model once
 * there is one. Each change is written at once, and atomically, so that a run killed at any point
 * finds the job again and nothing is uploaded or created twice.
 */
final class HostedJobState {

    static final String FILE = "job.json";

    private final Path file;
    private final Map<String, Object> values;

    private HostedJobState(Path file, Map<String, Object> values) {
        this.file = file;
        this.values = values;
    }

    /** The state kept in {@code output}, empty when there is none yet. */
    static HostedJobState in(Path output) {
        Path file = output.resolve(FILE);
        return new HostedJobState(file, read(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) {
        try {
            return Files.isRegularFile(file) ? new LinkedHashMap<>(JsonCodec.MAPPER.readValue(file.toFile(), Map.class))
                    : new LinkedHashMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fine-tuning job's state " + file + ": " + e.getMessage(), e);
        }
    }

    Path file() {
        return file;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    /** A value as text, or null. */
    String get(String key) {
        Object value = values.get(key);
        return value == null ? null : value.toString();
    }

    /**
     * Sets {@code key} (null removes it) and writes the file, over what the file holds now: a
     * {@code drp distill cancel} in another process may have written it while this run polls.
     */
    HostedJobState put(String key, Object value) {
        // read, change and write under a lock (this JVM's, and the file system's for other
        // processes), so that neither the run nor a cancel loses the other's change; a Ctrl-C
        // must not lose a job id just created either, so the interrupt waits until it is written
        boolean interrupted = Thread.interrupted();
        synchronized (HostedJobState.class) {
            try {
                Files.createDirectories(file.getParent());
                try (FileChannel lock = FileChannel.open(file.resolveSibling(FILE + ".lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                    values.putAll(read(file));
                    if (value == null) {
                        values.remove(key);
                    } else {
                        values.put(key, value);
                    }
                    save();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the fine-tuning job's state in " + file + ": "
                        + e.getMessage(), e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return this;
    }

    /** What a trained model records of its job: everything but the fingerprint. */
    Map<String, Object> record() {
        Map<String, Object> record = new LinkedHashMap<>(values);
        record.remove("sha256");
        return record;
    }

    private void save() throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, JsonCodec.pretty(values), StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
