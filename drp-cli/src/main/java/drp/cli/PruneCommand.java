package drp.cli;

import drp.core.answer.BasicAnswerChecker;
import drp.core.answer.RuleBasedExtractor;
import drp.core.io.ErrorPolicy;
import drp.core.io.ReadResult;
import drp.core.io.RecordError;
import drp.core.answer.AnswerFormat;
import drp.core.run.InputFile;
import drp.core.run.RunDirectory;
import drp.core.run.StageRecord;
import drp.core.stage.PruneStage;
import drp.core.stage.PruneSummarizer;
import drp.core.stage.PruneSummary;
import drp.core.stage.PrunedRecord;
import drp.core.step.Granularity;
import drp.core.teacher.Aggressiveness;
import drp.core.teacher.HeuristicTeacher;
import drp.core.token.TokenCounter;
import drp.core.trace.Trace;
import drp.core.trace.TraceReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drp prune}: the teacher decomposes and prunes each trace; writes pruned.jsonl and summary.json. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Prune reasoning traces: split each chain of thought into skill-level steps, keep, delete,",
                "rewrite or merge each step, and synthesize a concise trace that keeps the final answer.",
                "Writes RUN_DIR/pruned.jsonl (resumable: a rerun skips traces already written),",
                "RUN_DIR/summary.json and RUN_DIR/run.json."},
        footer = {"", "Examples:",
                "  drp prune --in ../shared/data/traces/r1-distill-llama-8b.math.jsonl --out runs/r1 \\",
                "      --tokenizer ../shared/data/tokenizers/qwen2",
                "  drp prune --in completions.jsonl --out runs/x --question-field problem --trace-field think --all",
                "  drp prune --in traces.jsonl --out runs/ablation --granularity sentence   # the sentence-split baseline"})
final class PruneCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Traces as JSONL.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "The run directory (created when needed).")
    Path out;

    @Option(names = "--teacher", defaultValue = "heuristic", paramLabel = "NAME",
            description = "The teacher: heuristic (rule-based, no model). Default: ${DEFAULT-VALUE}.")
    String teacherName;

    @Mixin
    TraceFieldOptions fieldOptions;

    @Mixin
    TokenizerOption tokenizer;

    @Option(names = "--granularity", defaultValue = "SKILL", paramLabel = "LEVEL",
            description = "Step granularity: ${COMPLETION-CANDIDATES}. SENTENCE is the sentence-split baseline. Default: ${DEFAULT-VALUE}.")
    Granularity granularity;

    @Option(names = "--aggressiveness", defaultValue = "STANDARD", paramLabel = "LEVEL",
            description = "How much to remove: ${COMPLETION-CANDIDATES}. LENGTH_ONLY is the skill-blind baseline. Default: ${DEFAULT-VALUE}.")
    Aggressiveness aggressiveness;

    @Option(names = "--answer-format", defaultValue = "BOXED", paramLabel = "FORMAT",
            description = "How pruned traces state the answer: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    AnswerFormat answerFormat;

    @Option(names = "--all", description = "Prune incorrect traces too (default: only traces marked correct, when the file says).")
    boolean all;

    @Option(names = "--strict", description = "Stop at the first malformed input line (default: skip it, count it, report file:line).")
    boolean strict;

    @Option(names = "--threads", paramLabel = "N", description = "Traces pruned in parallel. Default: the number of processors.")
    Integer threads;

    @Override
    public Integer call() {
        if (!"heuristic".equals(teacherName)) {
            throw new UserError("unknown teacher '" + teacherName + "': available: heuristic");
        }
        if (!Files.isRegularFile(input)) {
            throw new UserError("input file not found: " + input);
        }
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant started = Instant.now();
        TokenCounter counter = tokenizer.counter();
        HeuristicTeacher teacher = HeuristicTeacher.of(
                new HeuristicTeacher.Options(granularity, aggressiveness, answerFormat), new BasicAnswerChecker());

        ReadResult<Trace> read = new TraceReader(fieldOptions.fields(), new RuleBasedExtractor(answerFormat.extractionOrder()))
                .read(input, strict ? ErrorPolicy.STRICT : ErrorPolicy.LENIENT);
        for (RecordError e : read.errors()) {
            err.println("drp: skipped " + e);
        }
        List<Trace> selected = read.items().stream()
                .filter(t -> all || t.correct() == null || t.correct())
                .toList();

        RunDirectory run = RunDirectory.open(out);
        Path output = run.file(PruneStage.OUTPUT);
        AtomicLong before = new AtomicLong();
        AtomicLong after = new AtomicLong();
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        PruneStage.Outcome outcome;
        try (Progress progress = new Progress("prune", err, run.file(RunDirectory.LOG),
                () -> String.format("%s %,d -> %,d", counter.name(), before.get(), after.get()))) {
            outcome = new PruneStage(teacher, counter, workers).run(selected, output, new PruneStage.Listener() {
                @Override
                public void started(int total, int alreadyDone) {
                    progress.start(total, alreadyDone);
                }

                @Override
                public void finished(PrunedRecord record) {
                    if (record.ok()) {
                        before.addAndGet(record.tokensBefore());
                        after.addAndGet(record.tokensAfter());
                    }
                    progress.step();
                }
            });
        }
        List<PrunedRecord> records = PruneStage.read(output);
        PruneSummary summary = PruneSummarizer.summarize(records, read.items().size(), read.errors().size(),
                selected.size(), counter.name());
        run.writeJson(RunDirectory.SUMMARY, summary);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("teacher", teacherName);
        config.put("granularity", granularity.name());
        config.put("aggressiveness", aggressiveness.name());
        config.put("answer_format", answerFormat.name());
        config.put("only_correct", !all);
        config.put("strict", strict);
        config.put("threads", workers);
        config.put("fields", fieldOptions.fields());
        config.put("tokenizer", tokenizer.describe());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("read", (long) read.items().size());
        counts.put("input_errors", (long) read.errors().size());
        counts.put("selected", (long) outcome.selected());
        counts.put("already_done", (long) outcome.alreadyDone());
        counts.put("pruned", (long) outcome.pruned());
        counts.put("failed", (long) outcome.failed());
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        run.recordStage(List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)), "prune",
                config, List.of(InputFile.of("traces", input)),
                Map.of("teacher", teacher.name() + " " + teacher.version(), "tokenizer", counter.name()),
                new StageRecord(started, seconds, counts));

        new SummaryPrinter(outWriter).print(summary, run.root());
        return 0;
    }
}
