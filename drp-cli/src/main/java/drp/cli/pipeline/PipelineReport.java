package drp.cli.pipeline;

import drp.core.align.VariantAlignment;
import drp.core.stats.Correlation;
import drp.cli.report.Figure;
import drp.core.grade.BenchmarkComparison;
import drp.core.grade.Comparison;
import drp.core.grade.GradedRun;
import drp.core.grade.RunSummary;
import drp.core.stage.CompletionRecord;
import drp.core.stats.Bootstrap;
import drp.core.stats.Interval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a pipeline run's graded answers into summary.json, the printed tables (the paper's Table 1
 * per benchmark, and the ablation table when several arms ran) and report.md. Every figure comes
 * from drp-core's grading and statistics: {@link RunSummary} for each model's accuracy and tokens
 * with their bootstrap intervals, {@link Comparison} for paired differences and tests.
 */
final class PipelineReport {

    /**
     * What the report is made of, read back from the run directory.
     *
     * @param models     the evaluated models in order (base first), by name -> label
     * @param graded     per model, its graded answers on every benchmark (greedy ones included)
     * @param summaries  per model, per benchmark (greedy ones included), its summary
     * @param examples   per model, its answer to the first problem of the first benchmark
     * @param own        the student's own traces
     * @param training   per arm, one line on its fine-tuning (loss, throughput)
     * @param alignment  per arm and for the original traces, the align stage's figures (empty without it)
     */
    record Inputs(PipelineSpec spec, Map<String, String> models, Map<String, GradedRun> graded,
                  Map<String, Map<String, RunSummary>> summaries, Map<String, CompletionRecord> examples,
                  List<CompletionRecord> own, Map<String, drp.core.stage.PruneSummary> pruning,
                  Map<String, drp.core.sft.BuildSummary> building, Map<String, String> training,
                  Map<String, VariantAlignment> alignment, Map<String, Double> seconds) {}

    private final Inputs in;
    private final String main;
    private final Map<String, Comparison> againstBase = new LinkedHashMap<>();
    private final Map<String, Comparison> againstMain = new LinkedHashMap<>();

    PipelineReport(Inputs in) {
        this.in = in;
        this.main = in.models().keySet().stream().filter(m -> !m.equals(EvalPhase.BASE)).findFirst().orElse(null);
        Bootstrap bootstrap = Bootstrap.defaults();
        GradedRun base = in.graded().get(EvalPhase.BASE);
        for (String model : in.models().keySet()) {
            if (!model.equals(EvalPhase.BASE)) {
                againstBase.put(model, Comparison.of(base, in.graded().get(model), bootstrap));
                if (!model.equals(main)) {
                    againstMain.put(model, Comparison.of(in.graded().get(main), in.graded().get(model), bootstrap));
                }
            }
        }
    }

    private List<String> benchmarks() {
        return in.spec().eval().benchmarks();
    }

    private boolean greedy() {
        return in.spec().eval().greedy();
    }

    private static BenchmarkComparison benchmark(Comparison c, String name) {
        if (c == null) {
            return null;
        }
        return c.benchmarks().stream().filter(b -> b.benchmark().equals(name)).findFirst().orElse(null);
    }

    PipelineSummary summary() {
        Map<String, Map<String, PipelineSummary.ModelRow>> rows = new LinkedHashMap<>();
        for (String bench : benchmarks()) {
            Map<String, PipelineSummary.ModelRow> perModel = new LinkedHashMap<>();
            for (String model : in.models().keySet()) {
                perModel.put(model, row(model, bench));
            }
            rows.put(bench, perModel);
        }
        int correct = (int) in.own().stream().filter(c -> Boolean.TRUE.equals(c.correct())).count();
        return new PipelineSummary(in.spec().name(), in.spec().student(), main, rows,
                new PipelineSummary.OwnTraces(in.own().size(), correct,
                        in.own().stream().mapToInt(c -> c.outputTokens() == null ? 0 : c.outputTokens()).average().orElse(0)),
                in.pruning(), in.building(), in.alignment(), alignmentAccuracy(), in.seconds());
    }

