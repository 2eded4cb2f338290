package drp.llm.chat;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Lets at most {@code maxInFlight} calls through at once; the others wait their turn (first come,
 * first served). Callers are virtual threads, so waiting costs no platform thread.
 */
public final class ConcurrencyLimitedChatModel extends ForwardingChatModel {

    private final int maxInFlight;
    private final Semaphore permits;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public ConcurrencyLimitedChatModel(ChatModel inner, int maxInFlight) {
        super(inner);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max in flight must be >= 1, got " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
        this.permits = new Semaphore(maxInFlight, true);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return limited(() -> delegate().chat(request));
    }

    /** A score takes a slot like a chat call: it loads the server as a prefill does. */
    @Override
    public TargetScore score(ScoreRequest request) {
        return limited(() -> delegate().score(request));
    }

    private <T> T limited(Supplier<T> call) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            throw Interrupts.cancelled(id(), "waiting for a free slot", e);
        }
        try {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return call.get();
        } finally {
            inFlight.decrementAndGet();
            permits.release();
        }
    }

    /** Calls running now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most calls that ever ran at once. */
    public int peak() {
        return peak.get();
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    protected String describe() {
        return "ConcurrencyLimited[" + maxInFlight + "]";
    }
}
