package drp.llm.chat;

import java.time.Duration;

/** Waits. Injected so that tests of back-off and rate limits run in no time. */
@FunctionalInterface
public interface Sleeper {

    Sleeper SYSTEM = duration -> {
        if (duration.isPositive()) {
            Thread.sleep(duration);
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
