package drp.cli;

import drp.cli.pipeline.PhaseListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** Shows a pipeline's phases through {@link Progress}: a terminal line each, and the run's log. */
final class ProgressListener implements PhaseListener {

    private final PrintWriter terminal;
    private final Path log;

    ProgressListener(PrintWriter terminal, Path log) {
        this.terminal = terminal;
        this.log = log;
    }

    @Override
    public Tracker start(String phase, long total, long alreadyDone, String unit) {
        AtomicReference<String> detail = new AtomicReference<>("");
        Progress progress = new Progress(phase, unit, terminal, log, detail::get);
        progress.start(total, alreadyDone);
        return new Tracker() {
            @Override
            public void step(String latest) {
                detail.set(latest);
                progress.step();
            }

            @Override
            public void close() {
                progress.close();
            }
        };
    }

    @Override
    public void note(String line) {
        terminal.println(line);
        terminal.flush();
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Files.writeString(log, Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write log " + log + ": " + e.getMessage(), e);
        }
    }
}