    /** Per benchmark, over the arms with an alignment score: its correlation with their accuracy. */
    private Map<String, Correlation> alignmentAccuracy() {
        Map<String, Correlation> out = new LinkedHashMap<>();
        for (String bench : benchmarks()) {
            List<double[]> pairs = new ArrayList<>();
            for (String model : in.models().keySet()) {
                VariantAlignment a = in.alignment().get(model);
                RunSummary s = in.summaries().get(model).get(bench);
                if (a != null && s.accuracy() != null) {
                    pairs.add(new double[] {a.meanNll(), s.accuracy()});
                }
            }
            if (pairs.size() >= 3) {
                double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
                double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
                try {
                    out.put(bench, Correlation.pearson(x, y, 0.95));
                } catch (IllegalArgumentException constant) {
                    // every arm equally accurate (or equally aligned): no correlation to report
                }
            }
        }
        return out;
    }

    private PipelineSummary.ModelRow row(String model, String bench) {
        RunSummary s = in.summaries().get(model).get(bench);
        BenchmarkComparison sampled = benchmark(againstBase.get(model), bench);
        PipelineSummary.Greedy greedy = null;
        RunSummary g = in.summaries().get(model).get(bench + drp.core.stage.EvalStage.GREEDY);
        if (g != null) {
            BenchmarkComparison gc = benchmark(againstBase.get(model), bench + drp.core.stage.EvalStage.GREEDY);
            greedy = new PipelineSummary.Greedy(g.n(), g.accuracy(), g.accuracyCi(), g.meanTokens(), g.meanTokensCi(),
                    reduction(gc), pValues(gc));
        }
        RunSummary.SeedSpread seeds = s.seeds();
        return new PipelineSummary.ModelRow(in.models().get(model), s.n(), s.accuracy(), s.accuracyCi(), s.meanTokens(),
                s.meanTokensCi(), seeds == null ? List.of() : seeds.groups(), seeds == null ? null : seeds.accuracy(),
                seeds == null ? null : seeds.meanTokens(), reduction(sampled), reductionCi(sampled),
                sampled == null ? null : sampled.accuracyDifference(),
                sampled == null ? null : sampled.accuracyDifferenceCi(), pValues(sampled), greedy);
    }

    private static Double reduction(BenchmarkComparison b) {
        return b == null || b.tokensRatio() == null ? null : 1 - b.tokensRatio();
    }

    private static Interval reductionCi(BenchmarkComparison b) {
        return b == null || b.tokensRatioCi() == null ? null
                : new Interval(1 - b.tokensRatioCi().high(), 1 - b.tokensRatioCi().low());
    }

    private static PipelineSummary.PValues pValues(BenchmarkComparison b) {
        return b == null ? null : new PipelineSummary.PValues(b.mcnemar().pValue(),
                b.wilcoxon() == null ? null : b.wilcoxon().pValue());
    }

    // ---- tables ------------------------------------------------------------------------------

