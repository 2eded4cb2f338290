package drp.cli.pipeline;

import drp.core.problem.Problem;
import drp.core.run.StageFingerprint;
import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import drp.core.sft.SftFilters;
import drp.core.stage.CompletionRecord;
import drp.core.stage.PruneStage;
import drp.core.stage.SampleStage;
import drp.core.sft.SftDataset;
import drp.llm.template.SftRenderer;
import drp.llm.token.HuggingFaceTokenCounter;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The build stage of one arm: its pruned traces (or, for a solutions arm, the reference solutions
 * of the problems another arm kept) become sft.jsonl, the chat examples the student is fine-tuned
 * on, with sft.summary.json accounting for every input (read = written + dropped by reason).
 */
final class BuildPhase implements Phase {

    private final PipelineSpec spec;
    private final PipelineSpec.Arm arm;
    private final SamplePhase sample;
    private final List<Phase> inputs;

    /**
     * @param inputs the phases whose output this one reads: the arm's prune phase; for a solutions
     *               arm the build phase of the arm whose problems it takes; for a capacity-aware
     *               arm the align phases of the originals and of every candidate arm
     */
    BuildPhase(PipelineSpec spec, PipelineSpec.Arm arm, SamplePhase sample, List<Phase> inputs) {
        this.spec = spec;
        this.arm = arm;
        this.sample = sample;
        this.inputs = List.copyOf(inputs);
    }

    /** {@code build}; a capacity-aware arm's selection is part of the align stage, whose scores it reads. */
    @Override
    public String stage() {
        return arm.selects() ? "align" : "build";
    }

    @Override
    public String key() {
        // the main arm's files are the run's own (its root), so its stage has the plain name
        return arm.main() ? "build" : "build:" + arm.name();
    }

    PipelineSpec.Arm arm() {
        return arm;
    }

