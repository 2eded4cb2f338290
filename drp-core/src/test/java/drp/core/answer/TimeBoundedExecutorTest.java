package drp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TimeBoundedExecutorTest {

    private static TimeBoundedExecutor pool(int size) {
        return new TimeBoundedExecutor("test", size, () -> { }, Duration.ofSeconds(10));
    }

    @Test
    void returnsTheValue() {
        try (TimeBoundedExecutor p = pool(1)) {
            var out = p.call(() -> 42, Duration.ofSeconds(5));
            assertThat(out).isInstanceOf(TimeBoundedExecutor.Outcome.Done.class);
            assertThat(((TimeBoundedExecutor.Outcome.Done<Integer>) out).value()).isEqualTo(42);
        }
    }

    @Test
    void reportsTheFailure() {
        try (TimeBoundedExecutor p = pool(1)) {
            var out = p.call(() -> {
                throw new IllegalStateException("boom");
            }, Duration.ofSeconds(5));
            assertThat(out).isInstanceOf(TimeBoundedExecutor.Outcome.Failed.class);
            assertThat(((TimeBoundedExecutor.Outcome.Failed<Object>) out).error()).hasMessage("boom");
        }
    }

    @Test
    void anInterruptibleTaskIsStoppedAtItsBudget() {
        AtomicBoolean interrupted = new AtomicBoolean();
        try (TimeBoundedExecutor p = pool(1)) {
            long t0 = System.nanoTime();
            var out = p.call(() -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                return 0;
            }, Duration.ofMillis(100));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(out).isInstanceOf(TimeBoundedExecutor.Outcome.Expired.class);
            assertThat(((TimeBoundedExecutor.Outcome.Expired<Integer>) out).started()).isTrue();
            assertThat(ms).isBetween(90L, 2_000L);
            awaitTrue(interrupted::get);
        }
    }

    @Test
    void aTaskThatIgnoresInterruptsCostsOneThreadNotTheCapacity() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (TimeBoundedExecutor p = pool(1)) {
            var stuck = p.call(() -> {
                while (true) {
                    try {
                        release.await();
                        return 1;
                    } catch (InterruptedException ignored) {
                        // a task that does not stop when asked
                    }
                }
            }, Duration.ofMillis(50));
            assertThat(stuck).isInstanceOf(TimeBoundedExecutor.Outcome.Expired.class);
            assertThat(p.stuckWorkers()).isEqualTo(1);
            // the single slot was handed to a fresh worker: the next task runs at once
            long t0 = System.nanoTime();
            var next = p.call(() -> 7, Duration.ofSeconds(5));
            assertThat(next).isInstanceOf(TimeBoundedExecutor.Outcome.Done.class);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000L);
            release.countDown();
            awaitTrue(() -> p.stuckWorkers() == 0);
        }
    }

    @Test
    void timeWaitingForAWorkerIsNotChargedToTheTask() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (TimeBoundedExecutor p = pool(1)) {
            ExecutorService callers = Executors.newFixedThreadPool(2);
            Future<TimeBoundedExecutor.Outcome<Integer>> first = callers.submit(() -> p.call(() -> {
                hold.await();
                return 1;
            }, Duration.ofSeconds(5)));
            Thread.sleep(100);
            // queued behind the first for ~300 ms, but runs in ~0 ms: its 200 ms budget holds
            Future<TimeBoundedExecutor.Outcome<Integer>> second = callers.submit(() -> p.call(() -> 2, Duration.ofMillis(200)));
            Thread.sleep(300);
            hold.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(TimeBoundedExecutor.Outcome.Done.class);
            assertThat(second.get(5, TimeUnit.SECONDS)).isInstanceOf(TimeBoundedExecutor.Outcome.Done.class);
            callers.shutdown();
        }
    }

    @Test
    void waitingForAWorkerHasItsOwnLimit() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (TimeBoundedExecutor p = new TimeBoundedExecutor("test", 1, () -> { }, Duration.ofMillis(200))) {
            Thread holder = Thread.ofVirtual().start(() -> p.call(() -> {
                hold.await();
                return 1;
            }, Duration.ofSeconds(10)));
            Thread.sleep(100);
            var out = p.call(() -> 2, Duration.ofSeconds(1));
            assertThat(out).isInstanceOf(TimeBoundedExecutor.Outcome.Expired.class);
            assertThat(((TimeBoundedExecutor.Outcome.Expired<Integer>) out).started()).isFalse();
            hold.countDown();
            holder.join(5_000);
        }
    }

    @Test
    void aFailedWorkerPreparationFailsItsTasksWithTheCause() {
        try (TimeBoundedExecutor p = new TimeBoundedExecutor("test", 1, () -> {
            throw new IllegalStateException("no CAS here");
        }, Duration.ofSeconds(10))) {
            var out = p.call(() -> 1, Duration.ofSeconds(5));
            assertThat(out).isInstanceOf(TimeBoundedExecutor.Outcome.Failed.class);
            assertThat(((TimeBoundedExecutor.Outcome.Failed<Integer>) out).error()).hasMessageContaining("no CAS here");
            assertThat(p.initFailure()).hasMessage("no CAS here");
        }
    }

    @Test
    void callersOnManyThreadsAllGetTheirOwnResult() throws Exception {
        try (TimeBoundedExecutor p = pool(2)) {
            List<Thread> threads = new ArrayList<>();
            int[] results = new int[16];
            for (int i = 0; i < results.length; i++) {
                int k = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    var out = p.call(() -> k * k, Duration.ofSeconds(10));
                    results[k] = ((TimeBoundedExecutor.Outcome.Done<Integer>) out).value();
                }));
            }
            for (Thread t : threads) {
                t.join(10_000);
            }
            for (int i = 0; i < results.length; i++) {
                assertThat(results[i]).isEqualTo(i * i);
            }
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
