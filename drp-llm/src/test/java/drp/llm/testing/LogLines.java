package drp.llm.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Request log lines of {@code OpenAiServer} in tests. */
public final class LogLines {

    private LogLines() {}

    /**
     * Waits (2 s at most) for a log line that starts with {@code start}: the server writes a
     * request's line once its exchange is closed, which can be after the client has read the answer.
     * The list is read under its own lock, as the servers' loggers write it.
     */
    public static void await(List<String> log, String start) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (log) {
                if (log.stream().anyMatch(line -> line.startsWith(start))) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
        synchronized (log) {
            assertThat(log).anyMatch(line -> line.startsWith(start));
        }
    }
}
