package drp.llm.train;

import drp.core.train.TrainingListener;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the output of a transformers {@code Trainer} (TRL's {@code sft} command) as it grows: the
 * progress bar's {@code N/M} gives the total steps, and each logged dictionary
 * ({@code {'loss': 1.23, 'grad_norm': ..., 'learning_rate': ..., 'epoch': 0.5}}, one per logging
 * step) is one step with its loss. Progress bars redraw with carriage returns, so both are found
 * anywhere in a line.
 */
final class TrainerStdoutLog {

    private static final Pattern TOTAL = Pattern.compile("(\\d+)/(\\d+) \\[");
    private static final Pattern LOSS = Pattern.compile("\\{'loss': '?([0-9.eE+-]+)'?");

    private final Path file;
    private long offset;
    private long total = -1;
    private long steps;
    private boolean started;

    TrainerStdoutLog(Path file) {
        this.file = file;
    }

    /** Reads whatever complete lines were added since the last call. */
    void poll(TrainingListener listener) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            byte[] rest = new byte[(int) Math.min(Integer.MAX_VALUE, in.length() - offset)];
            in.readFully(rest);
            int start = 0;
            for (int i = 0; i < rest.length; i++) {
                if (rest[i] == '\n' || rest[i] == '\r') {
                    line(new String(rest, start, i - start, StandardCharsets.UTF_8), listener);
                    start = i + 1;
                }
            }
            offset += start;
        }
    }

    private void line(String text, TrainingListener listener) {
        Matcher t = TOTAL.matcher(text);
        while (t.find()) {
            total = Long.parseLong(t.group(2));
        }
        Matcher loss = LOSS.matcher(text);
        if (loss.find()) {
            if (!started) {
                listener.started(Math.max(total, 1), 0);
                started = true;
            }
            listener.step(++steps, Double.parseDouble(loss.group(1)), 0);
        }
    }

    /** The total steps the progress bar showed, or -1. */
    long total() {
        return total;
    }
}
