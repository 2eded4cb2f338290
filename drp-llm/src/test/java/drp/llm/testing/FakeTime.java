package drp.llm.testing;

import drp.llm.chat.Sleeper;
import drp.llm.chat.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when someone sleeps on it, so waits take no real time and are recorded. */
public final class FakeTime implements Ticker, Sleeper {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @Override
    public long nanos() {
        return now.get();
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        if (duration.isPositive()) {
            now.addAndGet(duration.toNanos());
        }
    }

    public void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    /** Every sleep asked for, zero-length ones included. */
    public List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    /** Only the sleeps that waited. */
    public List<Duration> waits() {
        return sleeps().stream().filter(Duration::isPositive).toList();
    }
}
