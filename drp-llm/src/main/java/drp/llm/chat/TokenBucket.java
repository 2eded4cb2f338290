package drp.llm.chat;

import java.time.Duration;

/**
 * A budget of units per minute that refills continuously, up to one minute's worth. Callers take
 * units first and then wait until the bucket is no longer in debt, so waiters are served in order
 * and one large request cannot starve behind small ones.
 */
final class TokenBucket {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final long perMinute;
    private final Ticker ticker;
    private double available;
    private long lastRefill;

    TokenBucket(long perMinute, Ticker ticker) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit is >= 1 per minute, got " + perMinute);
        }
        this.perMinute = perMinute;
        this.ticker = ticker;
        this.available = perMinute;
        this.lastRefill = ticker.nanos();
    }

    /**
     * Takes {@code units} (at most a minute's worth, so any request can pass eventually) and says
     * how long the caller must wait before going ahead.
     */
    synchronized Duration take(long units) {
        refill();
        available -= Math.min(units, perMinute);
        if (available >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-available * NANOS_PER_MINUTE / perMinute));
    }

    /** Gives back (negative) or takes more (positive) units once the real amount is known. */
    synchronized void adjust(long units) {
        refill();
        available = Math.min(perMinute, available - units);
    }

    synchronized double available() {
        refill();
        return available;
    }

    long perMinute() {
        return perMinute;
    }

    private void refill() {
        long now = ticker.nanos();
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            available = Math.min(perMinute, available + (double) elapsed * perMinute / NANOS_PER_MINUTE);
            lastRefill = now;
        }
    }
}
