package drp.cli.pipeline;

import drp.core.align.AlignmentSummary;
import drp.core.align.Candidate;
import drp.core.align.CandidateScore;
import drp.core.align.Candidates;
import drp.core.run.StageFingerprint;
import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import drp.core.stage.AlignStage;
import drp.core.stage.PruneStage;
import drp.core.stage.PrunedRecord;
import drp.llm.template.SftRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The align stage of one arm (or of the student's own original traces): the base student scores
 * every training target the arm would fine-tune on, with nothing generated, into the arm's
 * align.jsonl and align.summary.json. The report puts each arm's mean NLL beside its accuracy:
 * how well the structure of its targets fits the student, measured before paying for training.
 */
final class AlignPhase implements Phase {

    /** The variant and folder of the student's own original traces. */
    static final String ORIGINAL = Candidates.ORIGINAL;

    private final PipelineSpec spec;
    private final String variant;
    private final String folder;
    private final String sourceFolder;
    private final Phase input;
    private final String chatTemplate;

    /**
     * @param variant      the arm's name, or {@link #ORIGINAL}
     * @param folder       where its outputs go: the arm's folder, or {@code original/}
     * @param sourceFolder where what is scored is read: the arm's folder (sft.jsonl), or the main
     *                     arm's (pruned.jsonl) for the originals
     * @param input        the phase that wrote what is scored: the arm's build, or for the
     *                     originals the main arm's prune (its records hold the original steps)
     * @param chatTemplate the student's chat template to render prompt and target with, or null
     *                     for a student that renders its own conversation (drp-tiny)
     */
    private AlignPhase(PipelineSpec spec, String variant, String folder, String sourceFolder, Phase input,
                       String chatTemplate) {
        this.spec = spec;
        this.variant = variant;
        this.folder = folder;
        this.sourceFolder = sourceFolder;
        this.input = input;
        this.chatTemplate = chatTemplate;
    }

    /** The phase scoring an arm's training examples. */
    static AlignPhase ofArm(PipelineSpec spec, PipelineSpec.Arm arm, Phase build) {
        return new AlignPhase(spec, arm.name(), arm.folder(), arm.folder(), build, arm.build().chatTemplate());
    }

    /** The phase scoring the student's own traces as they were before pruning (from the main arm's pruned.jsonl). */
    static AlignPhase ofOriginals(PipelineSpec spec, PipelineSpec.Arm main, Phase prune) {
        return new AlignPhase(spec, ORIGINAL, ORIGINAL + "/", main.folder(), prune, main.build().chatTemplate());
    }

    String variant() {
        return variant;
    }

    String folder() {
        return folder;
    }

    @Override
    public String stage() {
        return "align";
    }

    @Override
    public String key() {
        return "align:" + variant;
    }

    @Override
    public StageFingerprint fingerprint(RunContext ctx) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("input", input.fingerprint(ctx).hash());
        settings.put("student", spec.student());
        settings.put("surprise_nll", spec.align().surpriseNll());
        if (chatTemplate != null) {
            settings.put("chat_template", chatTemplate);
            settings.put("renderer_version", SftRenderer.VERSION);
        }
        return StageFingerprint.of(key(), settings);
    }

    @Override
    public List<String> outputs() {
        return List.of(folder + AlignStage.OUTPUT, folder + AlignStage.SUMMARY);
    }

    @Override
    public List<String> plan(RunContext ctx) {
        // at most one target per own trace, each at most its prompt and the sample stage's cap
        PipelineSpec.Sample s = spec.sample();
        List<drp.core.problem.Problem> problems = ctx.problems(s.dataset(), s.limit());
        long requests = (long) problems.size() * s.seeds().size() * s.samples();
        long tokens = Costs.promptTokens(ctx.benchmark(s.dataset(), s.limit()), problems) * s.seeds().size() * s.samples()
                + requests * s.maxTokens();
        return List.of(String.format(Locale.ROOT, "%s scores %s: at most %,d targets, one teacher-forced pass each"
                        + " (nothing generated)", spec.student(), variant.equals(ORIGINAL)
                        ? "its own original traces (before pruning)" : "every training target of arm " + variant, requests),
                Costs.line(ctx, spec.student(), requests, tokens, requests));
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        List<Candidate> candidates = candidates(ctx);
        int concurrency = spec.align().concurrency() != null ? spec.align().concurrency() : spec.sample().concurrency();
        Path output = ctx.run().file(folder + AlignStage.OUTPUT);
        AlignStage.Outcome outcome;
        try (ScoreRequests scoring = ScoreRequests.of(chatTemplate, spec.tokenizer(), "align with build.chat_template")) {
            AlignStage stage = new AlignStage(ctx.model(spec.student()), scoring.request(), concurrency);
            PhaseListener.Tracker[] tracker = new PhaseListener.Tracker[1];
            try {
                outcome = stage.run(candidates, output, new AlignStage.Listener() {
                    @Override
                    public void started(int total, int alreadyDone) {
                        tracker[0] = ctx.listener().start("align " + variant, total, alreadyDone, "targets");
                    }

                    @Override
                    public void finished(CandidateScore score) {
                        tracker[0].step(String.format(Locale.ROOT, "mean NLL %.3f", score.meanNll()));
                    }
                });
            } finally {
                if (tracker[0] != null) {
                    tracker[0].close();
                }
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("candidates", (long) outcome.selected());
        counts.put("already_scored", (long) outcome.alreadyDone());
        counts.put("scored", (long) outcome.scored());
        counts.put("failed", (long) outcome.failed());
        if (!outcome.calls().complete()) {
            throw new PhaseStopped(key(), outcome.calls(), counts);
        }
        AlignmentSummary summary = AlignmentSummary.of(spec.student(), spec.align().surpriseNll(), AlignStage.read(output),
                List.of(variant));
        ctx.run().writeJson(folder + AlignStage.SUMMARY, summary);
        summary.variant(variant).ifPresent(v -> ctx.listener().note(String.format(Locale.ROOT,
                "align %s: %d targets, %.0f tokens, mean NLL %.3f [%.3f, %.3f] nats/token, %.1f%% of steps surprising",
                variant, v.candidates(), v.meanTokens(), v.meanNll(), v.meanNllInterval().low(),
                v.meanNllInterval().high(), 100 * v.surprisingShare())));
        return counts;
    }

    /** The targets: the arm's training examples, or the original traces of the main arm's pruned records. */
    List<Candidate> candidates(RunContext ctx) {
        List<Candidate> out = new ArrayList<>();
        if (variant.equals(ORIGINAL)) {
            BuildStage format = format(spec, ctx);
            for (PrunedRecord r : PruneStage.read(ctx.run().file(sourceFolder + PrunePhase.OUTPUT))) {
                Candidates.original(r, format).ifPresent(out::add);
            }
            return out;
        }
        for (SftExample e : BuildStage.read(ctx.run().file(sourceFolder + BuildStage.OUTPUT))) {
            out.add(Candidates.ofExample(e, variant));
        }
        return out;
    }

    /** The build stage's reply format, to make targets of the pipeline's traces. */
    static BuildStage format(PipelineSpec spec, RunContext ctx) {
        return new BuildStage(drp.core.sft.SftFilters.DEFAULT, spec.answerFormat(), ctx.checker(), ctx.studentTokens());
    }
}
