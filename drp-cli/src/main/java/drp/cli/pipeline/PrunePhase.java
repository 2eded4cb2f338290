package drp.cli.pipeline;

import drp.core.answer.RuleBasedExtractor;
import drp.core.io.ErrorPolicy;
import drp.core.io.ReadResult;
import drp.core.run.StageFingerprint;
import drp.core.stage.PruneStage;
import drp.core.stage.PruneSummarizer;
import drp.core.stage.PruneSummary;
import drp.core.stage.PrunedRecord;
import drp.core.teacher.HeuristicTeacher;
import drp.core.teacher.LlmTeacher;
import drp.core.teacher.Teacher;
import drp.core.token.TokenCounter;
import drp.core.trace.Trace;
import drp.core.trace.TraceFields;
import drp.core.trace.TraceReader;
import drp.core.trace.TraceSelection;
import drp.llm.batch.BatchPruneRounds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The prune stage of one arm: the arm's teacher prunes the student's correct traces (all of them
 * with {@code prune.all}) into the arm's pruned.jsonl, and its summary accounts for every trace
 * read: read = selected + skipped (by reason), selected = pruned + failed (by reason) + pending
 * (calls that failed; a rerun does them).
 */
final class PrunePhase implements Phase {

    static final String OUTPUT = PruneStage.OUTPUT;
    static final String SUMMARY = "prune.summary.json";
    /** The batch job's state, when the teacher's calls go through the Batch API. */
    static final String BATCH_STATE = "batch.sqlite";

    private final PipelineSpec spec;
    private final PipelineSpec.Arm arm;
    private final SamplePhase sample;

    PrunePhase(PipelineSpec spec, PipelineSpec.Arm arm, SamplePhase sample) {
        this.spec = spec;
        this.arm = arm;
        this.sample = sample;
    }

    @Override
    public String stage() {
        return "prune";
    }

    @Override
    public String key() {
        // the main arm writes pruned.jsonl at the run's root, as drp prune does, under the same name: the
        // two can never mix records made with other settings in one file
        return arm.main() ? "prune" : "prune:" + arm.name();
    }

    @Override
    public StageFingerprint fingerprint(RunContext ctx) {
        PipelineSpec.Prune p = arm.prune();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("input", sample.fingerprint(ctx).hash());
        settings.put("teacher", p.teacher());
        if (p.heuristic()) {
            settings.put("granularity", p.granularity());
            settings.put("aggressiveness", p.aggressiveness());
            settings.put("rules", HeuristicTeacher.RULES_VERSION);
        } else {
            settings.put("protocol", p.protocol());
            settings.put("reply_form", p.replyForm());
            settings.put("attempts", p.attempts());
            settings.put("temperature", p.temperature());
            settings.put("max_tokens", p.maxTokens());
            settings.put("protocol_version", LlmTeacher.PROTOCOL_VERSION);
        }
        settings.put("answer_format", spec.answerFormat());
        settings.put("all", p.all());
        settings.put("tokenizer", spec.tokenizer() == null ? "student" : spec.tokenizer());
        return StageFingerprint.of(key(), settings);
    }

    @Override
    public Map<String, String> components(RunContext ctx) {
        PipelineSpec.Prune p = arm.prune();
        Map<String, String> out = new LinkedHashMap<>();
        if (p.heuristic()) {
            out.put("teacher", "heuristic " + HeuristicTeacher.RULES_VERSION);
        } else {
            LlmTeacher teacher = LlmTeacher.of(ctx.model(p.teacher()), options(p), ctx.checker());
            out.put("teacher", teacher.name() + " " + teacher.version());
            teacher.promptHashes().forEach((file, sha) -> out.put("prompt:" + file, "sha256:" + sha));
        }
        out.put("tokenizer", ctx.studentTokens().name());
        return out;
    }

    private LlmTeacher.Options options(PipelineSpec.Prune p) {
        return new LlmTeacher.Options(p.protocol(), p.replyForm(), p.attempts(), spec.answerFormat(), p.temperature(),
                p.maxTokens());
    }

    @Override
    public List<String> outputs() {
        return List.of(arm.folder() + OUTPUT, arm.folder() + SUMMARY, arm.folder() + BATCH_STATE);
    }

    @Override
    public List<String> plan(RunContext ctx) {
        PipelineSpec.Prune p = arm.prune();
        PipelineSpec.Sample s = spec.sample();
        long traces = (long) ctx.problems(s.dataset(), s.limit()).size() * s.seeds().size() * s.samples();
        String what = String.format(Locale.ROOT, "%s prunes the %s traces (at most %,d)", p.heuristic()
                ? "the heuristic teacher (" + p.granularity() + ", " + p.aggressiveness() + ")" : p.teacher(),
                p.all() ? "student's" : "student's correct", traces);
        if (p.heuristic()) {
            return List.of(what + ": no model calls, free");
        }
        int calls = p.protocol() == drp.core.teacher.TeacherProtocol.TWO_CALL ? 2 : 1;
        // a call reads the trace (up to the student's max tokens) and writes about as much again
        long in = traces * calls * (s.maxTokens() + 600L);
        long out = traces * (long) s.maxTokens();
        String batch = p.batch() ? " through the Batch API (half price, one round per call of the protocol)" : "";
        return List.of(what + String.format(Locale.ROOT, ": %,d calls%s, %d retries at most per call", traces * calls,
                batch, p.attempts() - 1), Costs.line(ctx, p.teacher(), traces * calls, in, out, p.batch() ? 0.5 : 1.0)
                + " (traces as long as the sampling budget: an upper bound)");
    }

