package drp.llm.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a training engine's command line as a subprocess, its output appended to a log file, and
 * polls something (the engine's progress log) while it runs. A non-zero exit is an error that
 * quotes the log's last lines; an interrupt stops the process and its children.
 */
class ProcessRunner {

    /** Something polled while the process runs. */
    interface Poll {
        void run() throws IOException;
    }

    static final int TAIL_LINES = 15;

    void run(List<String> command, Map<String, String> environment, Path log, Poll poll, String what) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(what + ": cannot start " + command.getFirst() + " (" + e.getMessage()
                    + "); is it installed and on the PATH? (distill.options.command names another)", e);
        }
        try {
            while (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
                poll.run();
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted; what it wrote is kept", e);
        }
        poll.run();
        if (process.exitValue() != 0) {
            throw new IllegalStateException(what + " failed: " + String.join(" ", command) + " exited with code "
                    + process.exitValue() + "; the last lines of " + log + ":\n" + tail(log));
        }
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
