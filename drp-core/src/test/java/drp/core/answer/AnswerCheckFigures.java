package drp.core.answer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Grading-speed figures for BENCHMARKS.md ("Answer checking"): checks per second of
 * {@link EquivalenceChecker} on generated answer pairs, the fast path (numbers, fractions,
 * decimals, separators, percentages, mixed numbers, constant expressions, sets, tuples, intervals:
 * no Symja) side by side with the symbolic path (expressions in variables that only Symja can
 * prove equal), plain-text answers as models write them ({@code sqrt(2)/2}, {@code sin(pi/6)},
 * {@code ln(3)}, {@code 3pi}, {@code √5}, {@code cos(60°)}), and the mixed set; with the latency distribution and the slowest check
 * against the time bound, and the CPU time the checking threads spent per check (Symja's workers
 * not included), which a loaded machine disturbs less than the wall-clock rate. Run as a main
 * class (see BENCHMARKS.md for the command).
 */
public final class AnswerCheckFigures {

    private AnswerCheckFigures() {}

    record Pair(String gold, String pred) {}

    public static void main(String[] args) throws Exception {
        int fastCount = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int casCount = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        List<Pair> fast = fastPairs(fastCount, new Random(1));
        List<Pair> cas = casPairs(casCount, new Random(2));
        List<Pair> mixed = mixedPairs(fastCount / 2, new Random(3));
        List<Pair> plain = plainPairs(fastCount / 4, new Random(4));
        try (EquivalenceChecker checker = new EquivalenceChecker()) {
            // warm-up: JIT on both paths, and Symja's one-time load (about a second, outside any bound)
            run(checker, fast, 2);
            run(checker, cas, 2);
            System.out.printf(Locale.ROOT, "JDK %s, %d cores, bound %d ms per check%n", Runtime.version(),
                    Runtime.getRuntime().availableProcessors(), checker.options().timeout().toMillis());
            System.out.println("| set | pairs | threads | checks/s | caller CPU/check | p50 | p99 | max | over bound | verdicts C/W/U/T |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            // each figure: the median of three runs (the box is shared, so single runs are noisy);
            // latencies and the count over the bound cover all three runs
            for (int threads : new int[] {1, 2}) {
                print("fast path (no Symja)", median(checker, fast, threads), threads);
                print("symbolic path (Symja)", median(checker, cas, threads), threads);
                print("plain text (sqrt(2)/2, sin(pi/6), ln(3), cos(60°))", median(checker, plain, threads), threads);
                print("mixed (numbers, fractions, expressions, sets)", median(checker, mixed, threads), threads);
            }
        }
        // the bound at work: high powers that Symja needs about a second to compare, under a 100 ms bound
        EquivalenceOptions tight = EquivalenceOptions.DEFAULTS.withTimeout(java.time.Duration.ofMillis(100));
        try (EquivalenceChecker checker = new EquivalenceChecker(tight)) {
            run(checker, cas.subList(0, 50), 1);
            Result r = run(checker, heavyPairs(), 1);
            print("heavy symbolic, bound 100 ms", r, 1, 1);
            Thread.sleep(1_000);
            System.out.println("workers still busy with a timed-out query 1 s later: " + checker.stuckWorkers());
        }
    }

    record Result(int pairs, double seconds, long[] nanos, int[] verdicts, long overBound, long cpuNanos) {}

    static Result median(EquivalenceChecker checker, List<Pair> pairs, int threads) throws Exception {
        List<Result> runs = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            runs.add(run(checker, pairs, threads));
        }
        runs.sort(java.util.Comparator.comparingDouble(Result::seconds));
        Result mid = runs.get(1);
        long[] all = runs.stream().flatMapToLong(r -> Arrays.stream(r.nanos())).toArray();
        long over = runs.stream().mapToLong(Result::overBound).sum();
        // the least CPU of the three runs: the one least disturbed by the other work on the machine
        long cpu = runs.stream().mapToLong(Result::cpuNanos).min().orElseThrow();
        return new Result(mid.pairs(), mid.seconds(), all, mid.verdicts(), over, cpu);
    }

