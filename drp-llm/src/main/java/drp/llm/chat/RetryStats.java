package drp.llm.chat;

import java.util.concurrent.atomic.LongAdder;

/** Counts what retrying did, for the end-of-stage report; shareable between models. */
public final class RetryStats {

    private final LongAdder calls = new LongAdder();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder exhausted = new LongAdder();

    void countCall() {
        calls.increment();
    }

    void countAttempt() {
        attempts.increment();
    }

    void countRetry() {
        retries.increment();
    }

    void countGiveUp() {
        exhausted.increment();
    }

    /** Calls made by callers. */
    public long calls() {
        return calls.sum();
    }

    /** Requests sent, retries included. */
    public long attempts() {
        return attempts.sum();
    }

    /** Attempts after a retriable failure. */
    public long retries() {
        return retries.sum();
    }

    /** Calls that failed on their last allowed attempt. */
    public long exhausted() {
        return exhausted.sum();
    }

    @Override
    public String toString() {
        return "RetryStats[calls=" + calls() + ", attempts=" + attempts() + ", retries=" + retries()
                + ", gave up=" + exhausted() + "]";
    }
}
