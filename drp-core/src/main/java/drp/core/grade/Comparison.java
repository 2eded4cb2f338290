package drp.core.grade;

import com.fasterxml.jackson.annotation.JsonInclude;
import drp.core.bench.BenchmarkRegistry;
import drp.core.io.JsonCodec;
import drp.core.stats.Bootstrap;
import drp.core.stats.Interval;
import drp.core.stats.McNemarTest;
import drp.core.stats.WilcoxonSignedRankTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Two graded runs (say a base model A and its DRP-distilled version B) compared benchmark by
 * benchmark on the problems both answered: accuracy and mean tokens of each, their differences with
 * paired-bootstrap intervals, an exact McNemar test on accuracy and a Wilcoxon signed-rank test on
 * tokens. Renders as the paper's Table 1 ({@link #toMarkdown}) and as JSON ({@link #toJson}).
 *
 * @param a          run A's label
 * @param b          run B's label
 * @param benchmarks one comparison per benchmark both runs graded, in report order
 * @param onlyInA    benchmarks only run A graded
 * @param onlyInB    benchmarks only run B graded
 * @param bootstrap  how the intervals were computed
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Comparison(String a, String b, List<BenchmarkComparison> benchmarks, List<String> onlyInA,
        List<String> onlyInB, RunSummary.BootstrapInfo bootstrap) {

    public Comparison {
        benchmarks = List.copyOf(benchmarks);
        onlyInA = List.copyOf(onlyInA);
        onlyInB = List.copyOf(onlyInB);
    }

    /** Compares with the standard benchmarks' titles and the paper's order. */
    public static Comparison of(GradedRun a, GradedRun b, Bootstrap bootstrap) {
        return of(a, b, bootstrap, BenchmarkRegistry::standardTitle, BenchmarkRegistry.REPORT_ORDER);
    }

    /**
     * Compares run {@code b} with run {@code a}.
     *
     * @param title names benchmarks in the table
     * @param order benchmarks listed here come first, in this order; others follow by name
     */
    public static Comparison of(GradedRun a, GradedRun b, Bootstrap bootstrap, Function<String, String> title,
            List<String> order) {
        Comparator<String> byOrder = Comparator.<String>comparingInt(
                n -> order.contains(n) ? order.indexOf(n) : order.size()).thenComparing(Comparator.naturalOrder());
        List<String> common = a.byBenchmark().keySet().stream().filter(b.byBenchmark()::containsKey).sorted(byOrder)
                .toList();
        List<BenchmarkComparison> compared = new ArrayList<>();
        for (String name : common) {
            compared.add(compare(name, title.apply(name), a.byBenchmark().get(name), b.byBenchmark().get(name),
                    bootstrap));
        }
        return new Comparison(a.label(), b.label(), compared,
                a.byBenchmark().keySet().stream().filter(n -> !b.byBenchmark().containsKey(n)).sorted(byOrder).toList(),
                b.byBenchmark().keySet().stream().filter(n -> !a.byBenchmark().containsKey(n)).sorted(byOrder).toList(),
                RunSummary.BootstrapInfo.of(bootstrap));
    }

    /** One run's outputs of one problem, reduced to what the comparison needs. */
    private record Outcome(int n, int correct, double tokens, int withTokens, boolean firstCorrect) {
        static Outcome of(List<GradedRecord> outputs) {
            int correct = 0;
            double tokens = 0;
            int withTokens = 0;
            GradedRecord first = outputs.getFirst();
            for (GradedRecord r : outputs) {
                correct += r.correct() ? 1 : 0;
                if (r.outputTokens() != null) {
                    tokens += r.outputTokens();
                    withTokens++;
                }
                if (r.sampleIndex() < first.sampleIndex()
                        || (r.sampleIndex() == first.sampleIndex() && r.id().compareTo(first.id()) < 0)) {
                    first = r;
                }
            }
            return new Outcome(outputs.size(), correct, tokens, withTokens, first.correct());
        }
    }

    private static Map<String, Outcome> byProblem(List<GradedRecord> records) {
        Map<String, List<GradedRecord>> grouped = new TreeMap<>();
        records.forEach(r -> grouped.computeIfAbsent(r.problemId(), k -> new ArrayList<>()).add(r));
        Map<String, Outcome> outcomes = new TreeMap<>();
        grouped.forEach((id, rs) -> outcomes.put(id, Outcome.of(rs)));
        return outcomes;
    }

    static BenchmarkComparison compare(String name, String title, List<GradedRecord> aRecords,
            List<GradedRecord> bRecords, Bootstrap bootstrap) {
        Map<String, Outcome> a = byProblem(aRecords);
        Map<String, Outcome> b = byProblem(bRecords);
        List<String> paired = a.keySet().stream().filter(b::containsKey).toList(); // sorted: TreeMap keys
        if (paired.isEmpty()) {
            throw new IllegalArgumentException("benchmark " + name + ": the two runs share no problem (A has "
                    + a.size() + ", B has " + b.size() + "); are the problem ids from the same benchmark file?");
        }
        int onlyA = a.size() - paired.size();
        int onlyB = b.size() - paired.size();

        // columns: A correct, A outputs, B correct, B outputs, A tokens, A counted, B tokens, B counted
        double[][] rows = new double[paired.size()][];
        boolean[] firstA = new boolean[paired.size()];
        boolean[] firstB = new boolean[paired.size()];
        List<Double> tokenDifferences = new ArrayList<>();
        for (int i = 0; i < paired.size(); i++) {
            Outcome x = a.get(paired.get(i));
            Outcome y = b.get(paired.get(i));
            rows[i] = new double[] {x.correct(), x.n(), y.correct(), y.n(), x.tokens(), x.withTokens(), y.tokens(),
                    y.withTokens()};
            firstA[i] = x.firstCorrect();
            firstB[i] = y.firstCorrect();
            if (x.withTokens() > 0 && y.withTokens() > 0) {
                tokenDifferences.add(y.tokens() / y.withTokens() - x.tokens() / x.withTokens());
            }
        }
        Bootstrap.Statistic accuracyDifference = s -> s[2] / s[3] - s[0] / s[1];
        Bootstrap.Statistic tokensDifference = s -> s[6] / s[7] - s[4] / s[5];
        Bootstrap.Statistic tokensRatio = s -> (s[6] / s[7]) / (s[4] / s[5]);
        List<Interval> ci = bootstrap.intervals(rows, List.of(accuracyDifference, tokensDifference, tokensRatio));

        double aN = 0, aCorrect = 0, bN = 0, bCorrect = 0, aTokens = 0, aCounted = 0, bTokens = 0, bCounted = 0;
        for (double[] row : rows) {
            aCorrect += row[0];
            aN += row[1];
            bCorrect += row[2];
            bN += row[3];
            aTokens += row[4];
            aCounted += row[5];
            bTokens += row[6];
            bCounted += row[7];
        }
        Double aMean = aCounted > 0 ? aTokens / aCounted : null;
        Double bMean = bCounted > 0 ? bTokens / bCounted : null;
        boolean tokens = aMean != null && bMean != null;
        BenchmarkComparison.Side sideA = new BenchmarkComparison.Side((int) aN, aCorrect / aN, aMean);
        BenchmarkComparison.Side sideB = new BenchmarkComparison.Side((int) bN, bCorrect / bN, bMean);
        return new BenchmarkComparison(name, title, paired.size(), onlyA, onlyB, sideA, sideB,
                sideB.accuracy() - sideA.accuracy(), ci.get(0),
                tokens ? bMean - aMean : null, tokens ? ci.get(1) : null,
                tokens && aMean > 0 ? bMean / aMean : null, tokens && aMean > 0 ? ci.get(2) : null,
                McNemarTest.of(firstA, firstB),
                tokenDifferences.isEmpty() ? null
                        : WilcoxonSignedRankTest.of(tokenDifferences.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /** The comparison as pretty JSON (snake_case keys). */
    public String toJson() {
        return JsonCodec.pretty(this);
    }

    /** The comparison as a Markdown table in the shape of the paper's Table 1, with a legend. */
    public String toMarkdown() {
        return ComparisonTable.render(this);
    }
}
