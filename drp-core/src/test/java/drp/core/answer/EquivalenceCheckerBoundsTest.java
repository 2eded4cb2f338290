package drp.core.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Time bounds and error handling, proved with injected computer algebra that is slow, ignores
 * interruption, throws, or cannot decide; and thread safety with the real Symja.
 */
class EquivalenceCheckerBoundsTest {

    private static final EquivalenceOptions FAST = EquivalenceOptions.DEFAULTS.withTimeout(Duration.ofMillis(200)).withCasWorkers(2);

    /** An expression pair that only the symbolic step can decide. */
    private static final String GOLD = "(x-2)(x+2)";
    private static final String PRED = "x^2-4";

    @Test
    void aSlowAlgebraGivesTimedOutWithinTheBound() {
        CountDownLatch never = new CountDownLatch(1);
        ComputerAlgebra slow = query -> {
            while (true) {
                try {
                    never.await(); // ignores interruption: the worst case
                } catch (InterruptedException ignored) {
                    // keep blocking
                }
            }
        };
        try (EquivalenceChecker checker = new EquivalenceChecker(FAST, slow)) {
            long t0 = System.nanoTime();
            Verdict v = checker.check(GOLD, PRED);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(v).isInstanceOf(Verdict.TimedOut.class);
            assertThat(v.reason()).contains("bound of 200 ms").contains("PossibleZeroQ");
            assertThat(ms).isLessThan(1_500L);
            // the next check still runs: the stuck worker was replaced
            assertThat(checker.check("1/2", "0.5").isCorrect()).isTrue();
            assertThat(checker.check(GOLD, PRED)).isInstanceOf(Verdict.TimedOut.class);
            assertThat(checker.stuckWorkers()).isEqualTo(2);
            never.countDown();
        }
    }

