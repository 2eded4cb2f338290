package drp.cli.report;

import drp.core.grade.BenchmarkComparison;
import drp.core.grade.Comparison;
import drp.core.grade.GradedRun;
import drp.core.grade.RunSummary;
import drp.core.grade.SummaryOptions;
import drp.core.stats.Bootstrap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers of the report, all from drp-core: per benchmark and model a {@link RunSummary}
 * (accuracy and mean tokens with bootstrap intervals), and per model a paired {@link Comparison}
 * with the reference model (the base student, else the first model).
 *
 * @param reference   the model the others are compared with, or null without models
 * @param summaries   per benchmark, per model
 * @param comparisons per model other than the reference, its comparison with the reference
 */
record Figures(String reference, Map<String, Map<String, RunSummary>> summaries, Map<String, Comparison> comparisons) {

    static Figures of(ReportInputs in) {
        Map<String, Map<String, RunSummary>> summaries = new LinkedHashMap<>();
        for (String bench : in.benchmarks()) {
            Map<String, RunSummary> perModel = new LinkedHashMap<>();
            for (ReportInputs.ModelRun m : in.models()) {
                var records = m.byBenchmark().get(bench);
                if (records != null) {
                    perModel.put(m.name(), RunSummary.of(bench, records, null, null, List.of(), SummaryOptions.defaults()));
                }
            }
            summaries.put(bench, perModel);
        }
        Map<String, Comparison> comparisons = new LinkedHashMap<>();
        String reference = in.models().isEmpty() ? null : in.models().getFirst().name();
        if (reference != null) {
            GradedRun a = GradedRun.of(reference, in.models().getFirst().byBenchmark().values().stream()
                    .flatMap(List::stream).toList());
            for (ReportInputs.ModelRun m : in.models().subList(1, in.models().size())) {
                GradedRun b = GradedRun.of(m.name(), m.byBenchmark().values().stream().flatMap(List::stream).toList());
                comparisons.put(m.name(), Comparison.of(a, b, Bootstrap.defaults()));
            }
        }
        return new Figures(reference, summaries, comparisons);
    }

    /** The paired comparison of {@code model} with the reference on {@code bench}, or null. */
    BenchmarkComparison compared(String model, String bench) {
        Comparison c = comparisons.get(model);
        return c == null ? null : c.benchmarks().stream().filter(b -> b.benchmark().equals(bench)).findFirst()
                .orElse(null);
    }
}
