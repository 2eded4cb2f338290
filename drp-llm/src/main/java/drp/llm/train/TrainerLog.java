package drp.llm.train;

import com.fasterxml.jackson.databind.JsonNode;
import drp.core.io.JsonCodec;
import drp.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Follows a training engine's JSONL log as it grows ({@code trainer_log.jsonl} of LLaMA-Factory:
 * one object per logging step with {@code current_steps}, {@code total_steps}, {@code loss},
 * {@code lr}, {@code epoch}, {@code percentage}, {@code elapsed_time}, {@code remaining_time},
 * and {@code throughput} when tokens are counted) and hands each complete line to a listener. A
 * line still being written is read once it ends; a line that is not JSON is skipped.
 */
final class TrainerLog {

    private final LogTail tail;
    private boolean started;

    TrainerLog(Path file) {
        this.tail = new LogTail(file, false);
    }

    /** Reads whatever complete lines were added since the last call. */
    void poll(TrainingListener listener) throws IOException {
        tail.poll(text -> line(text, listener));
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
        if (node.has("loss")) {
            listener.step(node.path("current_steps").asLong(), node.path("loss").asDouble(),
                    node.path("throughput").asDouble(0));
        }
    }
}
