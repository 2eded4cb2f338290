package drp.llm.chat;

/** A monotonic clock in nanoseconds. Injected so that tests control time. */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanos();
}