    private PruneStage stage(RunContext ctx, PipelineSpec.Prune p, TokenCounter counter) {
        if (p.heuristic()) {
            Teacher teacher = HeuristicTeacher.of(new HeuristicTeacher.Options(p.granularity(), p.aggressiveness(),
                    spec.answerFormat()), ctx.checker());
            return new PruneStage(teacher, counter, Runtime.getRuntime().availableProcessors());
        }
        Teacher teacher = LlmTeacher.of(ctx.model(p.teacher()), options(p), ctx.checker());
        return new PruneStage(teacher, counter, p.concurrency(), Thread.ofVirtual().name("teacher-", 0).factory());
    }

    /** One pass of the stage over the traces, on a progress line. */
    private PruneStage.Outcome live(RunContext ctx, PruneStage stage, List<Trace> selected, TokenCounter counter) {
        try (Shown shown = new Shown(ctx, "prune " + arm.name(), counter)) {
            return stage.run(selected, ctx.run().file(arm.folder() + OUTPUT), shown);
        }
    }

    /**
     * The Batch API: round after round the teacher runs over the traces with a model that answers
     * from the call cache and defers the rest, and the deferred calls go out as one batch job.
     */
    private PruneStage.Outcome batch(RunContext ctx, List<Trace> selected, TokenCounter counter) {
        PipelineSpec.Prune p = arm.prune();
        try (BatchAccess access = ctx.models().batch(p.teacher(), ctx.run().file(arm.folder() + BATCH_STATE),
                drp.llm.endpoint.Durations.parse(p.batchPoll()))) {
            LlmTeacher teacher = LlmTeacher.of(access.deferring(), options(p), ctx.checker());
            PruneStage stage = new PruneStage(teacher, counter, p.concurrency(), Thread.ofVirtual().factory());
            BatchPruneRounds rounds = new BatchPruneRounds(stage, access.deferring(), access.runner(),
                    BatchPruneRounds.roundsFor(options(p)), access.batchPrice(), access.budget(), access.meter());
            BatchPruneRounds.Result result = rounds.run(selected, ctx.run().file(arm.folder() + OUTPUT),
                    new BatchPruneRounds.Listener() {
                        @Override
                        public BatchPruneRounds.PassListener pass(int round) {
                            return new Shown(ctx, "prune " + arm.name() + " (batch round " + round + ")", counter);
                        }

                        @Override
                        public void submitting(int round, int requests) {
                            ctx.listener().note("prune " + arm.name() + ": batch round " + round + ": " + requests
                                    + " requests");
                        }
                    });
            if (result.stop() == BatchPruneRounds.Stop.CANCELLED) {
                throw new IllegalStateException("prune " + arm.name() + " stopped: " + result.reason() + "; the batch"
                        + " job's state is kept in " + ctx.run().file(arm.folder() + BATCH_STATE) + ", and rerunning"
                        + " the same command resumes it (nothing is uploaded or paid twice)");
            }
            return result.outcome();
        }
    }

    /** A pass of the prune stage on a progress line: traces done, tokens before and after, usage. */
    private final class Shown implements BatchPruneRounds.PassListener {
        private final RunContext ctx;
        private final String label;
        private final TokenCounter counter;
        private final long[] tokens = new long[2];
        private PhaseListener.Tracker tracker;

        Shown(RunContext ctx, String label, TokenCounter counter) {
            this.ctx = ctx;
            this.label = label;
            this.counter = counter;
        }

        @Override
        public void started(int total, int alreadyDone) {
            tracker = ctx.listener().start(label, total, alreadyDone, "traces");
        }

        @Override
        public void finished(PrunedRecord r) {
            if (r.ok()) {
                tokens[0] += r.tokensBefore();
                tokens[1] += r.tokensAfter();
            }
            String usage = arm.prune().heuristic() ? "" : " | " + ctx.models().usage();
            tracker.step(String.format(Locale.ROOT, "%s tokens %,d -> %,d%s", counter.name(), tokens[0], tokens[1], usage));
        }

        @Override
        public void close() {
            if (tracker != null) {
                tracker.close();
            }
        }
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        PipelineSpec.Prune p = arm.prune();
        TokenCounter counter = ctx.studentTokens();
        ReadResult<Trace> read = new TraceReader(TraceFields.defaults(),
                new RuleBasedExtractor(spec.answerFormat().extractionOrder()))
                .read(ctx.run().file(SamplePhase.OUTPUT), ErrorPolicy.STRICT);
        TraceSelection selection = TraceSelection.of(read, p.all());
        List<Trace> selected = selection.selected();
        PruneStage.Outcome outcome = p.batch() ? batch(ctx, selected, counter) : live(ctx, stage(ctx, p, counter),
                selected, counter);
        List<PrunedRecord> records = PruneStage.read(ctx.run().file(arm.folder() + OUTPUT));
        PruneSummary summary = PruneSummarizer.summarize(records, selection, counter.name());
        ctx.run().writeJson(arm.folder() + SUMMARY, summary);
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("read", selection.read());
        counts.put("selected", (long) selected.size());
        selection.skipped().forEach((reason, n) -> counts.put("skipped." + reason, n));
        counts.put("already_done", (long) outcome.alreadyDone());
        counts.put("pruned", (long) outcome.pruned());
        counts.put("failed", (long) outcome.failed());
        counts.put("call_failures", outcome.calls().callFailures());
        if (!outcome.calls().complete()) {
            throw new PhaseStopped(key(), outcome.calls(), counts);
        }
        ctx.listener().note(String.format(Locale.ROOT, "prune %s: %d of %d traces pruned, %s tokens %,d -> %,d (%.1f%% fewer)",
                arm.name(), summary.tracesOut(), summary.tracesIn(), counter.name(), summary.tokensBefore(),
                summary.tokensAfter(), 100 * summary.reduction()));
        return counts;
    }
}
