package drp.cli;

import drp.cli.pipeline.ScoreRequests;
import drp.core.align.AlignmentSummary;
import drp.core.align.Candidate;
import drp.core.align.CandidateScore;
import drp.core.align.Candidates;
import drp.core.align.CapacityAwareSelection;
import drp.core.align.VariantAlignment;
import drp.core.answer.AnswerFormat;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonlReader;
import drp.core.run.InputFile;
import drp.core.run.RunDirectory;
import drp.core.run.StageFingerprint;
import drp.core.run.StageRecord;
import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import drp.core.sft.SftFilters;
import drp.core.stage.AlignStage;
import drp.core.stage.PruneStage;
import drp.core.stage.PrunedRecord;
import drp.core.step.Granularity;
import drp.core.teacher.Aggressiveness;
import drp.core.teacher.HeuristicTeacher;
import drp.core.token.TokenCounter;
import drp.core.trace.Trace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drp align}: how likely the student finds each candidate training trace of each problem,
 * before any training; optionally the capacity-aware choice per problem as an SFT dataset.
 */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = {"Score candidate training traces by the student's own likelihood (teacher forcing, nothing generated).",
                "Per problem the candidates are: the student's original trace (from the first --pruned file), the pruned",
                "trace of every --pruned file (an LLM teacher's, the heuristic teacher's), the heuristic teacher's variants",
                "of --heuristic, and the reference solutions of --solutions. Per variant it reports tokens, the mean NLL per",
                "token with a 95%% bootstrap interval, and the share of steps whose mean NLL is above --surprise-nll.",
                "With --select, also writes OUT/sft.jsonl: per problem, the shortest candidate whose mean NLL is within",
                "that many nats/token of the original's (capacity-aware selection), each example with its provenance.",
                "Writes OUT/align.jsonl (one line per candidate; resumable) and OUT/align.summary.json.",
                "Exit codes: 0 done, 1 calls failed (rerun to retry), 2 bad usage or input."},
        footer = {"", "Examples:",
                "  drp align --pruned runs/r1/pruned.jsonl --heuristic sentence/standard,paragraph/length_only \\",
                "      --student openai:http://127.0.0.1:8000/v1#deepseek-r1-distill-qwen-7b \\",
                "      --chat-template ../shared/data/tokenizers/deepseek-r1-distill-qwen --tokenizer ../shared/data/tokenizers/qwen2 \\",
                "      --out runs/r1-align",
                "  drp align --pruned runs/demo/pruned.jsonl --pruned llm=runs/gpt4o/pruned.jsonl --student tiny:base \\",
                "      --answer-format the_answer_is --select 1.0 --out runs/align"})
