package drp.core.grade;

import drp.core.answer.BasicAnswerChecker;
import drp.core.answer.ExtractionRule;
import drp.core.answer.AnswerFormat;
import drp.core.bench.Benchmark;
import drp.core.bench.GoldForm;
import drp.core.bench.ProblemFields;
import drp.core.bench.PromptStyle;
import drp.core.io.JsonCodec;
import drp.core.stats.Bootstrap;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prints the figures recorded in BENCHMARKS.md: how long a summary (with its 10,000-resample
 * bootstrap) and a comparison take at benchmark sizes, and grading throughput with the basic
 * checker. Run: see BENCHMARKS.md ("Grading and statistics").
 */
public final class GradingFigures {

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("drp-figures");
        SplittableRandom random = new SplittableRandom(42);

        // summary at PRM12K size (12,000 problems x 1 sample) and GSM8K size with 4 samples
        for (int[] size : new int[][] {{1319, 1}, {1319, 4}, {12000, 1}}) {
            List<GradedRecord> records = synthetic("a", size[0], size[1], 0.8, 900, random);
            for (int warm = 0; warm < 2; warm++) {
                RunSummary.of("toy", records, size[0], "file", List.of(), SummaryOptions.defaults());
            }
            long t0 = System.nanoTime();
            RunSummary.of("toy", records, size[0], "file", List.of(), SummaryOptions.defaults());
            System.out.printf(Locale.ROOT, "summary  %5d problems x %d samples, B=10,000: %6.0f ms%n", size[0], size[1],
                    (System.nanoTime() - t0) / 1e6);
        }
        List<GradedRecord> a = synthetic("a", 1319, 4, 0.8, 900, random);
        List<GradedRecord> b = synthetic("a", 1319, 4, 0.85, 350, random);
        for (int warm = 0; warm < 2; warm++) {
            Comparison.of(GradedRun.of("a", a), GradedRun.of("b", b), Bootstrap.defaults());
        }
        long t1 = System.nanoTime();
        Comparison.of(GradedRun.of("a", a), GradedRun.of("b", b), Bootstrap.defaults());
        System.out.printf(Locale.ROOT, "compare   1319 problems x 4 samples, B=10,000: %6.0f ms%n", (System.nanoTime() - t1) / 1e6);

        // grading throughput: 20,000 outputs with R1-style think blocks, basic checker, all threads
        Path problems = dir.resolve("problems.jsonl");
        Path outputs = dir.resolve("outputs.jsonl");
        int nProblems = 5000;
        try (Writer p = Files.newBufferedWriter(problems); Writer o = Files.newBufferedWriter(outputs)) {
            for (int i = 0; i < nProblems; i++) {
                int gold = random.nextInt(100_000);
                p.write(JsonCodec.line(Map.of("q", "question " + i, "a", Integer.toString(gold))) + "\n");
                for (int s = 0; s < 4; s++) {
                    int said = random.nextDouble() < 0.8 ? gold : gold + 1;
                    String text = "<think>\n" + "Let me compute step by step. 12 * 7 = 84. ".repeat(40)
                            + "\n</think>\n\nSo the total is \\boxed{" + String.format(Locale.ROOT, "%,d", said) + "}.";
                    o.write(JsonCodec.line(Map.of("problem_id", "toy-" + String.format("%04d", i), "sample_index", s,
                            "text", text, "output_tokens", 600)) + "\n");
                }
            }
        }
        Benchmark toy = new Benchmark("toy", "TOY", problems, ProblemFields.of("q", "a").withGold(GoldForm.NUMBER),
                "toy", PromptStyle.R1_BOXED, AnswerFormat.BOXED, List.of(ExtractionRule.BOXED, ExtractionRule.LAST_NUMBER));
        Grader grader = Grader.of(toy, new BasicAnswerChecker());
        for (int run = 0; run < 3; run++) {
            GradeReport report = GradeJob.of(grader, outputs, dir.resolve("graded.jsonl"), dir.resolve("summary.json"))
                    .withRestart(true).run();
            System.out.printf(Locale.ROOT, "grade job %d outputs (read, grade, write, summarize): %6.0f ms = %,.0f outputs/s%n",
                    report.graded(), report.elapsed().toNanos() / 1e6, report.gradedPerSecond());
        }
    }

    static List<GradedRecord> synthetic(String model, int problems, int samples, double accuracy, int meanTokens,
            SplittableRandom random) {
        List<GradedRecord> records = new ArrayList<>();
        for (int i = 0; i < problems; i++) {
            double difficulty = random.nextDouble();
            for (int s = 0; s < samples; s++) {
                boolean correct = random.nextDouble() < accuracy * (0.5 + difficulty);
                int tokens = (int) (-meanTokens * Math.log(1 - random.nextDouble()));
                String id = "toy-" + i;
                records.add(new GradedRecord(id + "#" + s, "toy", id, s, null, "1", correct ? "1" : "2",
                        ExtractionRule.BOXED, "final", correct ? VerdictKind.CORRECT : VerdictKind.WRONG, "numeric",
                        correct, tokens, "stop"));
            }
        }
        return records;
    }
}
