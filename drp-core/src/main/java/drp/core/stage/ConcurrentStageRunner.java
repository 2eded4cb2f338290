package drp.core.stage;

import drp.core.chat.CallDeferredException;
import drp.core.chat.ChatException;
import drp.core.io.ResumableJsonlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The worker loop of a stage that turns items into records by calling models: a fixed pool of
 * workers, each record appended to the stage's resumable output as soon as it is done. An item
 * whose call fails or is deferred is not recorded (a rerun does it again); workers stop taking
 * items once {@link CallFailures} says every further call would fail.
 *
 * @param concurrency items in flight at once
 * @param threads     makes the workers
 * @param stage       names the stage when it is interrupted ("prune" interrupted)
 * @param activity    names the work when a worker fails ("pruning" failed)
 */
record ConcurrentStageRunner(int concurrency, ThreadFactory threads, String stage, String activity) {

    /**
     * Turns each of {@code todo} into a record with {@code work} and appends it to {@code writer}.
     * {@code appended} sees each record the writer took (not one whose id was already there), one
     * at a time under the same lock as the append, so counts and listeners follow the file's order.
     *
     * @return the calls that failed or were deferred, and why the loop stopped early, if it did
     */
    <I, R> CallReport run(List<I> todo, ResumableJsonlWriter writer, Function<? super I, ? extends R> work,
            Consumer<? super R> appended) {
        CallFailures failures = new CallFailures();
        AtomicLong deferred = new AtomicLong();
        Object lock = new Object();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, threads);
        try {
            List<Future<?>> futures = new ArrayList<>(todo.size());
            for (I item : todo) {
                futures.add(pool.submit(() -> {
                    if (failures.stopped()) {
                        return;
                    }
                    R record;
                    try {
                        record = work.apply(item);
                        failures.succeeded();
                    } catch (CallDeferredException later) {
                        deferred.incrementAndGet();
                        return;
                    } catch (ChatException e) {
                        failures.failed(e);
                        return;
                    }
                    synchronized (lock) {
                        if (writer.append(record)) {
                            appended.accept(record);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(stage + " interrupted; what was written is kept and a rerun resumes", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(activity + " failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return CallReport.of(failures, deferred.get());
    }
}
