package drp.llm.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The four ways of {@link TokenCountBenchmark}, timed in interleaved rounds (each round runs
 * every way once, in a shuffled order) so that on a shared machine all ways see the same load;
 * reports median tokens/s per way and the median of the per-round ratios. Run: see
 * BENCHMARKS.md ("Exact token counting"). Argument: the number of measured rounds (default 15).
 */
public final class InterleavedTokenCountBenchmark {

    private InterleavedTokenCountBenchmark() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        TokenCountBenchmark benchmark = new TokenCountBenchmark();
        benchmark.load();
        Map<String, Consumer<TokenCountBenchmark.Tokens>> ways = new LinkedHashMap<>();
        ways.put("single thread, one count per call", benchmark::singleThreadOneCallPerText);
        ways.put("one native batch (Rust threads)", benchmark::nativeBatch);
        ways.put("parallel stream, one count per call", benchmark::parallelStreamOneCallPerText);
        ways.put("DJL encode() per text, one thread", benchmark::djlFullEncodingPerText);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        ways.keySet().forEach(way -> rates.put(way, new ArrayList<>()));
        List<String> order = new ArrayList<>(ways.keySet());
        Random random = new Random(42);
        String loadBefore = loadAverage();
        for (int round = -2; round < rounds; round++) { // two warm-up rounds
            Collections.shuffle(order, random);
            for (String way : order) {
                TokenCountBenchmark.Tokens tokens = new TokenCountBenchmark.Tokens();
                long start = System.nanoTime();
                ways.get(way).accept(tokens);
                double seconds = (System.nanoTime() - start) / 1e9;
                if (round >= 0) {
                    rates.get(way).add(tokens.tokens / seconds);
                }
            }
        }
        benchmark.close();
        System.out.printf("%n%d rounds, %d cores, JDK %s, load average before %s, after %s%n", rounds,
                Runtime.getRuntime().availableProcessors(), Runtime.version(), loadBefore, loadAverage());
        System.out.printf("%-38s %14s %14s %14s%n", "way", "median tok/s", "min", "max");
        rates.forEach((way, values) -> System.out.printf("%-38s %,14.0f %,14.0f %,14.0f%n",
                way, median(values), Collections.min(values), Collections.max(values)));
        List<String> names = new ArrayList<>(ways.keySet());
        printRatio(rates, names.get(1), names.get(0), "batched / single");
        printRatio(rates, names.get(2), names.get(0), "parallel stream / single");
        printRatio(rates, names.get(0), names.get(3), "single (lean JNI) / DJL encode()");
    }

    private static void printRatio(Map<String, List<Double>> rates, String numerator, String denominator, String label) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rates.get(numerator).size(); i++) {
            ratios.add(rates.get(numerator).get(i) / rates.get(denominator).get(i));
        }
        System.out.printf("%-38s median %.2f (min %.2f, max %.2f) over paired rounds%n",
                label, median(ratios), Collections.min(ratios), Collections.max(ratios));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