    /** The paper's Table 1 in miniature for each benchmark, and the ablation table when several arms ran. */
    String tables() {
        StringBuilder out = new StringBuilder();
        PipelineSpec.Eval e = in.spec().eval();
        for (String bench : benchmarks()) {
            RunSummary base = in.summaries().get(EvalPhase.BASE).get(bench);
            out.append(String.format(Locale.ROOT, "Table 1 in miniature: %s, %d problems, %d sampled answers per model"
                            + " (seeds %s%s)%s.%n%n", bench, base.problems(), base.n(),
                    e.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                    e.samples() > 1 ? ", " + e.samples() + " samples each" : "",
                    greedy() ? " and one greedy answer per problem" : ""));
            List<String> header = new ArrayList<>(List.of("Model", "Acc (%) [95% CI]", "Tokens [95% CI]"));
            if (greedy()) {
                header.addAll(List.of("Greedy Acc (%)", "Greedy Tokens"));
            }
            table(out, header);
            out.append(modelRow(EvalPhase.BASE, bench));
            if (main == null) {
                continue;
            }
            out.append(modelRow(main, bench));
            BenchmarkComparison s = benchmark(againstBase.get(main), bench);
            BenchmarkComparison g = benchmark(againstBase.get(main), bench + drp.core.stage.EvalStage.GREEDY);
            List<String> delta = new ArrayList<>(List.of(in.models().get(main) + " − base",
                    Figure.signed(100 * s.accuracyDifference(), 1) + " " + Figure.interval(s.accuracyDifferenceCi(), 100, 1, true),
                    tokensDelta(s)));
            List<String> p = new ArrayList<>(List.of("p-value", Figure.p(s.mcnemar().pValue()) + " (McNemar)",
                    s.wilcoxon() == null ? "n/a" : Figure.p(s.wilcoxon().pValue()) + " (Wilcoxon)"));
            if (g != null) {
                delta.addAll(List.of(Figure.signed(100 * g.accuracyDifference(), 1), tokensDelta(g).replaceAll(" \\[.*\\]", "")));
                p.addAll(List.of(Figure.p(g.mcnemar().pValue()), g.wilcoxon() == null ? "n/a" : Figure.p(g.wilcoxon().pValue())));
            }
            line(out, delta);
            line(out, p);
            out.append('\n');
            if (againstMain.size() > 0) {
                out.append("Ablation in miniature: every arm fine-tuned and evaluated the same way, against ")
                        .append(in.models().get(main)).append(".\n\n");
                ablationTable(out, bench);
                out.append('\n');
            }
        }
        out.append(example());
        return out.toString();
    }

    /** The base and main students' answers to the first problem. */
    private String example() {
        CompletionRecord before = in.examples().get(EvalPhase.BASE);
        CompletionRecord after = main == null ? null : in.examples().get(main);
        if (before == null || after == null) {
            return "";
        }
        String how = greedy() ? "greedy" : "seed " + in.spec().eval().seeds().getFirst();
        return String.format(Locale.ROOT, "Problem %s (%s): %s%n%nbase, %d tokens, %s:%n%n%s%n%s, %d tokens, %s:%n%n%s",
                before.problemId(), how, before.question(), tokens(before), verdict(before), fence(before.text()),
                in.models().get(main), tokens(after), verdict(after), fence(after.text()));
    }

    private static int tokens(CompletionRecord c) {
        return c.outputTokens() == null ? 0 : c.outputTokens();
    }

    private static String verdict(CompletionRecord c) {
        return Boolean.TRUE.equals(c.correct()) ? "correct" : "wrong (gold " + c.gold() + ")";
    }

    private String modelRow(String model, String bench) {
        RunSummary s = in.summaries().get(model).get(bench);
        List<String> cells = new ArrayList<>(List.of(in.models().get(model),
                Figure.fixed(pct(s.accuracy()), 1) + " " + Figure.interval(s.accuracyCi(), 100, 1, false),
                Figure.fixed(s.meanTokens(), 0) + " " + Figure.interval(s.meanTokensCi(), 1, 0, false)));
        RunSummary g = in.summaries().get(model).get(bench + drp.core.stage.EvalStage.GREEDY);
        if (g != null) {
            cells.add(Figure.fixed(pct(g.accuracy()), 1));
            cells.add(Figure.fixed(g.meanTokens(), 0));
        }
        StringBuilder out = new StringBuilder();
        line(out, cells);
        return out.toString();
    }

