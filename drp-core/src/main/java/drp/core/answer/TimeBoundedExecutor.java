package drp.core.answer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs tasks on a small set of daemon worker threads and waits for each at most its budget. This
 * works from any calling thread (no signals, no main-thread assumption). A task that overruns is
 * interrupted and its worker is <em>retired</em>: it leaves once the task returns, and a fresh
 * worker takes its place at once, so a task that ignores interruption costs one thread, never the
 * pool's capacity or a caller's deadline.
 *
 * <p>The budget counts from the moment a worker starts the task, so time spent waiting for a free
 * worker (when more callers than workers are busy) is not charged to the task; that wait has its
 * own, larger limit ({@code queueLimit}). A worker's one-time preparation ({@code workerInit}, e.g.
 * loading Symja) also happens before any task's clock starts.
 */
final class TimeBoundedExecutor implements AutoCloseable {

    /** How a bounded call ended. */
    sealed interface Outcome<T> {
        /** The task returned {@code value} after running {@code ran}. */
        record Done<T>(T value, Duration ran) implements Outcome<T> {}

        /** The task threw {@code error} after running {@code ran}. */
        record Failed<T>(Throwable error, Duration ran) implements Outcome<T> {}

        /**
         * The budget ran out: while running ({@code started}), or while waiting for a free worker.
         */
        record Expired<T>(boolean started, Duration waited) implements Outcome<T> {}
    }

    private final String name;
    private final int size;
    private final Runnable workerInit;
    private final Duration queueLimit;
    private final LinkedBlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger retiredStillRunning = new AtomicInteger();
    private final AtomicInteger serial = new AtomicInteger();
    private final AtomicReference<Throwable> initFailure = new AtomicReference<>();
    private volatile boolean closed;

    TimeBoundedExecutor(String name, int size, Runnable workerInit, Duration queueLimit) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one worker is needed, got " + size);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.size = size;
        this.workerInit = Objects.requireNonNull(workerInit, "workerInit");
        this.queueLimit = Objects.requireNonNull(queueLimit, "queueLimit");
    }

    /** Runs {@code task} on a worker and waits for it at most {@code budget} once it has started. */
    <T> Outcome<T> call(Callable<T> task, Duration budget) {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        Job<T> job = new Job<>(task);
        startWorkersIfNeeded();
        queue.add(job);
        long enqueued = System.nanoTime();
        try {
            job.started.get(queueLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (job.claim()) {
                queue.remove(job);
                return new Outcome.Expired<>(false, Duration.ofNanos(System.nanoTime() - enqueued));
            }
            // a worker took it at the last moment: wait for it like any started job
        } catch (InterruptedException e) {
            job.claim();
            queue.remove(job);
            Thread.currentThread().interrupt();
            return new Outcome.Expired<>(false, Duration.ofNanos(System.nanoTime() - enqueued));
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: start signal failed", e);
        }
        long left = budget.toNanos() - (System.nanoTime() - job.startNanos);
        try {
            T value = job.done.get(Math.max(0, left), TimeUnit.NANOSECONDS);
            return new Outcome.Done<>(value, job.ran());
        } catch (ExecutionException e) {
            return new Outcome.Failed<>(e.getCause(), job.ran());
        } catch (TimeoutException e) {
            expire(job);
            return new Outcome.Expired<>(true, Duration.ofNanos(System.nanoTime() - job.startNanos));
        } catch (InterruptedException e) {
            expire(job);
            Thread.currentThread().interrupt();
            return new Outcome.Expired<>(true, Duration.ofNanos(System.nanoTime() - job.startNanos));
        }
    }

    /** Workers retired after a timeout whose task has not returned yet (for tests and diagnostics). */
    int stuckWorkers() {
        return retiredStillRunning.get();
    }

    /** The first failure of {@code workerInit}, if any. */
    Throwable initFailure() {
        return initFailure.get();
    }

    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < live.get(); i++) {
            queue.add(Job.POISON);
        }
    }

    private void expire(Job<?> job) {
        Worker w = job.runner;
        if (w != null && w.stop(job)) {
            // a fresh worker replaces the retired one, so the pool keeps its capacity
            startWorkersIfNeeded();
        }
    }

    private void startWorkersIfNeeded() {
        int n;
        while ((n = live.get()) < size && !closed) {
            if (live.compareAndSet(n, n + 1)) {
                Worker w = new Worker();
                w.thread.start();
            }
        }
    }

    private final class Worker implements Runnable {
        final Thread thread;
        private volatile boolean retired;
        private Job<?> current; // guarded by this

        Worker() {
            thread = new Thread(this, name + "-" + serial.incrementAndGet());
            thread.setDaemon(true);
        }

        /** Retires this worker and interrupts it, if it is still running {@code job}. */
        synchronized boolean stop(Job<?> job) {
            if (current != job || retired) {
                return false;
            }
            retired = true;
            retiredStillRunning.incrementAndGet();
            live.decrementAndGet();
            thread.interrupt();
            return true;
        }

        @Override
        public void run() {
            Throwable initError = null;
            try {
                workerInit.run();
            } catch (Throwable t) {
                initError = t;
                initFailure.compareAndSet(null, t);
            }
            try {
                while (!retired) {
                    Job<?> job = queue.take();
                    if (job == Job.POISON) {
                        return;
                    }
                    if (!job.claim()) {
                        continue; // its caller gave up waiting
                    }
                    synchronized (this) {
                        current = job;
                    }
                    job.run(this, initError);
                    synchronized (this) {
                        current = null;
                        Thread.interrupted(); // an interrupt meant for this job must not hit the next
                    }
                }
            } catch (InterruptedException e) {
                // closing
            } finally {
                if (retired) {
                    retiredStillRunning.decrementAndGet();
                } else {
                    live.decrementAndGet();
                }
            }
        }
    }

    private static final class Job<T> {
        static final Job<Object> POISON = new Job<>(() -> null);

        final Callable<T> task;
        final CompletableFuture<Void> started = new CompletableFuture<>();
        final CompletableFuture<T> done = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(); // 0 waiting, 1 claimed
        volatile long startNanos;
        volatile long endNanos;
        volatile Worker runner;

        Job(Callable<T> task) {
            this.task = task;
        }

        /** Exactly one of the worker and the giving-up caller wins. */
        boolean claim() {
            return state.compareAndSet(0, 1);
        }

        Duration ran() {
            long end = endNanos == 0 ? System.nanoTime() : endNanos;
            return Duration.ofNanos(end - startNanos);
        }

        void run(Worker worker, Throwable initError) {
            runner = worker;
            startNanos = System.nanoTime();
            started.complete(null);
            try {
                if (initError != null) {
                    throw new IllegalStateException("worker preparation failed: " + initError, initError);
                }
                T value = task.call();
                endNanos = System.nanoTime();
                done.complete(value);
            } catch (Throwable t) {
                endNanos = System.nanoTime();
                done.completeExceptionally(t);
            } finally {
                runner = null;
            }
        }
    }
}
