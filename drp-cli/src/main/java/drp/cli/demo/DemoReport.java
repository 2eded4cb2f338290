package drp.cli.demo;

import drp.core.grade.BenchmarkComparison;
import drp.core.grade.Comparison;
import drp.core.grade.GradedRun;
import drp.core.grade.RunSummary;
import drp.core.stage.PruneSummary;
import drp.core.stats.Bootstrap;
import drp.core.stats.Interval;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the demo's graded answers into summary.json, the printed tables (the paper's Table 1, and
 * Tables 2 and 4 with {@code --ablation}, in miniature) and report.md. Every figure comes from
 * drp-core's grading and statistics: {@link RunSummary} for each model's accuracy and tokens with
 * their bootstrap intervals, {@link Comparison} for paired differences and tests.
 */
final class DemoReport {

    private final DemoSettings settings;
    private final DemoPipeline.Base base;
    private final List<DemoCompletion> own;
    private final Map<Variant, PruneSummary> pruning;
    private final Map<Variant, List<SftRecord>> examples;
    private final Map<Variant, Distiller.Distilled> students;
    private final Map<String, DemoPipeline.Evaluation> evaluations;
    private final Map<String, Double> timings;
    private final Map<String, Comparison> againstBase = new LinkedHashMap<>();
    private final Map<String, Comparison> againstDrp = new LinkedHashMap<>();

    DemoReport(DemoSettings settings, DemoPipeline.Base base, List<DemoCompletion> own,
               Map<Variant, PruneSummary> pruning, Map<Variant, List<SftRecord>> examples,
               Map<Variant, Distiller.Distilled> students, Map<String, DemoPipeline.Evaluation> evaluations,
               Map<String, Double> timings) {
        this.settings = settings;
        this.base = base;
        this.own = own;
        this.pruning = pruning;
        this.examples = examples;
        this.students = students;
        this.evaluations = evaluations;
        this.timings = timings;
        Bootstrap bootstrap = Bootstrap.defaults();
        GradedRun baseRun = run("base");
        for (String model : evaluations.keySet()) {
            if (!model.equals("base")) {
                againstBase.put(model, compare(baseRun, run(model), bootstrap));
                if (!model.equals(Variant.DRP.key())) {
                    againstDrp.put(model, compare(run(Variant.DRP.key()), run(model), bootstrap));
                }
            }
        }
    }

    private GradedRun run(String model) {
        return GradedRun.of(label(model), evaluations.get(model).records());
    }

    private static Comparison compare(GradedRun a, GradedRun b, Bootstrap bootstrap) {
        return Comparison.of(a, b, bootstrap, DemoReport::title, List.of(DemoPipeline.SAMPLED, DemoPipeline.GREEDY));
    }

    private static String title(String benchmark) {
        return benchmark.equals(DemoPipeline.GREEDY) ? "Greedy" : "Sampled";
    }

    static String label(String model) {
        if (model.equals("base")) {
            return "base";
        }
        for (Variant v : Variant.values()) {
            if (v.key().equals(model)) {
                return v == Variant.DRP ? "DRP" : v.label();
            }
        }
        return model;
    }

    private String sampling() {
        return String.format(Locale.ROOT, "temperature %s, top-p %s, at most %d new tokens; seeds %s; greedy %s",
                settings.temperature(), settings.topP(), settings.maxNewTokens(),
                settings.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                settings.greedy() ? "too" : "not evaluated");
    }

    DemoSummary summary() {
        Map<String, DemoSummary.ModelRow> models = new LinkedHashMap<>();
        for (DemoPipeline.Evaluation e : evaluations.values()) {
            models.put(e.model(), row(e));
        }
        BenchmarkComparison drp = sampled(againstBase.get(Variant.DRP.key()));
        Map<String, PruneSummary> prunes = new LinkedHashMap<>();
        pruning.forEach((v, s) -> prunes.put(v.key(), s));
        Map<String, Integer> kept = new LinkedHashMap<>();
        examples.forEach((v, list) -> kept.put(v.key(), list.size()));
        int correct = (int) own.stream().filter(DemoCompletion::correct).count();
        return new DemoSummary(settings.mode(), base.source(), settings.testProblems(), settings.seeds(), sampling(),
                models, reduction(drp), reductionCi(drp), pValues(drp),
                new DemoSummary.OwnTraces(own.size(), correct,
                        own.stream().mapToInt(DemoCompletion::outputTokens).average().orElse(0)),
                prunes, kept, timings);
    }

