package drp.llm.train;

import drp.core.train.TrainingListener;
import java.io.IOException;
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

    private final LogTail tail;
    private long total = -1;
    private long steps;
    private boolean started;

    TrainerStdoutLog(Path file) {
        this.tail = new LogTail(file, true);
    }

    /** Reads whatever complete lines were added since the last call. */
    void poll(TrainingListener listener) throws IOException {
        tail.poll(text -> line(text, listener));
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
}
