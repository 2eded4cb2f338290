package drp.cli;

import drp.core.answer.AnswerFormat;
import drp.core.answer.RuleBasedExtractor;
import drp.core.io.ErrorPolicy;
import drp.core.io.ReadResult;
import drp.core.io.RecordError;
import drp.core.io.ResumableJsonlWriter;
import drp.core.run.InputFile;
import drp.core.run.RunDirectory;
import drp.core.run.StageFingerprint;
import drp.core.run.StageRecord;
import drp.core.stage.PruneStage;
import drp.core.stage.PruneSummarizer;
import drp.core.stage.PruneSummary;
import drp.core.stage.PrunedRecord;
import drp.core.step.Granularity;
import drp.core.teacher.Aggressiveness;
import drp.core.teacher.HeuristicTeacher;
import drp.core.teacher.LlmTeacher;
import drp.core.teacher.ReplyForm;
import drp.core.teacher.Teacher;
import drp.core.teacher.TeacherProtocol;
import drp.core.token.TokenCounter;
import drp.core.trace.Trace;
import drp.core.trace.TraceReader;
import drp.core.trace.TraceSelection;
import drp.llm.batch.BatchOptions;
import drp.llm.batch.BatchPruneRounds;
import drp.llm.batch.DeferringChatModel;
import drp.llm.batch.OpenAiBatchRunner;
import drp.llm.endpoint.ChatModelStack;
import drp.llm.endpoint.Durations;
import drp.llm.meter.Price;
import drp.llm.meter.TokenEstimate;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drp prune}: the teacher decomposes and prunes each trace; writes pruned.jsonl and summary.json. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Prune reasoning traces into concise ones that keep the final answer.",
                "Each chain of thought is split into skill-level steps; each step is kept, deleted, rewritten or merged,",
                "and a concise trace in the student's voice is synthesized.",
                "Writes RUN_DIR/pruned.jsonl (resumable: a rerun skips traces already written),",
                "RUN_DIR/summary.json and RUN_DIR/run.json. With an LLM teacher, calls are cached in",
                "RUN_DIR/calls.sqlite, so a rerun costs nothing for what was answered.",
                "Each trace needs its own id: several samples of one problem are told apart by a sample-index field",
                "(sample_index, sample, sample_idx, completion_index or --sample-field), which makes the id ID#INDEX;",
                "two records that still share an id are refused, both lines named. The summary accounts for every",
                "record: read = selected + skipped (by reason), selected = pruned + failed (by reason) + pending.",
                "Exit codes: 0 done, 1 failed (calls that failed are not recorded; rerun to retry), 2 bad usage or input,",
                "3 stopped at --max-cost."},
        footer = {"", "Examples:",
                "  drp prune --in ../shared/data/traces/r1-distill-llama-8b.math.jsonl --out runs/r1 \\",
                "      --tokenizer ../shared/data/tokenizers/qwen2",
                "  drp prune --in runs/r1/completions.jsonl --out runs/r1 --teacher openai:https://api.openai.com/v1#gpt-4o \\",
                "      --max-cost 20 --concurrency 32",
                "  drp prune --in runs/r1/completions.jsonl --out runs/r1 --teacher teacher --config drp.yaml --batch",
                "  drp prune --in traces.jsonl --out runs/ablation --granularity sentence   # the sentence-split baseline"})
final class PruneCommand implements Callable<Integer> {

    /** The batch job's state inside the run directory. */
    static final String BATCH_STATE = "batch.sqlite";

    @Spec
    CommandSpec spec;

    @Mixin
    DebugOption debug;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Traces as JSONL (e.g. RUN_DIR/completions.jsonl from drp sample).")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "RUN_DIR", description = "The run directory (created when needed).")
    Path out;

    @Option(names = "--teacher", defaultValue = "heuristic", paramLabel = "TEACHER",
            description = {"heuristic (rule-based, no model; the default), or an LLM teacher: openai:BASE_URL#MODEL,",
                    "gguf:PATH, or an endpoint named in --config."})
    String teacherName;

    @Mixin
    TraceFieldOptions fieldOptions;

    @Mixin
    TokenizerOption tokenizer;

    @Mixin
    ModelOptions models;

    @Option(names = "--granularity", defaultValue = "SKILL", paramLabel = "LEVEL",
            description = "Step granularity (heuristic teacher): ${COMPLETION-CANDIDATES}. SENTENCE is the sentence-split baseline. Default: ${DEFAULT-VALUE}.")
    Granularity granularity;

    @Option(names = "--aggressiveness", defaultValue = "STANDARD", paramLabel = "LEVEL",
            description = "How much to remove (heuristic teacher): ${COMPLETION-CANDIDATES}. LENGTH_ONLY is the skill-blind baseline. Default: ${DEFAULT-VALUE}.")
    Aggressiveness aggressiveness;

