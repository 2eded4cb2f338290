package drp.tiny.model;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place where drp-tiny runs loops in parallel.
 *
 * <p>Every parallel loop splits an index range into contiguous chunks; each index is computed by
 * exactly one thread, in the same way whatever the thread count. Kernels never accumulate into a
 * location shared between indices, so results are bit-identical for any number of threads.
 *
 * <p>Thread count: system property {@code drp.tiny.threads}, default the number of processors.
 */
public final class Parallel {

    /** A loop body over {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    private static final int THREADS = Integer.getInteger("drp.tiny.threads",
            Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL = THREADS <= 1 ? null
            : Executors.newFixedThreadPool(THREADS - 1, runnable -> {
                Thread thread = new Thread(runnable, "drp-tiny-worker");
                thread.setDaemon(true);
                return thread;
            });

    private static final int CHUNKS_PER_THREAD = 4;

    private Parallel() {}

    private static volatile int active = Math.max(1, THREADS);

    /** The number of threads parallel loops use. */
    public static int threads() {
        return active;
    }

    /**
     * Runs {@code body} with parallel loops limited to {@code threads} threads (at most the
     * configured number); tests use it to show that results do not depend on the thread count.
     */
    public static synchronized void withThreads(int threads, Runnable body) {
        int saved = active;
        active = Math.max(1, Math.min(threads, Math.max(1, THREADS)));
        try {
            body.run();
        } finally {
            active = saved;
        }
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split into chunks whose boundaries are multiples of
     * {@code grain} (except the end). Threads take chunks as they become free, so a busy core
     * (another process on a shared machine) slows the loop down less; the calling thread works too.
     */
    public static void parallelFor(int n, int grain, Range body) {
        if (n <= 0) {
            return;
        }
        int blocks = (n + grain - 1) / grain;
        int threads = Math.min(threads(), blocks);
        if (threads <= 1) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(blocks, threads * CHUNKS_PER_THREAD);
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                int from = (int) ((long) blocks * c / chunks) * grain;
                int to = Math.min(n, (int) ((long) blocks * (c + 1) / chunks) * grain);
                body.run(from, to);
            }
        };
        List<Future<?>> futures = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            futures.add(POOL.submit(worker));
        }
        worker.run();
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted in a parallel loop", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /** {@link #parallelFor(int, int, Range)} with a grain of one index. */
    public static void parallelFor(int n, Range body) {
        parallelFor(n, 1, body);
    }
}