    static Result run(EquivalenceChecker checker, List<Pair> pairs, int threads) throws Exception {
        long bound = checker.options().timeout().toNanos();
        long[] nanos = new long[pairs.size()];
        int[][] verdicts = new int[threads][4];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.concurrent.atomic.AtomicLong cpu = new java.util.concurrent.atomic.AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> parts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int from = pairs.size() * t / threads;
            int to = pairs.size() * (t + 1) / threads;
            int[] counts = verdicts[t];
            parts.add(pool.submit(() -> {
                long cpu0 = mx.getCurrentThreadCpuTime();
                for (int i = from; i < to; i++) {
                    long s = System.nanoTime();
                    Verdict v = checker.check(pairs.get(i).gold(), pairs.get(i).pred());
                    nanos[i] = System.nanoTime() - s;
                    counts[switch (v) {
                        case Verdict.Correct c -> 0;
                        case Verdict.Wrong w -> 1;
                        case Verdict.Unparseable u -> 2;
                        case Verdict.TimedOut o -> 3;
                    }]++;
                }
                cpu.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
            }));
        }
        for (Future<?> f : parts) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        int[] total = new int[4];
        for (int[] v : verdicts) {
            for (int k = 0; k < 4; k++) {
                total[k] += v[k];
            }
        }
        long over = Arrays.stream(nanos).filter(n -> n > bound).count();
        return new Result(pairs.size(), seconds, nanos, total, over, cpu.get());
    }

    private static void print(String name, Result r, int threads) {
        print(name, r, threads, 3);
    }

    private static void print(String name, Result r, int threads, int repetitions) {
        long[] sorted = r.nanos().clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %,d x %d | %d | %,.0f | %.1f us | %s | %s | %s | %d | %d/%d/%d/%d |%n", name, r.pairs(), repetitions, threads,
                r.pairs() / r.seconds(), r.cpuNanos() / 1e3 / r.pairs(), micros(sorted[sorted.length / 2]), micros(sorted[(int) (sorted.length * 0.99)]),
                micros(sorted[sorted.length - 1]), r.overBound(), r.verdicts()[0], r.verdicts()[1], r.verdicts()[2], r.verdicts()[3]);
    }

    private static String micros(long nanos) {
        return nanos < 1_000_000 ? String.format(Locale.ROOT, "%.0f us", nanos / 1e3)
                : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** Numbers, fractions, decimals, separators, percentages, mixed numbers, constants, sets, tuples, intervals. */
    static List<Pair> fastPairs(int n, Random r) {
        List<Pair> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int a = r.nextInt(2000) - 1000;
            int b = r.nextInt(999) + 1;
            int c = r.nextInt(100);
            boolean same = r.nextBoolean();
            out.add(switch (i % 12) {
                case 0 -> new Pair(String.valueOf(a), same ? a + ".0" : String.valueOf(a + 1));
                case 1 -> new Pair("\\frac{" + a + "}{" + b + "}", "\\dfrac{" + 2 * a + "}{" + (same ? 2 * b : 2 * b + 1) + "}");
                case 2 -> new Pair("\\frac{" + a + "}{8}", same ? String.valueOf(a / 8.0) : String.valueOf(a / 8.0 + 0.5));
                case 3 -> new Pair(String.format(Locale.ROOT, "%,d", 1000 * b + c), String.valueOf(1000 * b + (same ? c : c + 1)));
                case 4 -> new Pair(c + "\\%", same ? String.valueOf(c) : String.valueOf(c + 2));
                case 5 -> new Pair(b + "\\frac{1}{2}", same ? b + ".5" : String.valueOf(b));
                case 6 -> new Pair(c + "\\sqrt{" + (b + 1) + "}", same ? "\\sqrt{" + (long) c * c * (b + 1) + "}" : c + "\\sqrt{" + (b + 2) + "}");
                case 7 -> new Pair(c + "\\pi", same ? "\\pi \\cdot " + c : (c + 1) + "\\pi");
                case 8 -> new Pair("\\{" + a + ", " + b + ", " + c + "\\}", same ? c + ", " + a + ", " + b : a + ", " + b);
                case 9 -> new Pair("(" + a + ", \\frac{" + c + "}{2})", same ? "(" + a + ", " + c / 2.0 + ")" : "(" + c / 2.0 + ", " + a + ")");
                case 10 -> new Pair("[" + a + ", " + b + ")", same ? "\\left[" + a + "," + b + "\\right)" : "(" + a + ", " + b + ")");
                default -> new Pair("x = " + a, same ? String.valueOf(a) : "x = " + (a - 1));
            });
        }
        return out;
    }

    /** Plain-text answers against LaTeX golds: functions, constants, unicode, degrees; none needs Symja. */
    static List<Pair> plainPairs(int n, Random r) {
        List<Pair> out = new ArrayList<>(n);
        int[] angles = {30, 45, 60, 90, 120, 135, 150};
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(50) + 2;
            int a = angles[r.nextInt(angles.length)];
            boolean same = r.nextBoolean();
            int other = same ? k : k + 1;
            out.add(switch (i % 6) {
                case 0 -> new Pair("\\frac{\\sqrt{" + k + "}}{2}", "sqrt(" + other + ")/2");
                case 1 -> new Pair("\\sin\\frac{" + a + "\\pi}{180}", "sin(" + (same ? a : a + 15) + "*pi/180)");
                case 2 -> new Pair("\\ln " + k, "ln(" + other + ")");
                case 3 -> new Pair(k + "\\pi", other + "pi");
                case 4 -> new Pair("\\sqrt{" + k + "}", "\u221a" + other);
                default -> new Pair("\\cos\\frac{" + a + "\\pi}{180}", "cos(" + (same ? a : a + 15) + "\u00b0)");
            });
        }
        return out;
    }

    /** Expressions in variables that are equal: only Symja's PossibleZeroQ can say so. */
    static List<Pair> casPairs(int n, Random r) {
        List<Pair> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int a = r.nextInt(19) - 9;
            int b = r.nextInt(19) - 9;
            out.add(switch (i % 4) {
                case 0 -> new Pair("(x" + signed(a) + ")(x" + signed(b) + ")", "x^2" + signed(a + b) + "x" + signed(a * b));
                case 1 -> new Pair("\\frac{x^2" + signed(-a * a) + "}{x" + signed(-a) + "}", "x" + signed(a));
                case 2 -> new Pair("(a" + signed(b) + "c)^2", "a^2" + signed(2 * b) + "ac" + signed(b * b) + "c^2");
                default -> new Pair(a + "\\sin^2 t" + signed(a) + "\\cos^2 t", String.valueOf(a));
            });
        }
        return out;
    }

    /** {@code (a+b)^k(a-b)^k} against {@code (a^2-b^2)^k}: true, and slow for Symja at high k. */
    static List<Pair> heavyPairs() {
        List<Pair> out = new ArrayList<>();
        for (int k = 50; k < 70; k++) {
            out.add(new Pair("(a+b)^{" + k + "}(a-b)^{" + k + "}", "(a^2-b^2)^{" + k + "}"));
        }
        return out;
    }

    /** The mix: mostly numbers and fractions, some sets, some expressions. */
    static List<Pair> mixedPairs(int n, Random r) {
        List<Pair> fast = fastPairs(n, r);
        List<Pair> cas = casPairs(n / 50 + 1, r);
        List<Pair> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i % 50 == 49 ? cas.get(i / 50) : fast.get(i));
        }
        return out;
    }

    private static String signed(int k) {
        return k < 0 ? String.valueOf(k) : "+" + k;
    }
}