    @Option(names = "--answer-format", defaultValue = "BOXED", paramLabel = "FORMAT",
            description = "How pruned traces state the answer: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    AnswerFormat answerFormat;

    @Option(names = "--protocol", defaultValue = "TWO_CALL", paramLabel = "P",
            description = "LLM teacher: ${COMPLETION-CANDIDATES} (two calls per trace, as in the paper, or one). Default: ${DEFAULT-VALUE}.")
    TeacherProtocol protocol;

    @Option(names = "--reply-form", defaultValue = "JSON_SCHEMA", paramLabel = "FORM",
            description = "LLM teacher: ${COMPLETION-CANDIDATES} (structured output, or \"Step n:\" text for servers without it). Default: ${DEFAULT-VALUE}.")
    ReplyForm replyForm;

    @Option(names = "--teacher-attempts", defaultValue = "3", paramLabel = "N",
            description = "LLM teacher: answers per call before a trace is recorded as failed; invalid answers are sent back with the errors. Default: ${DEFAULT-VALUE}.")
    int teacherAttempts;

    @Option(names = "--teacher-temperature", defaultValue = "0", paramLabel = "T", description = "LLM teacher: sampling temperature. Default: ${DEFAULT-VALUE}.")
    double teacherTemperature;

    @Option(names = "--teacher-max-tokens", defaultValue = "16384", paramLabel = "N", description = "LLM teacher: the most tokens per answer. Default: ${DEFAULT-VALUE}.")
    int teacherMaxTokens;

    @Option(names = "--batch", description = "LLM teacher: send the calls through the OpenAI Batch API (half price, answers within 24h); one batch round per call of the protocol. Stop and rerun to resume.")
    boolean batch;

    @Option(names = "--batch-poll", defaultValue = "60s", paramLabel = "DURATION", description = "How often a running batch is looked at. Default: ${DEFAULT-VALUE}.")
    String batchPoll;

    @Option(names = "--all", description = "Prune incorrect traces too (default: only traces marked correct, when the file says).")
    boolean all;

    @Option(names = "--strict", description = "Stop at the first malformed input line (default: skip it, count it, report file:line).")
    boolean strict;

    @Option(names = "--threads", paramLabel = "N", description = "Heuristic teacher: traces pruned in parallel. Default: the number of processors.")
    Integer threads;

    private boolean heuristic() {
        return "heuristic".equals(teacherName);
    }

    @Override
    public Integer call() {
        if (!heuristic()) {
            try {
                models.resolve(teacherName);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage().startsWith("unknown endpoint")
                        ? "unknown teacher '" + teacherName + "': write heuristic, or an LLM endpoint: "
                                + e.getMessage().replaceFirst("^unknown endpoint '.*?': write ", "")
                        : e.getMessage());
            }
        }
        if (!Files.isRegularFile(input)) {
            throw new UserError("input file not found: " + input);
        }
        if (batch && heuristic()) {
            throw new UserError("--batch needs an LLM teacher (--teacher openai:BASE_URL#MODEL or a config name)");
        }
        if (batch && models.noCache) {
            throw new UserError("--batch hands answers from one round to the next through the call cache; drop --no-cache");
        }
        PrintWriter err = spec.commandLine().getErr();
        Instant started = Instant.now();
        TokenCounter counter = tokenizer.counter();
        ReadResult<Trace> read = new TraceReader(fieldOptions.fields(), new RuleBasedExtractor(answerFormat.extractionOrder()))
                .read(input, strict ? ErrorPolicy.STRICT : ErrorPolicy.LENIENT);
        for (RecordError e : read.errors()) {
            err.println("drp: skipped " + e);
        }
        List<Trace> selected = TraceSelection.of(read, all).selected();
        RunDirectory run = RunDirectory.open(out);
        run.checkFingerprint(fingerprint(), List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)));
        Run r = new Run(run, read, selected, counter, started);
        if (heuristic()) {
            HeuristicTeacher teacher = HeuristicTeacher.of(
                    new HeuristicTeacher.Options(granularity, aggressiveness, answerFormat), AnswerCheckers.standard());
            int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            PruneStage.Outcome outcome = prune(r, new PruneStage(teacher, counter, workers), () -> "");
            Map<String, Object> config = config(workers);
            finish(r, teacher, outcome, config, Map.of(), null);
            return StageEnd.DONE;
        }
        try (StageModel model = models.open(teacherName, run)) {
            return batch ? runBatch(r, model) : runLive(r, model);
        }
    }

    /** What every path of the command shares. */
    private record Run(RunDirectory dir, ReadResult<Trace> read, List<Trace> selected, TokenCounter counter, Instant started) {
        Path output() {
            return dir.file(PruneStage.OUTPUT);
        }
    }

    private int runLive(Run r, StageModel model) {
        LlmTeacher teacher = LlmTeacher.of(model.model(), teacherOptions(), AnswerCheckers.standard());
        estimate(r, teacher, model, model.price().orElse(null));
        int concurrency = models.concurrency(16);
        PruneStage stage = new PruneStage(teacher, r.counter(), concurrency, Thread.ofVirtual().name("teacher-", 0).factory());
        PruneStage.Outcome outcome = prune(r, stage, model::progress);
        Map<String, Object> config = config(concurrency);
        finish(r, teacher, outcome, config, teacher.promptHashes(), model);
        return StageEnd.report("prune", outcome.calls(), "traces", spec.commandLine().getErr());
    }

    /**
     * The Batch API, as {@link BatchPruneRounds} runs it round after round; this wires the runner,
     * the deferring model and the teacher, and prints the rounds and how they ended.
     */
    private int runBatch(Run r, StageModel model) {
        ChatModelStack stack = model.opened().stack().orElseThrow(() -> new UserError("--batch needs an OpenAI-compatible"
                + " endpoint (openai:BASE_URL#MODEL or a config name); " + teacherName + " runs in this process"));
        PrintWriter err = spec.commandLine().getErr();
        BatchOptions options = BatchOptions.DEFAULT.withPollInterval(Durations.parse(batchPoll));
        try (OpenAiBatchRunner runner = stack.batch(r.dir().file(BATCH_STATE), options)) {
            runner.progress(p -> {
                err.println("prune: batch " + p);
                err.flush();
            });
            DeferringChatModel deferring = new DeferringChatModel(runner.id(), model.cache().orElseThrow());
            LlmTeacher teacher = LlmTeacher.of(deferring, teacherOptions(), AnswerCheckers.standard());
            Price batchPrice = model.price().map(p -> p.times(0.5)).orElse(null);
            estimate(r, teacher, model, batchPrice);
            PruneStage stage = new PruneStage(teacher, r.counter(), models.concurrency(16), Thread.ofVirtual().factory());
            BatchPruneRounds rounds = new BatchPruneRounds(stage, deferring, runner,
                    BatchPruneRounds.roundsFor(teacherOptions()), batchPrice, model.budget().orElse(null), model.meter());
            BatchPruneRounds.Result result = rounds.run(r.selected(), r.output(), new BatchPruneRounds.Listener() {
                @Override
                public BatchPruneRounds.PassListener pass(int round) {
                    return progress(r, model::progress);
                }

                @Override
                public void submitting(int round, int requests) {
                    err.printf("prune: batch round %d: %d requests%n", round, requests);
                    err.flush();
                }
            });
            if (result.stop() == BatchPruneRounds.Stop.CANCELLED) {
                err.println("drp: prune stopped: " + result.reason());
                err.println("drp: the batch job's state is kept in " + r.dir().file(BATCH_STATE)
                        + "; rerun the same command to resume it (nothing is uploaded or paid twice)");
                err.flush();
                return StageEnd.FAILED;
            }
            Map<String, Object> config = config(models.concurrency(16));
            config.put("batch_poll", batchPoll);
            finish(r, teacher, result.outcome(), config, teacher.promptHashes(), model);
            return StageEnd.report("prune", result.outcome().calls(), "traces", err);
        }
    }

    private LlmTeacher.Options teacherOptions() {
        return new LlmTeacher.Options(protocol, replyForm, teacherAttempts, answerFormat, teacherTemperature, teacherMaxTokens);
    }

    /** Prints what the traces still to do should cost (prompt and answer sizes estimated from their lengths). */
    private void estimate(Run r, LlmTeacher teacher, StageModel model, Price price) {
        Set<String> done;
        try (ResumableJsonlWriter existing = ResumableJsonlWriter.open(r.output(), "id")) {
            done = existing.ids();
        }
        long requests = 0;
        long prompt = 0;
        long completion = 0;
        for (Trace t : r.selected()) {
            if (!done.contains(t.id()) && t.finished() && !t.answer().isBlank()) {
                LlmTeacher.CallEstimate e = teacher.estimate(t);
                requests += e.calls();
                prompt += TokenEstimate.approximateTokens(e.promptChars());
                completion += TokenEstimate.approximateTokens(e.completionChars());
            }
        }
        model.printEstimate(spec.commandLine().getErr(), "prune", requests, prompt, completion, price);
    }

    private PruneStage.Outcome prune(Run r, PruneStage stage, Supplier<String> calls) {
        try (BatchPruneRounds.PassListener pass = progress(r, calls)) {
            return stage.run(r.selected(), r.output(), pass);
        }
    }

    /**
     * Shows one pass of the stage over the traces (tokens before and after, and the calls'
     * detail); a live pass and each batch round's pass are shown alike.
     */
    private BatchPruneRounds.PassListener progress(Run r, Supplier<String> calls) {
        AtomicLong before = new AtomicLong();
        AtomicLong after = new AtomicLong();
        Progress progress = new Progress("prune", spec.commandLine().getErr(), r.dir().file(RunDirectory.LOG), () -> {
            String c = calls.get();
            return String.format("%s %,d -> %,d", r.counter().name(), before.get(), after.get()) + (c.isEmpty() ? "" : " | " + c);
        });
        return new BatchPruneRounds.PassListener() {
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

            @Override
            public void close() {
                progress.close();
            }
        };
    }

    /**
     * What shapes pruned.jsonl: the input's content, the teacher and its settings, the answer
     * format, the selection, the field mapping and the tokenizer; not how many workers run.
     */
    private StageFingerprint fingerprint() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("input_sha256", InputFile.of("traces", input).sha256());
        settings.put("teacher", teacherName);
        if (heuristic()) {
            settings.put("granularity", granularity.name());
            settings.put("aggressiveness", aggressiveness.name());
            settings.put("rules", HeuristicTeacher.RULES_VERSION);
        } else {
            settings.put("protocol", protocol.name());
            settings.put("reply_form", replyForm.name());
            settings.put("teacher_attempts", teacherAttempts);
            settings.put("teacher_temperature", teacherTemperature);
            settings.put("teacher_max_tokens", teacherMaxTokens);
            settings.put("protocol_version", LlmTeacher.PROTOCOL_VERSION);
        }
        settings.put("answer_format", answerFormat.name());
        settings.put("only_correct", !all);
        settings.put("fields", fieldOptions.fields());
        settings.put("tokenizer", tokenizer.describe());
        return StageFingerprint.of("prune", settings);
    }

    private Map<String, Object> config(int workers) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("teacher", teacherName);
        if (heuristic()) {
            config.put("granularity", granularity.name());
            config.put("aggressiveness", aggressiveness.name());
            config.put("threads", workers);
        } else {
            config.put("protocol", protocol.name());
            config.put("reply_form", replyForm.name());
            config.put("teacher_attempts", teacherAttempts);
            config.put("teacher_temperature", teacherTemperature);
            config.put("teacher_max_tokens", teacherMaxTokens);
            config.put("batch", batch);
            config.put("concurrency", workers);
            config.put("cache", models.noCache ? "off" : ModelOptions.CACHE);
            config.put("max_cost_usd", models.maxCost);
            config.put("max_attempts", models.maxAttempts);
        }
        config.put("answer_format", answerFormat.name());
        config.put("only_correct", !all);
        config.put("strict", strict);
        config.put("fields", fieldOptions.fields());
        config.put("tokenizer", tokenizer.describe());
        return config;
    }

    /** Writes summary.json and run.json and prints the summary (and the calls' report). */
    private void finish(Run r, Teacher teacher, PruneStage.Outcome outcome, Map<String, Object> config,
            Map<String, String> prompts, StageModel model) {
        List<PrunedRecord> records = PruneStage.read(r.output());
        TraceSelection selection = TraceSelection.of(r.read(), all);
        PruneSummary summary = PruneSummarizer.summarize(records, selection, r.counter().name());
        r.dir().writeJson(RunDirectory.SUMMARY, summary);

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("read", selection.read());
        counts.put("input_errors", (long) r.read().errors().size());
        counts.put("selected", (long) outcome.selected());
        counts.put("already_done", (long) outcome.alreadyDone());
        counts.put("pruned", (long) outcome.pruned());
        counts.put("failed", (long) outcome.failed());
        counts.put("call_failures", outcome.calls().callFailures());
        counts.put("deferred", outcome.calls().deferred());
        Map<String, String> components = new LinkedHashMap<>();
        components.put("teacher", teacher.name() + " " + teacher.version());
        components.put("tokenizer", r.counter().name());
        prompts.forEach((file, sha) -> components.put("prompt:" + file, "sha256:" + sha));
        if (model != null) {
            config.put("usage", model.usage());
            outcome.calls().stop().ifPresent(s -> config.put("stopped", s));
        }
        double seconds = Duration.between(r.started(), Instant.now()).toMillis() / 1000.0;
        r.dir().recordStage(List.of(spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)), "prune",
                config, List.of(InputFile.of("traces", input)), components, new StageRecord(r.started(), seconds, counts));

        PrintWriter o = spec.commandLine().getOut();
        new SummaryPrinter(o).print(summary, r.dir().root());
        if (model != null) {
            model.printReport(o);
        }
        o.flush();
    }
}
