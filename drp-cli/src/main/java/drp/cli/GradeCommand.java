package drp.cli;

import drp.core.bench.Benchmark;
import drp.core.grade.GradeJob;
import drp.core.grade.GradeReport;
import drp.core.grade.Grader;
import drp.core.grade.OutputFields;
import drp.core.grade.RunSummary;
import drp.core.grade.SummaryOptions;
import drp.core.io.ErrorPolicy;
import drp.core.io.RecordError;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drp grade}: grade model outputs against a benchmark's gold answers. */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = {"Grade model outputs against a benchmark and write graded JSONL plus summary.json.",
                "Each answer is extracted, checked against the gold one and its tokens counted; summary.json holds",
                "accuracy and tokens with 95%% bootstrap intervals, pass@k and the per-seed spread.",
                "Resumable: outputs already graded are skipped."},
        footer = {"", "Examples:",
                "  drp grade --benchmark gsm8k:test --in outputs.jsonl --out runs/base/eval/gsm8k.jsonl",
                "  drp grade --benchmark math500 --in completions.jsonl --out graded.jsonl --samples-per-problem 4 \\",
                "      --tokenizer ../shared/data/tokenizers/qwen2",
                "  drp grade --benchmark amc23 --in x.jsonl --out g.jsonl --id-field qid --text-field response"})
final class GradeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Mixin
    DataDirectoryOption data;

    @Mixin
    TokenizerOption tokenizer;

    @Option(names = "--benchmark", required = true, paramLabel = "NAME",
            description = "gsm8k:train, gsm8k:test (gsm8k), math500, prm12k, aime24, aime25 or amc23.")
    String benchmark;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Model outputs as JSONL.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Graded JSONL to write; summary.json goes beside it as <name>.summary.json.")
    Path out;

    @Option(names = "--samples-per-problem", paramLabel = "K", description = "Samples per problem, for pass@k (checked against the file).")
    Integer samplesPerProblem;

    @Option(names = "--id-field", defaultValue = "problem_id", paramLabel = "NAME", description = "Field with the problem id. Default: ${DEFAULT-VALUE}.")
    String idField;

    @Option(names = "--text-field", defaultValue = "text", paramLabel = "NAME", description = "Field with the output text. Default: ${DEFAULT-VALUE}.")
    String textField;

    @Option(names = "--think-field", paramLabel = "NAME", description = "Field with the reasoning alone, if the file has one (default: think when present).")
    String thinkField;

    @Option(names = "--tokens-field", paramLabel = "NAME", description = "Field with output token counts (used without --tokenizer). Default: output_tokens.")
    String tokensField;

    @Option(names = "--search-think", description = "Also look for the answer in the reasoning when the final part has none.")
    boolean searchThink;

    @Option(names = "--token-cutoff", defaultValue = "12000", paramLabel = "N",
            description = "Also report token statistics without outputs longer than N tokens (the paper drops degenerate ones). 0 = off. Default: ${DEFAULT-VALUE}.")
    int tokenCutoff;

    @Option(names = "--precision", paramLabel = "exact|rounded",
            description = "Accept decimal predictions rounded to their own digits (rounded) or not (exact). Default: the benchmark's convention (exact for the standard benchmarks).")
    String precision;

    @Option(names = "--strict", description = "Stop at the first malformed line (default: skip, count, report file:line).")
    boolean strict;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(input)) {
            throw new UserError("input file not found: " + input);
        }
        Benchmark bench = data.find(benchmark, "benchmark");
        if (precision != null) {
            bench = bench.withRoundedPredictions(EquivCommand.rounded(precision));
        }
        Grader grader = Grader.of(bench, AnswerCheckers.standard(bench.roundedPredictions())).withThinkSearch(searchThink);
        if (tokenizer.path != null) {
            grader = grader.withTokenCounter(tokenizer.counter());
        }
        OutputFields fields = OutputFields.of(idField, textField);
        fields = fields.withThink(thinkField != null ? thinkField : "think");
        fields = fields.withTokens(tokensField != null ? tokensField : "output_tokens");
        fields = fields.withSampleIndex("sample_index").withSeed("seed").withFinishReason("finish_reason");
        String name = out.getFileName().toString().replaceFirst("\\.jsonl$", "");
        Path summaryFile = out.resolveSibling(name + ".summary.json");
        GradeJob job = GradeJob.of(grader, input, out, summaryFile).withFields(fields)
                .withPolicy(strict ? ErrorPolicy.STRICT : ErrorPolicy.LENIENT)
                .withSummaryOptions(SummaryOptions.defaults().withTokenCutoff(
                        tokenCutoff > 0 ? OptionalInt.of(tokenCutoff) : OptionalInt.empty()));
        if (samplesPerProblem != null) {
            job = job.withSamplesPerProblem(samplesPerProblem);
        }
        GradeReport report = job.run();
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (RecordError e : report.errors()) {
            err.println("drp: skipped " + e);
        }
        print(report.summary(), o);
        o.printf("precision     %s (%s)%n", bench.precisionLabel(), precision != null ? "--precision"
                : bench.roundedPredictions() ? "the benchmark's convention: rounded decimals accepted"
                : "the benchmark's convention: no rounded decimals");
        o.printf("graded %d (%d already graded) at %.0f/s; wrote %s and %s%n", report.graded(), report.alreadyGraded(),
                report.gradedPerSecond(), report.gradedFile(), report.summaryFile());
        o.flush();
        return 0;
    }

    static void print(RunSummary s, PrintWriter o) {
        o.printf("%s: n=%d outputs on %d problems%n", s.benchmark(), s.n(), s.problems());
        o.printf("accuracy      %s%n", s.accuracy() == null ? "-"
                : String.format("%.1f%%  95%% CI [%.1f, %.1f]", 100 * s.accuracy(), 100 * s.accuracyCi().low(), 100 * s.accuracyCi().high()));
        o.printf("verdicts      correct %d, wrong %d, unparseable %d, timed out %d%n", s.correct(), s.wrong(), s.unparseable(), s.timedOut());
        o.printf("mean tokens   %s  (counted by: %s)%n", s.meanTokens() == null ? "-"
                : String.format("%.1f  95%% CI [%.1f, %.1f]", s.meanTokens(), s.meanTokensCi().low(), s.meanTokensCi().high()), s.tokenSource());
        if (!s.passAtK().isEmpty()) {
            StringBuilder pass = new StringBuilder();
            s.passAtK().forEach((k, v) -> pass.append(String.format("pass@%s %.1f%%  ", k, 100 * v)));
            o.printf("pass@k        %s%n", pass.toString().strip());
        }
    }
}