    private DemoSummary.ModelRow row(DemoPipeline.Evaluation e) {
        RunSummary s = e.sampled();
        Comparison c = againstBase.get(e.model());
        BenchmarkComparison sampled = c == null ? null : sampled(c);
        DemoSummary.Greedy greedy = null;
        if (e.greedy() != null) {
            BenchmarkComparison g = c == null ? null : benchmark(c, DemoPipeline.GREEDY);
            greedy = new DemoSummary.Greedy(e.greedy().n(), e.greedy().accuracy(), e.greedy().accuracyCi(),
                    e.greedy().meanTokens(), e.greedy().meanTokensCi(), reduction(g), pValues(g));
        }
        RunSummary.SeedSpread seeds = s.seeds();
        return new DemoSummary.ModelRow(label(e.model()), trainedOn(e.model()), s.n(), s.accuracy(), s.accuracyCi(),
                s.meanTokens(), s.meanTokensCi(), seeds == null ? List.of() : seeds.groups(),
                seeds == null ? null : seeds.accuracy(), seeds == null ? null : seeds.meanTokens(), reduction(sampled),
                reductionCi(sampled), sampled == null ? null : sampled.accuracyDifference(),
                sampled == null ? null : sampled.accuracyDifferenceCi(), pValues(sampled), greedy);
    }

    private String trainedOn(String model) {
        for (Variant v : students.keySet()) {
            if (v.key().equals(model)) {
                return switch (v) {
                    case TEACHER -> "the teacher's own short solutions of the same problems";
                    default -> "its own correct traces pruned by the heuristic teacher (" + v.granularity() + ", "
                            + v.aggressiveness() + ")";
                };
            }
        }
        return null;
    }

    private static BenchmarkComparison sampled(Comparison c) {
        return benchmark(c, DemoPipeline.SAMPLED);
    }

    private static BenchmarkComparison benchmark(Comparison c, String name) {
        if (c == null) {
            return null;
        }
        return c.benchmarks().stream().filter(b -> b.benchmark().equals(name)).findFirst().orElse(null);
    }

    private static Double reduction(BenchmarkComparison b) {
        return b == null || b.tokensRatio() == null ? null : 1 - b.tokensRatio();
    }

    private static Interval reductionCi(BenchmarkComparison b) {
        return b == null || b.tokensRatioCi() == null ? null
                : new Interval(1 - b.tokensRatioCi().high(), 1 - b.tokensRatioCi().low());
    }

    private static DemoSummary.PValues pValues(BenchmarkComparison b) {
        return b == null ? null : new DemoSummary.PValues(b.mcnemar().pValue(),
                b.wilcoxon() == null ? null : b.wilcoxon().pValue());
    }

    // ---- tables ------------------------------------------------------------------------------

    /** The paper's Table 1 in miniature, and Tables 2 and 4 when the ablation ran. */
    String tables() {
        StringBuilder out = new StringBuilder();
        int answers = settings.testProblems() * settings.seeds().size();
        out.append(String.format(Locale.ROOT, "Table 1 in miniature: %d test problems of the tiny world, %d sampled "
                        + "answers per model (seeds %s)%s.%n%n", settings.testProblems(), answers,
                settings.seeds().stream().map(String::valueOf).collect(Collectors.joining(", ")),
                settings.greedy() ? " and one greedy answer per problem" : ""));
        List<String> header = new ArrayList<>(List.of("Model", "Acc (%) [95% CI]", "Tokens [95% CI]"));
        if (settings.greedy()) {
            header.addAll(List.of("Greedy Acc (%)", "Greedy Tokens"));
        }
        table(out, header);
        for (String model : List.of("base", Variant.DRP.key())) {
            out.append(modelRow(model));
        }
        BenchmarkComparison s = sampled(againstBase.get(Variant.DRP.key()));
        BenchmarkComparison g = benchmark(againstBase.get(Variant.DRP.key()), DemoPipeline.GREEDY);
        List<String> delta = new ArrayList<>(List.of("DRP − base",
                signed(100 * s.accuracyDifference(), 1) + " " + interval(s.accuracyDifferenceCi(), 100, 1, true),
                tokensDelta(s)));
        List<String> p = new ArrayList<>(List.of("p-value", p(s.mcnemar().pValue()) + " (McNemar)",
                s.wilcoxon() == null ? "n/a" : p(s.wilcoxon().pValue()) + " (Wilcoxon)"));
        if (g != null) {
            delta.addAll(List.of(signed(100 * g.accuracyDifference(), 1), tokensDelta(g).replaceAll(" \\[.*\\]", "")));
            p.addAll(List.of(p(g.mcnemar().pValue()), g.wilcoxon() == null ? "n/a" : p(g.wilcoxon().pValue())));
        }
        line(out, delta);
        line(out, p);
        out.append('\n').append(example());
        if (settings.ablation()) {
            out.append("\nTable 2 in miniature: how the teacher cuts the student's own traces before pruning.\n\n");
            ablationTable(out, List.of(Variant.NO_DECOMPOSITION, Variant.SENTENCE, Variant.DRP));
            out.append("\nTable 4 in miniature: fine-tuning on the teacher's own short solutions vs on pruned own traces.\n\n");
            ablationTable(out, List.of(Variant.TEACHER, Variant.DRP));
        }
        return out.toString();
    }

