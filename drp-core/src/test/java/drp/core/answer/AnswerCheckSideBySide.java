package drp.core.answer;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Checking speed of two builds side by side in one JVM (BENCHMARKS.md, "Answer checking"): each
 * build in its own class loader, with its own {@code AnswerCheckFigures} pair sets (fast path and
 * mixed, one thread), the two measured in turns within every round, the first alternating. Prints
 * each round and the median of the per-round ratios of checks per second and of the calling
 * thread's CPU time per check. Arguments: rounds, pairs per set, a file holding the dependency
 * classpath ({@code dependency:build-classpath}), the before and after folders, each with
 * {@code classes/} and {@code test-classes/}.
 */
public final class AnswerCheckSideBySide {

    private AnswerCheckSideBySide() {}

    record Side(String name, Object checker, Method explain, List<Object[]> fast, List<Object[]> mixed) {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        List<URL> deps = new ArrayList<>();
        for (String p : Files.readString(Path.of(args[2])).strip().split(":")) deps.add(Path.of(p).toUri().toURL());
        Side[] sides = {side("before", Path.of(args[3]), deps, n), side("after", Path.of(args[4]), deps, n)};
        var bean = ManagementFactory.getThreadMXBean();
        for (int w = 0; w < 4; w++) for (Side s : sides) { time(s, s.fast(), bean); time(s, s.mixed(), bean); } // warm-up: JIT on both sides
        double[][] rf = new double[rounds][4], rm = new double[rounds][4];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                int i = (r % 2 == 0) ? k : 1 - k; // alternate which side goes first
                double[] f = time(sides[i], sides[i].fast(), bean);
                double[] m = time(sides[i], sides[i].mixed(), bean);
                rf[r][2 * i] = f[0];
                rf[r][2 * i + 1] = f[1];
                rm[r][2 * i] = m[0];
                rm[r][2 * i + 1] = m[1];
            }
            System.out.printf("round %d: fast %,.0f -> %,.0f /s (cpu %.2f -> %.2f us), mixed %,.0f -> %,.0f /s (cpu %.2f -> %.2f us)%n", r + 1,
                    rf[r][0], rf[r][2], rf[r][1], rf[r][3], rm[r][0], rm[r][2], rm[r][1], rm[r][3]);
        }
        report("fast", rf);
        report("mixed", rm);
        System.exit(0);
    }

    static void report(String name, double[][] x) {
        double[] ratio = Arrays.stream(x).mapToDouble(r -> r[2] / r[0]).sorted().toArray();
        double[] cpu = Arrays.stream(x).mapToDouble(r -> r[3] / r[1]).sorted().toArray();
        double[] b = Arrays.stream(x).mapToDouble(r -> r[0]).sorted().toArray();
        double[] a = Arrays.stream(x).mapToDouble(r -> r[2]).sorted().toArray();
        System.out.printf("%s: before median %,.0f/s [%,.0f..%,.0f], after median %,.0f/s [%,.0f..%,.0f]; after/before per round median %.3f [%.3f..%.3f]; CPU/check ratio median %.3f [%.3f..%.3f]%n",
                name, med(b), b[0], b[b.length - 1], med(a), a[0], a[a.length - 1], med(ratio), ratio[0], ratio[ratio.length - 1], med(cpu), cpu[0], cpu[cpu.length - 1]);
    }

    static double med(double[] s) { return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; }

    static double[] time(Side s, List<Object[]> pairs, java.lang.management.ThreadMXBean bean) throws Exception {
        long cpu0 = bean.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (Object[] p : pairs) s.explain().invoke(s.checker(), p[0], p[1]);
        long t1 = System.nanoTime();
        long cpu1 = bean.getCurrentThreadCpuTime();
        return new double[] {pairs.size() / ((t1 - t0) / 1e9), (cpu1 - cpu0) / 1e3 / pairs.size()};
    }

    static Side side(String name, Path dir, List<URL> deps, int n) throws Exception {
        List<URL> urls = new ArrayList<>(deps);
        urls.add(0, dir.resolve("classes/").toUri().toURL());
        urls.add(0, dir.resolve("test-classes/").toUri().toURL());
        ClassLoader cl = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class<?> figures = cl.loadClass("drp.core.answer.AnswerCheckFigures");
        Class<?> checkerClass = cl.loadClass("drp.core.answer.EquivalenceChecker");
        Object checker = checkerClass.getConstructor().newInstance();
        Method fastPairs = figures.getDeclaredMethod("fastPairs", int.class, Random.class);
        Method mixedPairs = figures.getDeclaredMethod("mixedPairs", int.class, Random.class);
        fastPairs.setAccessible(true);
        mixedPairs.setAccessible(true);
        Class<?> pair = cl.loadClass("drp.core.answer.AnswerCheckFigures$Pair");
        Method gold = pair.getDeclaredMethod("gold"), pred = pair.getDeclaredMethod("pred");
        gold.setAccessible(true);
        pred.setAccessible(true);
        List<Object[]> fast = new ArrayList<>(), mixed = new ArrayList<>();
        for (Object p : (List<?>) fastPairs.invoke(null, n, new Random(1))) fast.add(new Object[] {gold.invoke(p), pred.invoke(p)});
        for (Object p : (List<?>) mixedPairs.invoke(null, n / 2, new Random(3))) mixed.add(new Object[] {gold.invoke(p), pred.invoke(p)});
        Method explain = checkerClass.getMethod("explain", String.class, String.class);
        return new Side(name, checker, explain, fast, mixed);
    }
}