    private void ablationTable(StringBuilder out, String bench) {
        boolean aligned = !in.alignment().isEmpty();
        List<String> header = new ArrayList<>(List.of("Fine-tuned on", "Acc (%) [95% CI]", "Tokens [95% CI]", "Tokens vs base",
                "Acc vs " + in.models().get(main) + " [95% CI]", "p (McNemar)"));
        if (aligned) {
            header.addAll(List.of("Student NLL of targets [95% CI]", "Surprising steps"));
        }
        table(out, header);
        for (String model : in.models().keySet()) {
            if (model.equals(EvalPhase.BASE)) {
                continue;
            }
            RunSummary s = in.summaries().get(model).get(bench);
            BenchmarkComparison vsBase = benchmark(againstBase.get(model), bench);
            BenchmarkComparison vsMain = benchmark(againstMain.get(model), bench);
            List<String> cells = new ArrayList<>(List.of(in.models().get(model),
                    Figure.fixed(pct(s.accuracy()), 1) + " " + Figure.interval(s.accuracyCi(), 100, 1, false),
                    Figure.fixed(s.meanTokens(), 0) + " " + Figure.interval(s.meanTokensCi(), 1, 0, false),
                    vsBase.tokensRatio() == null ? "n/a" : Figure.signed(100 * (vsBase.tokensRatio() - 1), 1) + "%",
                    vsMain == null ? "—" : Figure.signed(100 * vsMain.accuracyDifference(), 1) + " "
                            + Figure.interval(vsMain.accuracyDifferenceCi(), 100, 1, true),
                    vsMain == null ? "—" : Figure.p(vsMain.mcnemar().pValue())));
            if (aligned) {
                cells.addAll(alignmentCells(in.alignment().get(model)));
            }
            line(out, cells);
        }
        if (aligned) {
            VariantAlignment original = in.alignment().get(AlignPhase.ORIGINAL);
            if (original != null) {
                List<String> cells = new ArrayList<>(List.of("(the student's own traces, not trained on)", "", "", "", "", ""));
                cells.addAll(alignmentCells(original));
                line(out, cells);
            }
            Correlation c = alignmentAccuracy().get(bench);
            out.append(c == null ? "\nAlignment and accuracy: fewer than 3 arms with both, or no spread; no correlation.\n"
                    : String.format(Locale.ROOT, "%nAlignment and accuracy over the %d arms: Pearson r = %s%s"
                            + " (student NLL of the training targets against accuracy after fine-tuning; negative: the"
                            + " arms the student found more likely did better).%n", c.n(), Figure.signed(c.r(), 2),
                            c.interval() == null ? "" : " [" + Figure.signed(c.interval().low(), 2) + ", "
                                    + Figure.signed(c.interval().high(), 2) + "] (95%, Fisher z over arms)"));
        }
    }

    private static List<String> alignmentCells(VariantAlignment a) {
        if (a == null) {
            return List.of("—", "—");
        }
        return List.of(Figure.fixed(a.meanNll(), 3) + " [" + Figure.fixed(a.meanNllInterval().low(), 3) + ", "
                + Figure.fixed(a.meanNllInterval().high(), 3) + "]", Figure.fixed(100 * a.surprisingShare(), 1) + "%");
    }

    private static String tokensDelta(BenchmarkComparison b) {
        if (b.meanTokensDifference() == null) {
            return "n/a";
        }
        return Figure.signed(b.meanTokensDifference(), 0) + " " + Figure.interval(b.meanTokensDifferenceCi(), 1, 0, true)
                + (b.tokensRatio() == null ? "" : " (" + Figure.signed(100 * (b.tokensRatio() - 1), 1) + "%)");
    }

    // ---- report.md ---------------------------------------------------------------------------

