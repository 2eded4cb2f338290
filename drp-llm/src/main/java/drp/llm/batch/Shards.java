package drp.llm.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Cuts JSONL lines into input files within the API's limits, in order. */
final class Shards {

    private Shards() {}

    /** A line and the item it belongs to. */
    record Line(String customId, String json) {
        long bytes() {
            return json.getBytes(StandardCharsets.UTF_8).length + 1L;
        }
    }

    /**
     * Groups {@code lines} into shards of at most {@code maxLines} lines and {@code maxBytes} bytes
     * (newlines included). A line longer than {@code maxBytes} by itself cannot go anywhere; the
     * caller gets it back in {@code tooLarge}.
     */
    static List<List<Line>> cut(List<Line> lines, int maxLines, long maxBytes, List<Line> tooLarge) {
        List<List<Line>> shards = new ArrayList<>();
        List<Line> current = new ArrayList<>();
        long bytes = 0;
        for (Line line : lines) {
            long size = line.bytes();
            if (size > maxBytes) {
                tooLarge.add(line);
                continue;
            }
            if (!current.isEmpty() && (current.size() == maxLines || bytes + size > maxBytes)) {
                shards.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(line);
            bytes += size;
        }
        if (!current.isEmpty()) {
            shards.add(current);
        }
        return shards;
    }

    static byte[] jsonl(List<Line> shard) {
        StringBuilder sb = new StringBuilder();
        for (Line line : shard) {
            sb.append(line.json()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