    /** The base and DRP students' answers to the first test problem. */
    private String example() {
        DemoCompletion before = evaluations.get("base").example();
        DemoCompletion after = evaluations.get(Variant.DRP.key()).example();
        String how = settings.greedy() ? "greedy" : "seed " + settings.seeds().getFirst();
        return String.format(Locale.ROOT, "Test problem %s (%s): %s%n%nbase, %d tokens, %s:%n%n%s%nDRP, %d tokens, %s:%n%n%s",
                before.problemId(), how, before.question(), before.outputTokens(), verdict(before), fence(before.text()),
                after.outputTokens(), verdict(after), fence(after.text()));
    }

    private static String verdict(DemoCompletion c) {
        return c.correct() ? "correct" : "wrong (gold " + c.gold() + ")";
    }

    private String modelRow(String model) {
        DemoPipeline.Evaluation e = evaluations.get(model);
        List<String> cells = new ArrayList<>(List.of(label(model),
                fixed(100 * e.sampled().accuracy(), 1) + " " + interval(e.sampled().accuracyCi(), 100, 1, false),
                fixed(e.sampled().meanTokens(), 0) + " " + interval(e.sampled().meanTokensCi(), 1, 0, false)));
        if (e.greedy() != null) {
            cells.add(fixed(100 * e.greedy().accuracy(), 1));
            cells.add(fixed(e.greedy().meanTokens(), 0));
        }
        StringBuilder out = new StringBuilder();
        line(out, cells);
        return out.toString();
    }

    private void ablationTable(StringBuilder out, List<Variant> rows) {
        table(out, List.of("Fine-tuned on", "Acc (%) [95% CI]", "Tokens [95% CI]", "Tokens vs base",
                "Acc vs DRP [95% CI]", "p (McNemar)"));
        for (Variant v : rows) {
            DemoPipeline.Evaluation e = evaluations.get(v.key());
            BenchmarkComparison vsBase = sampled(againstBase.get(v.key()));
            BenchmarkComparison vsDrp = sampled(againstDrp.get(v.key()));
            String name = v == Variant.DRP ? "DRP: " + (rows.contains(Variant.TEACHER) ? "pruned own traces" : "skill-aware steps")
                    : v.label();
            line(out, List.of(name,
                    fixed(100 * e.sampled().accuracy(), 1) + " " + interval(e.sampled().accuracyCi(), 100, 1, false),
                    fixed(e.sampled().meanTokens(), 0) + " " + interval(e.sampled().meanTokensCi(), 1, 0, false),
                    vsBase.tokensRatio() == null ? "n/a" : signed(100 * (vsBase.tokensRatio() - 1), 1) + "%",
                    vsDrp == null ? "—" : signed(100 * vsDrp.accuracyDifference(), 1) + " "
                            + interval(vsDrp.accuracyDifferenceCi(), 100, 1, true),
                    vsDrp == null ? "—" : p(vsDrp.mcnemar().pValue())));
        }
    }

    private static String tokensDelta(BenchmarkComparison b) {
        if (b.meanTokensDifference() == null) {
            return "n/a";
        }
        return signed(b.meanTokensDifference(), 0) + " " + interval(b.meanTokensDifferenceCi(), 1, 0, true)
                + (b.tokensRatio() == null ? "" : " (" + signed(100 * (b.tokensRatio() - 1), 1) + "%)");
    }

    // ---- report.md ---------------------------------------------------------------------------