    @Override
    public StageFingerprint fingerprint(RunContext ctx) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("input", inputs.size() == 1 ? inputs.getFirst().fingerprint(ctx).hash()
                : inputs.stream().map(p -> p.fingerprint(ctx).hash()).toList());
        settings.put("source", arm.build().source());
        settings.put("same_problems_as", arm.build().sameProblemsAs());
        if (arm.selects()) {
            settings.put("candidates", arm.build().candidates());
            settings.put("threshold", arm.build().threshold());
        }
        if (!arm.build().solutionField().equals("solution")) {
            // only when set, so that runs of the usual field keep their fingerprints
            settings.put("solution_field", arm.build().solutionField());
        }
        settings.put("filters", arm.build().filters().sftFilters());
        settings.put("answer_format", spec.answerFormat());
        settings.put("checker", spec.checker());
        settings.put("tokenizer", spec.tokenizer() == null ? "student" : spec.tokenizer());
        if (arm.build().chatTemplate() != null) {
            // only when set, so that runs without a template keep their fingerprints
            settings.put("chat_template", arm.build().chatTemplate());
            settings.put("cutoff", arm.build().cutoff());
            settings.put("renderer_version", SftRenderer.VERSION);
        }
        return StageFingerprint.of(key(), settings);
    }

    @Override
    public List<String> outputs() {
        List<String> out = new java.util.ArrayList<>(List.of(arm.folder() + BuildStage.OUTPUT, arm.folder() + BuildStage.SUMMARY));
        if (arm.build().chatTemplate() != null) {
            out.add(arm.folder() + EXPORTS);
        }
        if (arm.selects()) {
            out.add(arm.folder() + CapacitySelection.SUMMARY);
        }
        return out;
    }

    /** The folder of the exports (with a chat template), inside the arm's folder. */
    static final String EXPORTS = "sft";

    @Override
    public List<String> plan(RunContext ctx) {
        SftFilters f = arm.build().filters().sftFilters();
        String what = arm.prunes() ? "the arm's pruned traces"
                : arm.selects() ? "per problem, the shortest of the original trace and the examples of "
                        + String.join(", ", arm.build().candidates()) + " whose mean NLL is within "
                        + arm.build().threshold() + " nats/token of the original's,"
                : "the reference solutions (" + arm.build().solutionField() + ") of the problems arm "
                        + arm.build().sameProblemsAs() + " kept";
        List<String> lines = new java.util.ArrayList<>(List.of(what
                + " become chat examples (answer preserved " + f.answerPreserved() + ", matches gold " + f.matchesGold()
                + ", duplicates dropped " + f.dedup() + "): no model calls"));
        if (arm.build().chatTemplate() != null) {
            lines.add("rendered through the chat template of " + arm.build().chatTemplate() + " and checked one by one;"
                    + " longer than " + arm.build().cutoff() + " tokens: dropped; exports in RUN_DIR/" + arm.folder()
                    + EXPORTS + "/ (openai, trl, llamafactory, rendered)");
        }
        return lines;
    }

    @Override
    public Map<String, Long> run(RunContext ctx) {
        BuildStage stage = new BuildStage(arm.build().filters().sftFilters(), spec.answerFormat(), ctx.checker(),
                ctx.studentTokens());
        BuildStage.Result result;
        if (arm.selects()) {
            result = new CapacitySelection(spec, arm, sample).select(ctx, stage);
        } else if (arm.prunes()) {
            result = stage.fromPruned(PruneStage.read(ctx.run().file(arm.folder() + PrunePhase.OUTPUT)), sample.order(ctx));
        } else {
            PipelineSpec.Arm other = ctx.spec().arm(arm.build().sameProblemsAs());
            var file = ctx.run().file(other.folder() + BuildStage.OUTPUT);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(key() + " takes the problems arm " + other.name() + " kept, and "
                        + file + " does not exist: run that arm too (run_arms)");
            }
            List<String> ids = BuildStage.read(file).stream().map(SftExample::id).toList();
            result = stage.fromSolutions(ids, problemsOfTraces(ctx), arm.build().solutionField());
        }
        if (arm.build().chatTemplate() != null) {
            result = renderAndExport(ctx, result);
        }
        ctx.run().writeText(arm.folder() + BuildStage.OUTPUT, BuildStage.jsonl(result.examples()));
        ctx.run().writeJson(arm.folder() + BuildStage.SUMMARY, result.summary());
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("read", (long) result.summary().read());
        counts.put("written", (long) result.summary().written());
        result.summary().dropped().forEach((reason, n) -> counts.put("dropped." + reason, (long) n));
        ctx.listener().note(String.format(Locale.ROOT, "build %s: %d of %d %s kept as training examples, %,d tokens%s",
                arm.name(), result.summary().written(), result.summary().read(), arm.prunes() ? "pruned traces" : "problems",
                result.summary().tokens(), result.summary().dropped().isEmpty() ? "" : "; dropped " + result.summary().dropped()));
        return counts;
    }

    /**
     * Renders the examples through the student's chat template (dropping, with a count, those that
     * cannot be rendered faithfully or exceed the cutoff) and writes every export to the arm's
     * {@code sft/} folder, with the same code as {@code drp sft build}.
     */
    private BuildStage.Result renderAndExport(RunContext ctx, BuildStage.Result built) {
        try (StudentRendering rendering = StudentRendering.open(arm.build().chatTemplate(), spec.tokenizer(),
                "build.chat_template")) {
            SftRenderer renderer = rendering.renderer();
            HuggingFaceTokenCounter counter = rendering.counter();
            SftDataset.Outcome outcome = SftDataset.write(built, renderer,
                    new SftDataset.Options(arm.build().cutoff(), 0, 1, "drp_" + arm.name().replaceAll("[^A-Za-z0-9._-]", "_")),
                    ctx.run().file(arm.folder() + EXPORTS), renderer.describe(), counter.name(),
                    renderer.analysis().stripsReasoning());
            return new BuildStage.Result(outcome.result().examples(), outcome.result().summary());
        }
    }

    /** The problem behind each of the student's traces (completions.jsonl ids). */
    private Map<String, Problem> problemsOfTraces(RunContext ctx) {
        PipelineSpec.Sample s = spec.sample();
        Map<String, Problem> byProblemId = new HashMap<>();
        ctx.problems(s.dataset(), s.limit()).forEach(p -> byProblemId.put(p.id(), p));
        Map<String, Problem> byTrace = new HashMap<>();
        for (CompletionRecord c : SampleStage.read(ctx.run().file(SamplePhase.OUTPUT))) {
            Problem p = byProblemId.get(c.problemId());
            if (p != null) {
                byTrace.put(c.id(), p);
            }
        }
        return byTrace;
    }
}