    @Test
    void anInterruptibleSlowAlgebraIsStopped() {
        AtomicInteger stopped = new AtomicInteger();
        ComputerAlgebra sleepy = query -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                stopped.incrementAndGet();
                throw e;
            }
            return new ComputerAlgebra.Reply(ComputerAlgebra.Reply.Value.TRUE, "True");
        };
        try (EquivalenceChecker checker = new EquivalenceChecker(FAST, sleepy)) {
            assertThat(checker.check(GOLD, PRED)).isInstanceOf(Verdict.TimedOut.class);
            TimeBoundedExecutorTest.awaitTrue(() -> stopped.get() == 1);
            TimeBoundedExecutorTest.awaitTrue(() -> checker.stuckWorkers() == 0);
        }
    }

    @Test
    void theBoundHoldsOffTheMainThreadToo() throws Exception {
        ComputerAlgebra slow = query -> {
            Thread.sleep(60_000);
            return null;
        };
        try (EquivalenceChecker checker = new EquivalenceChecker(FAST, slow)) {
            Verdict onVirtual = CompletableFuture.supplyAsync(() -> checker.check(GOLD, PRED),
                    Executors.newVirtualThreadPerTaskExecutor()).get(10, TimeUnit.SECONDS);
            Verdict onCommonPool = CompletableFuture.supplyAsync(() -> checker.check(GOLD, PRED)).get(10, TimeUnit.SECONDS);
            assertThat(onVirtual).isInstanceOf(Verdict.TimedOut.class);
            assertThat(onCommonPool).isInstanceOf(Verdict.TimedOut.class);
        }
    }

    @Test
    void aHeavySymjaQueryIsCutAtTheBound() {
        try (EquivalenceChecker checker = new EquivalenceChecker(FAST)) {
            assertThat(checker.check(GOLD, PRED).isCorrect()).isTrue(); // Symja loaded and warm
            long t0 = System.nanoTime();
            Verdict v = checker.check("(a+b)^{80}(a-b)^{80}", "(a^2-b^2)^{80}");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(v).isInstanceOf(Verdict.TimedOut.class);
            assertThat(ms).isLessThan(1_500L);
            // Symja polls the interrupt flag: the retired worker finishes soon after
            TimeBoundedExecutorTest.awaitTrue(() -> checker.stuckWorkers() == 0);
        }
    }

    @Test
    void aThrowingAlgebraIsUnparseableWithTheCauseNeverWrong() {
        ComputerAlgebra broken = query -> {
            throw new ArithmeticException("limit exceeded");
        };
        try (EquivalenceChecker checker = new EquivalenceChecker(FAST, broken)) {
            Verdict v = checker.check(GOLD, PRED);
            assertThat(v).isInstanceOf(Verdict.Unparseable.class);
            assertThat(v.reason()).contains("Symja failed").contains("ArithmeticException").contains("limit exceeded");
        }
    }

    @Test
    void anUndecidedQueryIsUnparseableWithTheAlgebrasOutput() {
        ComputerAlgebra unsure = query -> new ComputerAlgebra.Reply(ComputerAlgebra.Reply.Value.OTHER, "PossibleZeroQ[...]");
        try (EquivalenceChecker checker = new EquivalenceChecker(FAST, unsure)) {
            Verdict v = checker.check(GOLD, PRED);
            assertThat(v).isInstanceOf(Verdict.Unparseable.class);
            assertThat(v.reason()).contains("could not decide").contains("PossibleZeroQ[...]");
        }
    }

    @Test
    void aPreparationFailureIsReported() {
        ComputerAlgebra absent = new ComputerAlgebra() {
            @Override
            public Reply evaluate(String query) {
                return new Reply(Reply.Value.TRUE, "True");
            }

            @Override
            public void prepareThread() {
                throw new NoClassDefFoundError("org/matheclipse/core/eval/EvalEngine");
            }
        };
        try (EquivalenceChecker checker = new EquivalenceChecker(FAST, absent)) {
            Verdict v = checker.check(GOLD, PRED);
            assertThat(v).isInstanceOf(Verdict.Unparseable.class);
            assertThat(v.reason()).contains("EvalEngine");
        }
    }

    @Test
    void commonNumericAnswersNeverTouchTheAlgebra() {
        AtomicInteger calls = new AtomicInteger();
        ComputerAlgebra counting = query -> {
            calls.incrementAndGet();
            throw new AssertionError("the fast path called Symja with " + query);
        };
        String[][] pairs = {
            {"42", "42.0"}, {"\\frac{1}{2}", "0.5"}, {"\\dfrac{105}{2}", "52.5"}, {"1,000", "1000"},
            {"10\\%", "0.1"}, {"2\\frac{1}{2}", "\\frac{5}{2}"}, {"\\sqrt{8}", "2\\sqrt{2}"}, {"3\\pi", "\\pi\\cdot 3"},
            {"\\{1, 2\\}", "2, 1"}, {"(1, \\frac{9}{2})", "(1, 4.5)"}, {"[0, 1)", "[0,1)"}, {"x = 3", "3"},
            {"7", "8"}, {"\\frac{1}{3}", "0.333"}, {"(x-2)(x+2)", "x^2+4"}, {"\\frac{1}{6}", "C"},
            {"x^{2}+1", "x^2+1"}, {"\\left(x+1\\right)^{3}", "(x+1)^3"},
        };
        try (EquivalenceChecker checker = new EquivalenceChecker(FAST, counting)) {
            for (String[] p : pairs) {
                Verdict v = checker.check(p[0], p[1]);
                assertThat(v).as(p[0] + " vs " + p[1]).isInstanceOfAny(Verdict.Correct.class, Verdict.Wrong.class);
            }
        }
        assertThat(calls).hasValue(0);
    }

    @Test
    void emptyAndOverlongAnswersAreUnparseable() {
        try (EquivalenceChecker checker = new EquivalenceChecker(FAST)) {
            assertThat(checker.check("5", "")).isInstanceOf(Verdict.Unparseable.class);
            assertThat(checker.check("5", null).reason()).contains("no predicted answer");
            assertThat(checker.check("", "5").reason()).contains("gold answer is empty");
            assertThat(checker.check("5", "1+".repeat(3000) + "1").reason()).contains("longer than");
        }
    }

    @Test
    void runawayNumbersStayBounded() {
        try (EquivalenceChecker checker = new EquivalenceChecker(EquivalenceOptions.DEFAULTS.withTimeout(Duration.ofSeconds(2)))) {
            long t0 = System.nanoTime();
            Verdict v = checker.check("10^{10^{10}}", "10^{10^{10}}+1");
            assertThat(v).isNotInstanceOf(Verdict.Correct.class);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_500L);
        }
    }

    @Test
    void parallelChecksWithSymjaAgreeWithSequentialOnes() throws Exception {
        String[][] pairs = {
            {"(x-2)(x+2)", "x^2-4"}, {"(x-2)(x+2)", "x^2+4"}, {"\\tan^2(y)+1", "\\sec^2(y)"},
            {"\\frac{x^3-1}{x-1}", "x^2+x+1"}, {"x^2/4 + y^2/3 = 1", "x^2/16 + y^2/12 = 1/4"},
            {"2x+4y-3=0", "y=-\\frac{1}{2}x+\\frac{3}{4}"}, {"(a+b)^2", "a^2+2ab+b^2"}, {"(a+b)^2", "a^2+b^2"},
            {"\\frac{1}{2}", "0.5"}, {"\\{1,2\\}", "\\{2,1\\}"},
        };
        try (EquivalenceChecker checker = new EquivalenceChecker(EquivalenceOptions.DEFAULTS.withCasWorkers(2))) {
            List<String> sequential = new ArrayList<>();
            for (String[] p : pairs) {
                sequential.add(checker.check(p[0], p[1]).label());
            }
            assertThat(sequential).doesNotContain("TIMEOUT", "UNPARSEABLE");
            ExecutorService callers = Executors.newFixedThreadPool(8);
            List<Future<String>> futures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String[] p : pairs) {
                    futures.add(callers.submit(() -> checker.check(p[0], p[1]).label()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get(60, TimeUnit.SECONDS)).as(String.join(" vs ", pairs[i % pairs.length]))
                        .isEqualTo(sequential.get(i % pairs.length));
            }
            callers.shutdown();
        }
    }
}
