package drp.llm.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and pacing of a batch job.
 *
 * @param maxRequestsPerFile requests per input file; the API allows 50,000
 * @param maxBytesPerFile bytes per input file; the API allows 200 MB
 * @param pollInterval the wait between looks at running batches
 * @param maxSubmissions how often one item may be submitted (first time included) when it fails
 *     in a way that may pass (expired, server error, rate limit)
 * @param completionWindow the API's {@code completion_window}; {@code 24h} is the one offered
 */
public record BatchOptions(int maxRequestsPerFile, long maxBytesPerFile, Duration pollInterval, int maxSubmissions,
        String completionWindow) {

    public static final int API_MAX_REQUESTS = 50_000;
    public static final long API_MAX_BYTES = 200L * 1000 * 1000;

    /** The API's limits, a poll a minute, three submissions. */
    public static final BatchOptions DEFAULT =
            new BatchOptions(API_MAX_REQUESTS, API_MAX_BYTES, Duration.ofMinutes(1), 3, "24h");

    public BatchOptions {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(completionWindow, "completionWindow");
        if (maxRequestsPerFile < 1 || maxRequestsPerFile > API_MAX_REQUESTS) {
            throw new IllegalArgumentException("requests per file must be 1-" + API_MAX_REQUESTS + ", got " + maxRequestsPerFile);
        }
        if (maxBytesPerFile < 1 || maxBytesPerFile > API_MAX_BYTES) {
            throw new IllegalArgumentException("bytes per file must be 1-" + API_MAX_BYTES + ", got " + maxBytesPerFile);
        }
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("poll interval must be >= 0");
        }
        if (maxSubmissions < 1) {
            throw new IllegalArgumentException("max submissions must be >= 1, got " + maxSubmissions);
        }
    }

    public BatchOptions withPollInterval(Duration interval) {
        return new BatchOptions(maxRequestsPerFile, maxBytesPerFile, interval, maxSubmissions, completionWindow);
    }

    public BatchOptions withMaxRequestsPerFile(int n) {
        return new BatchOptions(n, maxBytesPerFile, pollInterval, maxSubmissions, completionWindow);
    }

    public BatchOptions withMaxBytesPerFile(long n) {
        return new BatchOptions(maxRequestsPerFile, n, pollInterval, maxSubmissions, completionWindow);
    }
}
