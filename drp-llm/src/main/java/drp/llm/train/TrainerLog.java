package drp.llm.train;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import drp.core.train.TrainingListener;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Follows a training engine's JSONL log as it grows ({@code trainer_log.jsonl} of LLaMA-Factory:
 * one object per logging step with {@code current_steps}, {@code total_steps}, {@code loss},
 * {@code lr}, {@code epoch}, {@code percentage}, {@code elapsed_time}, {@code remaining_time},
 * and {@code throughput} when tokens are counted) and hands each complete line to a listener. A
 * line still being written is read once it ends; a line that is not JSON is skipped.
 */
final class TrainerLog {

    private final Path file;
    private long offset;
    private boolean started;
    private JsonNode last;

    TrainerLog(Path file) {
        this.file = file;
    }

    /** Reads whatever complete lines were added since the last call. */
    void poll(TrainingListener listener) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < offset) {
                offset = 0; // the engine started the log afresh
            }
            in.seek(offset);
            byte[] rest = new byte[(int) Math.min(Integer.MAX_VALUE, in.length() - offset)];
            in.readFully(rest);
            int start = 0;
            for (int i = 0; i < rest.length; i++) {
                if (rest[i] == '\n') {
                    line(new String(rest, start, i - start, StandardCharsets.UTF_8), listener);
                    start = i + 1;
                }
            }
            offset += start;
        }
    }

    private void line(String text, TrainingListener listener) {
        JsonNode node;
        try {
            node = JsonCodec.MAPPER.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (node == null || !node.has("current_steps")) {
            return;
        }
        if (!started) {
            started = true;
            listener.started(node.path("total_steps").asLong(), Math.max(0, node.path("current_steps").asLong() - 1));
        }
        last = node;
        if (node.has("loss")) {
            listener.step(node.path("current_steps").asLong(), node.path("loss").asDouble(),
                    node.path("throughput").asDouble(0));
        }
    }

    /** The last line read, or null. */
    JsonNode last() {
        return last;
    }
}