    String markdown() {
        StringBuilder out = new StringBuilder();
        PipelineSpec spec = in.spec();
        out.append("# drp run: ").append(spec.name()).append("\n\n");
        long correct = in.own().stream().filter(c -> Boolean.TRUE.equals(c.correct())).count();
        out.append(String.format(Locale.ROOT, "The base student (%s) answered %d training problems of %s; its %d correct"
                        + " traces were pruned and a copy of it fine-tuned on them. Evaluation: %s, sampling %s.%n%n",
                spec.student(), in.own().size(), spec.sample().dataset(), correct, String.join(", ", benchmarks()),
                sampling()));
        out.append(tables()).append('\n');
        if (main != null) {
            out.append("## ").append(in.models().get(main)).append(" against the base student, paired\n\n");
            out.append(againstBase.get(main).toMarkdown()).append('\n');
        }
        out.append("## Per seed\n\n");
        for (String bench : benchmarks()) {
            List<String> header = new ArrayList<>(List.of("Model (" + bench + ")"));
            spec.eval().seeds().forEach(seed -> header.add("seed " + seed + ": Acc (%) / Tokens"));
            table(out, header);
            for (String model : in.models().keySet()) {
                List<String> cells = new ArrayList<>(List.of(in.models().get(model)));
                RunSummary.SeedSpread seeds = in.summaries().get(model).get(bench).seeds();
                for (long seed : spec.eval().seeds()) {
                    cells.add(seeds == null ? "n/a" : seeds.groups().stream().filter(g -> g.key() == seed).findFirst()
                            .map(g -> Figure.fixed(100 * g.accuracy(), 1) + " / " + Figure.fixed(g.meanTokens(), 0)).orElse("n/a"));
                }
                line(out, cells);
            }
            out.append('\n');
        }
        out.append("## Training data\n\n");
        out.append(String.format(Locale.ROOT, "The student's own traces: %d of %d correct (%.1f%%), %.0f tokens on average.%n%n",
                correct, in.own().size(), 100.0 * correct / Math.max(1, in.own().size()),
                in.own().stream().mapToInt(PipelineReport::tokens).average().orElse(0)));
        table(out, List.of("Arm", "Examples (of read)", "Pruned tokens", "Reduction", "Answers preserved", "Fine-tuning"));
        for (String model : in.models().keySet()) {
            if (model.equals(EvalPhase.BASE)) {
                continue;
            }
            var prune = in.pruning().get(model);
            var build = in.building().get(model);
            line(out, List.of(in.models().get(model),
                    build == null ? "—" : build.written() + " (of " + build.read() + ")",
                    prune == null ? "—" : String.format(Locale.ROOT, "%,d -> %,d", prune.tokensBefore(), prune.tokensAfter()),
                    prune == null ? "—" : Figure.fixed(100 * prune.reduction(), 1) + "%",
                    prune == null ? "—" : prune.answersPreserved() + " / " + prune.tracesOut(),
                    in.training().getOrDefault(model, "—")));
        }
        out.append("\n## Files\n\n");
        out.append("- `problems/`: made benchmarks (the tiny world's splits)\n");
        out.append("- `completions.jsonl`: the student's own traces, graded\n");
        out.append("- `pruned.jsonl`, `prune.summary.json`, `sft.jsonl`, `sft.summary.json`, `model.json`: the main arm's"
                + " pruning, training examples and trained model (`arms/<arm>/` for the others)\n");
        out.append("- `models/<arm>/`: fine-tuned checkpoints\n");
        out.append("- `eval/<model>/<benchmark>.completions.jsonl`, `.jsonl` (graded), `.summary.json`: evaluation\n");
        out.append("- `summary.json`, `run.json` (settings, fingerprints, counts and times of every stage), `drp.log`\n");
        out.append("\n## Time\n\n");
        table(out, List.of("Stage", "Seconds"));
        in.seconds().forEach((phase, seconds) -> line(out, List.of(phase, Figure.fixed(seconds, 1))));
        return out.toString();
    }

    private String sampling() {
        PipelineSpec.Eval e = in.spec().eval();
        PipelineSpec.Sample s = in.spec().sample();
        return String.format(Locale.ROOT, "temperature %s, top-p %s, at most %d new tokens; seeds %s; greedy %s",
                e.temperature() != null ? e.temperature() : s.temperature(), e.topP() != null ? e.topP() : s.topP(),
                e.maxTokens() != null ? e.maxTokens() : s.maxTokens(),
                e.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                e.greedy() ? "too" : "not evaluated");
    }

    private static String fence(String text) {
        return "```\n" + text.strip() + "\n```\n";
    }

    // ---- formatting --------------------------------------------------------------------------

    private static void table(StringBuilder out, List<String> header) {
        line(out, header);
        List<String> align = new ArrayList<>(List.of(":--"));
        for (int i = 1; i < header.size(); i++) {
            align.add("--:");
        }
        line(out, align);
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    private static Double pct(Double fraction) {
        return fraction == null ? null : 100 * fraction;
    }

}
