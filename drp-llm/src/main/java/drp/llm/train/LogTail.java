package drp.llm.train;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The complete lines a growing log file gained since the last look. A line still being written is
 * handed over once it ends; a file that shrank (an engine that started its log afresh) is read
 * from its start again.
 */
final class LogTail {

    private final Path file;
    private final boolean carriageReturnEndsLines;
    private long offset;

    /**
     * @param carriageReturnEndsLines whether {@code \r} ends a line too, as in a progress bar's
     *                                redraws
     */
    LogTail(Path file, boolean carriageReturnEndsLines) {
        this.file = file;
        this.carriageReturnEndsLines = carriageReturnEndsLines;
    }

    /** Hands each new complete line to {@code line}. */
    void poll(Consumer<String> line) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < offset) {
                offset = 0;
            }
            in.seek(offset);
            byte[] rest = new byte[(int) Math.min(Integer.MAX_VALUE, in.length() - offset)];
            in.readFully(rest);
            int start = 0;
            for (int i = 0; i < rest.length; i++) {
                if (rest[i] == '\n' || (carriageReturnEndsLines && rest[i] == '\r')) {
                    line.accept(new String(rest, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            offset += start;
        }
    }
}