    String markdown(Path runDir) {
        StringBuilder out = new StringBuilder();
        out.append("# drp demo\n\n");
        out.append("DRP end to end on the embedded student: the base student (").append(base.source())
                .append(String.format(Locale.ROOT, ", %,d parameters) sampled its own traces on %d training problems, ",
                        base.record().parameters(), own.size()))
                .append("the heuristic teacher pruned the correct ones, and a copy of the student was fine-tuned on the ")
                .append("pruned traces that kept their answer. Sampling: ").append(sampling()).append(".\n\n");
        out.append(tables()).append('\n');
        out.append("## DRP against the base student, paired\n\n");
        out.append(againstBase.get(Variant.DRP.key()).toMarkdown()).append('\n');
        out.append("## Per seed\n\n");
        List<String> header = new ArrayList<>(List.of("Model"));
        settings.seeds().forEach(seed -> header.add("seed " + seed + ": Acc (%) / Tokens"));
        table(out, header);
        for (DemoPipeline.Evaluation e : evaluations.values()) {
            List<String> cells = new ArrayList<>(List.of(label(e.model())));
            RunSummary.SeedSpread seeds = e.sampled().seeds();
            for (long seed : settings.seeds()) {
                cells.add(seeds == null ? "n/a" : seeds.groups().stream().filter(g -> g.key() == seed).findFirst()
                        .map(g -> fixed(100 * g.accuracy(), 1) + " / " + fixed(g.meanTokens(), 0)).orElse("n/a"));
            }
            line(out, cells);
        }
        out.append("\n## Training data\n\n");
        long correct = own.stream().filter(DemoCompletion::correct).count();
        out.append(String.format(Locale.ROOT, "The base student's own traces: %d of %d correct (%.1f%%), %.0f tokens on average.%n%n",
                correct, own.size(), 100.0 * correct / own.size(),
                own.stream().mapToInt(DemoCompletion::outputTokens).average().orElse(0)));
        table(out, List.of("Model", "Examples", "Pruned (tiny tokens)", "Reduction", "Answers preserved",
                "Fine-tune loss", "Tokens/s"));
        for (Map.Entry<Variant, Distiller.Distilled> entry : students.entrySet()) {
            Variant v = entry.getKey();
            Distiller.Record r = entry.getValue().record();
            PruneSummary p = pruning.get(v);
            line(out, List.of(label(v.key()), String.valueOf(examples.get(v).size()),
                    p == null ? "—" : String.format(Locale.ROOT, "%,d -> %,d", p.tokensBefore(), p.tokensAfter()),
                    p == null ? "—" : fixed(100 * p.reduction(), 1) + "%",
                    p == null ? "—" : p.answersPreserved() + " / " + p.tracesOut(),
                    String.format(Locale.ROOT, "%.3f -> %.3f", r.firstLoss(), r.finalLoss()),
                    String.format(Locale.ROOT, "%,.0f", r.tokensPerSecond())));
        }
        List<SftRecord> drp = examples.get(Variant.DRP);
        if (!drp.isEmpty()) {
            SftRecord first = drp.getFirst();
            own.stream().filter(c -> c.id().equals(first.id())).findFirst().ifPresent(c -> {
                out.append("\n## One own trace, before and after pruning\n\n");
                out.append("Question: ").append(c.question()).append("\n\n");
                out.append(String.format("Before (%d tokens):%n%n", c.outputTokens())).append(fence(c.text()));
                out.append(String.format("%nAfter (%d tokens):%n%n", first.tokens())).append(fence(first.assistant()));
            });
        }
        out.append("\n## Files\n\n");
        out.append("- `problems/train.jsonl`, `problems/test.jsonl`: the problems (disjoint splits of the world)\n");
        out.append("- `completions.jsonl`: the base student's own traces, graded\n");
        out.append("- `pruned.jsonl`, `sft.jsonl`: the teacher's pruning of the correct ones, and the fine-tuning examples kept\n");
        out.append("- `models/<model>/`: fine-tuned checkpoints (safetensors + config.json + tokenizer) with `training.json`\n");
        out.append("- `eval/<model>/tiny-test*.completions.jsonl`, `.jsonl` (graded), `.summary.json`: evaluation\n");
        if (settings.ablation()) {
            out.append("- `ablation/<variant>/`: the same for each ablation row\n");
        }
        out.append("- `summary.json`, `run.json`, `drp.log`\n");
        out.append("\n## Time\n\n");
        table(out, List.of("Phase", "Seconds"));
        timings.forEach((phase, seconds) -> line(out, List.of(phase, fixed(seconds, 1))));
        return out.toString();
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

    static String fixed(Double value, int decimals) {
        return value == null ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String signed(double value, int decimals) {
        String s = String.format(Locale.ROOT, "%+." + decimals + "f", value);
        return s.matches("[+-]0(\\.0+)?") ? s.substring(1) : s;
    }

    private static String interval(Interval ci, double scale, int decimals, boolean withSign) {
        if (ci == null) {
            return "[n/a]";
        }
        Interval s = ci.scaled(scale);
        return withSign ? "[" + signed(s.low(), decimals) + ", " + signed(s.high(), decimals) + "]"
                : "[" + fixed(s.low(), decimals) + ", " + fixed(s.high(), decimals) + "]";
    }

    static String p(double p) {
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }
}
