package drp.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Shows how long work is going: items done, rate, ETA, and a detail (tokens, cost) supplied by the
 * stage. On a terminal it redraws one line; it also appends plain, timestamped lines to a log file
 * (every few seconds and at the end), so unattended runs leave a record.
 */
final class Progress implements AutoCloseable {

    private static final long TERMINAL_EVERY_MS = 200;
    private static final long LOG_EVERY_MS = 5_000;

    private final String label;
    private final String unit;
    private final PrintWriter terminal;
    private final boolean interactive;
    private final Path log;
    private final Supplier<String> detail;
    private final long startNanos = System.nanoTime();
    private long total;
    private long done;
    private long baseline;
    private long lastTerminal;
    private long lastLog;

    Progress(String label, PrintWriter terminal, Path log, Supplier<String> detail) {
        this(label, "items", terminal, log, detail);
    }

    /** Progress whose items are {@code unit} (plural), e.g. "traces" or "optimizer steps". */
    Progress(String label, String unit, PrintWriter terminal, Path log, Supplier<String> detail) {
        this.label = label;
        this.unit = unit;
        this.terminal = terminal;
        this.interactive = System.console() != null && !"true".equals(System.getenv("CI"));
        this.log = log;
        this.detail = detail;
    }

    synchronized void start(long total, long alreadyDone) {
        this.total = total;
        this.done = alreadyDone;
        this.baseline = alreadyDone;
        String resumed = alreadyDone > 0 ? " (" + alreadyDone + " already done, resuming)" : "";
        logLine(label + ": " + total + " " + unit + resumed);
        if (!interactive) {
            terminal.println(label + ": " + total + " " + unit + resumed);
            terminal.flush();
        }
    }

    synchronized void step() {
        done++;
        long now = System.currentTimeMillis();
        if (interactive && now - lastTerminal >= TERMINAL_EVERY_MS) {
            lastTerminal = now;
            terminal.print("\r\033[K" + line());
            terminal.flush();
        }
        if (now - lastLog >= LOG_EVERY_MS) {
            lastLog = now;
            logLine(line());
        }
    }

    String line() {
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        long fresh = done - baseline;
        double rate = fresh / seconds;
        String eta = rate > 0 && total > done ? format(Duration.ofSeconds((long) ((total - done) / rate))) : "-";
        String pct = total == 0 ? "100" : String.valueOf(100 * done / total);
        String extra = detail.get();
        return String.format("%s %d/%d (%s%%) | %.1f/s | elapsed %s | ETA %s%s", label, done, total, pct, rate,
                format(Duration.ofMillis((long) (seconds * 1000))), eta, extra.isEmpty() ? "" : " | " + extra);
    }

    @Override
    public synchronized void close() {
        String last = line();
        if (interactive) {
            terminal.print("\r\033[K");
        }
        terminal.println(last);
        terminal.flush();
        logLine(last);
    }

    private void logLine(String text) {
        if (log == null) {
            return;
        }
        try {
            Files.writeString(log, Instant.now() + " " + text + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write log " + log + ": " + e.getMessage(), e);
        }
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