final class AlignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Mixin
    ModelOptions models;

    @Mixin
    TokenizerOption tokenizer;

    @Option(names = "--pruned", required = true, paramLabel = "[NAME=]FILE",
            description = "A pruned.jsonl (drp prune's output); its pruned traces are one variant, named NAME (default: the"
                    + " run directory's name). The first file's records also give the original traces. Repeatable.")
    List<String> pruned;

    @Option(names = "--heuristic", split = ",", paramLabel = "GRANULARITY/AGGRESSIVENESS",
            description = "Variants of the heuristic teacher, pruning the originals again in-process, e.g."
                    + " skill/light,sentence/standard,paragraph/length_only.")
    List<String> heuristic = List.of();

    @Option(names = "--solutions", paramLabel = "FILE",
            description = "Problems (JSONL with the question and a solution field) whose solutions are candidates, matched"
                    + " by question.")
    Path solutions;

    @Option(names = "--solution-field", defaultValue = "solution", paramLabel = "FIELD",
            description = "The field of --solutions holding the solution's reasoning. Default: ${DEFAULT-VALUE}.")
    String solutionField;

    @Option(names = "--student", required = true, paramLabel = "ENDPOINT",
            description = "The student whose likelihood is measured: tiny:base, openai:URL#MODEL (vLLM), or a name in --config.")
    String student;

    @Option(names = "--chat-template", paramLabel = "DIR|FILE",
            description = "The student's chat template: prompt and target are rendered with it exactly as fine-tuning sees"
                    + " them (needs --tokenizer). Required for an OpenAI-compatible student.")
    String chatTemplate;

    @Option(names = "--answer-format", defaultValue = "BOXED", paramLabel = "FORMAT",
            description = "How the final answer is stated after </think>: BOXED, THE_ANSWER_IS, ... Default: ${DEFAULT-VALUE}.")
    AnswerFormat answerFormat;

    @Option(names = "--surprise-nll", defaultValue = "1.0", paramLabel = "NATS",
            description = "A step whose mean NLL per token is above this is surprising. Default: ${DEFAULT-VALUE}.")
    double surpriseNll;

    @Option(names = "--select", paramLabel = "NATS",
            description = "Also write OUT/sft.jsonl by capacity-aware selection with this threshold (nats per token over"
                    + " the original's mean NLL).")
    Double select;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where align.jsonl and the summaries go.")
    Path out;

    @Override
    public Integer call() {
        Instant started = Instant.now();
        List<String> args = List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        RunDirectory run = RunDirectory.open(out);
        run.checkFingerprint(fingerprint(), args);
        TokenCounter counter = tokenizer.counter();
        BuildStage format = new BuildStage(SftFilters.DEFAULT, answerFormat, AnswerCheckers.standard(), counter);
        List<Candidate> candidates = candidates(format, counter);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        Path output = run.file(AlignStage.OUTPUT);
        AlignStage.Outcome outcome;
        if (chatTemplate != null && tokenizer.path == null) {
            throw new UserError("--chat-template needs --tokenizer: the student's tokenizer renders and checks the target");
        }
        try (StageModel model = models.open(student, run); ScoreRequests requests = ScoreRequests.of(chatTemplate,
                tokenizer.path == null ? null : tokenizer.path.toString(), "--chat-template")) {
            AlignStage stage = new AlignStage(model.model(), requests.request(), models.concurrency(16));
            try (Progress progress = new Progress("align", "targets", err, run.file(RunDirectory.LOG), model::progress)) {
                outcome = stage.run(candidates, output, new AlignStage.Listener() {
                    @Override
                    public void started(int total, int alreadyDone) {
                        progress.start(total, alreadyDone);
                    }

                    @Override
                    public void finished(CandidateScore score) {
                        progress.step();
                    }
                });
            }
            model.printReport(o);
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("candidates", (long) outcome.selected());
            counts.put("already_scored", (long) outcome.alreadyDone());
            counts.put("scored", (long) outcome.scored());
            counts.put("failed", (long) outcome.failed());
            run.recordStage(args, "align", Map.of("student", student, "surprise_nll", surpriseNll),
                    inputs(), Map.of("student", model.id().toString()),
                    new StageRecord(started, Duration.between(started, Instant.now()).toMillis() / 1000.0, counts));
        }
        List<CandidateScore> scores = AlignStage.read(output);
        AlignmentSummary summary = AlignmentSummary.of(student, surpriseNll, scores,
                candidates.stream().map(Candidate::variant).distinct().toList());
        run.writeJson(AlignStage.SUMMARY, summary);
        print(o, summary, outcome);
        if (select != null) {
            select(o, run, candidates, scores, counter);
        }
        int code = StageEnd.report("align", outcome.calls(), "targets", err);
        o.flush();
        return code;
    }

    private StageFingerprint fingerprint() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("inputs", inputs().stream().map(InputFile::sha256).toList());
        settings.put("names", pruned);
        settings.put("heuristic", heuristic);
        settings.put("solution_field", solutions == null ? null : solutionField);
        settings.put("student", student);
        settings.put("chat_template", chatTemplate);
        settings.put("tokenizer", tokenizer.describe());
        settings.put("answer_format", answerFormat);
        settings.put("surprise_nll", surpriseNll);
        return StageFingerprint.of("align", settings);
    }

    private List<InputFile> inputs() {
        List<InputFile> files = new ArrayList<>();
        for (String p : pruned) {
            files.add(InputFile.of("pruned", file(p)));
        }
        if (solutions != null) {
            files.add(InputFile.of("solutions", solutions));
        }
        return files;
    }

    private static Path file(String namedFile) {
        int eq = namedFile.indexOf('=');
        return Path.of(eq > 0 ? namedFile.substring(eq + 1) : namedFile);
    }

    /** Every candidate of every problem: originals first, then each variant in the order given. */
    List<Candidate> candidates(BuildStage format, TokenCounter counter) {
        List<Candidate> out = new ArrayList<>();
        List<PrunedRecord> first = PruneStage.read(file(pruned.getFirst()));
        List<Candidate> originals = new ArrayList<>();
        first.forEach(r -> Candidates.original(r, format).ifPresent(originals::add));
        if (originals.isEmpty()) {
            throw new UserError(pruned.getFirst() + " has no pruned record with its original steps: nothing to align");
        }
        out.addAll(originals);
        for (String p : pruned) {
            List<PrunedRecord> records = p.equals(pruned.getFirst()) ? first : PruneStage.read(file(p));
            String name = variantName(p);
            for (PrunedRecord r : records) {
                Candidates.pruned(r, name, format).ifPresent(out::add);
            }
        }
        for (String variant : heuristic) {
            out.addAll(heuristicVariant(variant, first, format, counter));
        }
        if (solutions != null) {
            Map<String, String> answers = new HashMap<>();
            first.forEach(r -> answers.put(r.id(), r.answer()));
            out.addAll(solutionCandidates(originals, answers, format));
        }
        return out;
    }

    /** NAME of NAME=FILE, else the run directory's name for a pruned.jsonl, else the file's name without .jsonl. */
    static String variantName(String namedFile) {
        int eq = namedFile.indexOf('=');
        if (eq > 0) {
            return namedFile.substring(0, eq);
        }
        Path file = file(namedFile).toAbsolutePath().normalize();
        String stem = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
        return stem.equals("pruned") && file.getParent() != null && file.getParent().getFileName() != null
                ? file.getParent().getFileName().toString() : stem;
    }

    private List<Candidate> heuristicVariant(String variant, List<PrunedRecord> records, BuildStage format, TokenCounter counter) {
        String[] parts = variant.split("/");
        if (parts.length != 2) {
            throw new UserError("--heuristic " + variant + ": write GRANULARITY/AGGRESSIVENESS, e.g. sentence/standard");
        }
        HeuristicTeacher teacher;
        try {
            teacher = HeuristicTeacher.of(new HeuristicTeacher.Options(
                    Granularity.valueOf(parts[0].toUpperCase(Locale.ROOT)),
                    Aggressiveness.valueOf(parts[1].toUpperCase(Locale.ROOT)), answerFormat), AnswerCheckers.standard());
        } catch (IllegalArgumentException e) {
            throw new UserError("--heuristic " + variant + ": granularity one of " + List.of(Granularity.values())
                    + ", aggressiveness one of " + List.of(Aggressiveness.values()));
        }
        PruneStage stage = new PruneStage(teacher, counter, 1);
        List<Candidate> out = new ArrayList<>();
        for (PrunedRecord r : records) {
            Candidates.original(r, format).ifPresent(original -> {
                String think = String.join("", r.steps().stream().map(PrunedRecord.StepView::text).toList());
                Trace trace = new Trace(r.id(), r.question(), think, "", r.answer(), r.gold(), true, true);
                Candidates.pruned(stage.prune(trace), "heuristic:" + variant.toLowerCase(Locale.ROOT), format)
                        .ifPresent(out::add);
            });
        }
        return out;
    }

    private List<Candidate> solutionCandidates(List<Candidate> originals, Map<String, String> answers, BuildStage format) {
        Map<String, String> byQuestion = new HashMap<>();
        JsonlReader.read(solutions, ErrorPolicy.STRICT, r -> r).items().forEach(r -> {
            String question = r.node().path("question").asText(r.node().path("problem").asText(null));
            String solution = r.node().path(solutionField).asText(null);
            if (question != null && solution != null && !solution.isBlank()) {
                byQuestion.putIfAbsent(question, solution);
            }
        });
        List<Candidate> out = new ArrayList<>();
        for (Candidate o : originals) {
            String solution = byQuestion.get(o.question());
            String answer = answers.get(o.id());
            if (solution != null && answer != null) {
                out.add(new Candidate(o.id(), "solution:" + solutionField, o.question(), format.assistant(solution, answer),
                        Candidate.paragraphs(solution)));
            }
        }
        return out;
    }

    private static void print(PrintWriter o, AlignmentSummary summary, AlignStage.Outcome outcome) {
        o.printf(Locale.ROOT, "candidates %d = %d scored before + %d scored now + %d failed%n", outcome.selected(),
                outcome.alreadyDone(), outcome.scored(), outcome.failed());
        int width = Math.max(8, summary.variants().stream().mapToInt(v -> v.variant().length()).max().orElse(8));
        o.printf(Locale.ROOT, "%-" + width + "s %8s %8s  %-26s %9s %10s%n", "variant", "targets", "tokens", "mean NLL [95% CI]",
                "pooled", "surprising");
        for (VariantAlignment v : summary.variants()) {
            o.printf(Locale.ROOT, "%-" + width + "s %8d %8.1f  %-26s %9.3f %9.1f%%%n", v.variant(), v.candidates(), v.meanTokens(),
                    String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", v.meanNll(), v.meanNllInterval().low(),
                            v.meanNllInterval().high()), v.pooledNll(), 100 * v.surprisingShare());
        }
        o.printf(Locale.ROOT, "(nats per token under %s; a step is surprising above %.2f)%n", summary.model(),
                summary.surpriseNll());
    }

    private void select(PrintWriter o, RunDirectory run, List<Candidate> candidates, List<CandidateScore> scores,
                        TokenCounter counter) {
        Map<String, CandidateScore> byKey = new HashMap<>();
        scores.forEach(s -> byKey.put(s.key(), s));
        List<CapacityAwareSelection.Scored> scored = new ArrayList<>();
        for (Candidate c : candidates) {
            CandidateScore s = byKey.get(c.key());
            if (s != null) {
                scored.add(new CapacityAwareSelection.Scored(c, s));
            }
        }
        CapacityAwareSelection.Built built = new CapacityAwareSelection(select).build(CapacityAwareSelection.byId(scored), c -> {
            String source = c.variant().equals(Candidates.ORIGINAL) ? SftExample.ORIGINAL
                    : c.variant().startsWith("solution:") ? SftExample.SOLUTION : SftExample.PRUNED;
            return SftExample.reply(c.id(), source, c.question(), c.assistant(), counter.count(c.assistant()));
        });
        run.writeText(BuildStage.OUTPUT, BuildStage.jsonl(built.examples()));
        run.writeJson(BuildStage.SUMMARY, built.summary());
        o.printf(Locale.ROOT, "capacity-aware selection (within %.3f nats/token of the original): %d examples, %,d tokens;"
                + " chosen %s; wrote %s%n", select, built.summary().written(), built.summary().tokens(), built.chosen(),
                run.file(BuildStage.OUTPUT));
    }
}
