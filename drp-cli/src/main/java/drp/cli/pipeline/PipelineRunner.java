package drp.cli.pipeline;

import drp.core.run.RunDirectory;
import drp.core.run.StageFingerprint;
import drp.core.run.StageRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a pipeline: the phases of its stages in order (sample; prune and build per arm; align per arm when enabled; distill per
 * arm; eval of the base student and of every arm's student; report), each resumable. Before any
 * work, every phase has its fingerprint checked against the run directory's (also phases outside
 * {@code from}/{@code until}, whose outputs later phases read): a run directory made with other
 * settings is refused, naming the settings. {@code from}/{@code until}
 * limit the stages run; {@code restart} discards a stage's results and everything after it.
 */
public final class PipelineRunner {

    /** The stages in order. */
    public static final List<String> STAGES = List.of("sample", "prune", "build", "align", "distill", "eval", "report");

    /**
     * How to run.
     *
     * @param from    the first stage to run (earlier ones must have run in this directory)
     * @param until   the last stage to run
     * @param restart a stage whose results (and all later stages') are discarded first, or null
     */
    public record Options(String from, String until, String restart) {
        public Options {
            from = from == null ? STAGES.getFirst() : from;
            until = until == null ? STAGES.getLast() : until;
            for (String stage : new String[] {from, until, restart}) {
                if (stage != null && !STAGES.contains(stage)) {
                    throw new IllegalArgumentException("unknown stage '" + stage + "'; stages: " + String.join(", ", STAGES));
                }
            }
            if (STAGES.indexOf(from) > STAGES.indexOf(until)) {
                throw new IllegalArgumentException("--from " + from + " comes after --until " + until);
            }
        }

        public static final Options ALL = new Options(null, null, null);

        /** Whether {@code stage} is in the range run. */
        public boolean covers(String stage) {
            int i = STAGES.indexOf(stage);
            return i >= STAGES.indexOf(from) && i <= STAGES.indexOf(until);
        }
    }

    /** How a run ended: the tables (when the report ran) and the phases that ran. */
    public record Result(String tables, List<String> ran) {}

    private final PipelineSpec spec;
    private final List<PipelineSpec.Arm> arms;
    private final List<Phase> phases;
    private final ReportPhase report;

    public PipelineRunner(PipelineSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.arms = spec.arms(false);
        SamplePhase sample = new SamplePhase(spec);
        List<Phase> prunes = new ArrayList<>();
        Map<String, BuildPhase> builds = new LinkedHashMap<>();
        Map<String, Phase> pruneOf = new LinkedHashMap<>();
        for (PipelineSpec.Arm arm : arms) {
            if (arm.prunes()) {
                PrunePhase p = new PrunePhase(spec, arm, sample);
                prunes.add(p);
                pruneOf.put(arm.name(), p);
            }
        }
        // arms that prune first, so that an arm taking another's problems finds its build
        for (PipelineSpec.Arm arm : arms) {
            if (arm.prunes()) {
                builds.put(arm.name(), new BuildPhase(spec, arm, sample, List.of(pruneOf.get(arm.name()))));
            }
        }
        for (PipelineSpec.Arm arm : arms) {
            if (!arm.prunes() && !arm.selects()) {
                BuildPhase source = builds.get(arm.build().sameProblemsAs());
                if (source == null) {
                    throw new IllegalArgumentException("arm " + arm.name() + " takes the problems of arm "
                            + arm.build().sameProblemsAs() + ", which this run does not train (add it to run_arms)");
                }
                builds.put(arm.name(), new BuildPhase(spec, arm, sample, List.of(source)));
            }
        }
        // the align stage: the originals and every arm's targets scored, then the arms that select by those scores
        List<Phase> aligns = new ArrayList<>();
        Map<String, Phase> alignOf = new LinkedHashMap<>();
        if (spec.align().enabled()) {
            PipelineSpec.Arm main = spec.arms(true).getFirst();
            if (pruneOf.containsKey(main.name())) {
                AlignPhase originals = AlignPhase.ofOriginals(spec, main, pruneOf.get(main.name()));
                aligns.add(originals);
                alignOf.put(AlignPhase.ORIGINAL, originals);
            }
            for (Map.Entry<String, BuildPhase> b : builds.entrySet()) {
                AlignPhase a = AlignPhase.ofArm(spec, b.getValue().arm(), b.getValue());
                aligns.add(a);
                alignOf.put(b.getKey(), a);
            }
        }
        for (PipelineSpec.Arm arm : arms) {
            if (arm.selects()) {
                List<Phase> inputs = new ArrayList<>();
                for (String name : java.util.stream.Stream.concat(java.util.stream.Stream.of(AlignPhase.ORIGINAL),
                        arm.build().candidates().stream()).toList()) {
                    Phase scored = alignOf.get(name);
                    if (scored == null) {
                        throw new IllegalArgumentException("arm " + arm.name() + " selects among the scored targets of "
                                + (name.equals(AlignPhase.ORIGINAL) ? "the original traces (the main arm must prune)"
                                        : "arm " + name + " (add it to run_arms; it cannot itself select)")
                                + (spec.align().enabled() ? "" : "; set align.enabled: true"));
                    }
                    inputs.add(scored);
                }
                BuildPhase select = new BuildPhase(spec, arm, sample, inputs);
                builds.put(arm.name(), select);
                aligns.add(select);
                aligns.add(AlignPhase.ofArm(spec, arm, select));
            }
        }
        List<DistillPhase> distills = new ArrayList<>();
        for (PipelineSpec.Arm arm : arms) {
            distills.add(new DistillPhase(spec, arm, builds.get(arm.name())));
        }
        List<Phase> all = new ArrayList<>();
        all.add(sample);
        all.addAll(prunes);
        builds.values().stream().filter(b -> !b.arm().selects()).forEach(all::add);
        all.addAll(aligns);
        all.addAll(distills);
        all.add(new EvalPhase(spec, EvalPhase.BASE, null, ctx -> spec.student()));
        for (DistillPhase d : distills) {
            all.add(new EvalPhase(spec, d.arm().name(), d, ctx -> DistillPhase.endpoint(ctx, d.arm())));
        }
        this.report = new ReportPhase(spec, arms);
        all.add(report);
        this.phases = List.copyOf(all);
    }

    /** The phases, in the order they run. */
    public List<Phase> phases() {
        return phases;
    }

    /** The plan for {@code --dry-run}: every phase in range, whether it is new or resumes, and its cost lines. */
    public List<String> plan(RunContext ctx, Options options) {
        List<String> lines = new ArrayList<>();
        for (Phase phase : phases) {
            if (!options.covers(phase.stage())) {
                continue;
            }
            String state = "";
            StageFingerprint fp = phase.fingerprint(ctx);
            if (fp != null && options.restart() == null) {
                state = ctx.run().verifyFingerprint(fp, List.of()) ? " (ran here before with these settings: resumes)" : "";
            }
            lines.add(phase.key() + state);
            phase.plan(ctx).forEach(line -> lines.add("  " + line));
        }
        return lines;
    }

    /** Checks every phase in range, then runs them. */
    public Result run(RunContext ctx, Options options, List<String> command) {
        RunDirectory run = ctx.run();
        if (options.restart() != null) {
            restart(run, options.restart(), command);
        }
        // every stage, also those outside the range: a stage run with --from reads what earlier stages
        // wrote, and those must have been made with the settings given now
        for (Phase phase : phases) {
            StageFingerprint fp = phase.fingerprint(ctx);
            if (fp != null) {
                run.verifyFingerprint(fp, command);
            }
            if (options.covers(phase.stage())) {
                phase.check(ctx);
            }
        }
        List<String> ran = new ArrayList<>();
        for (Phase phase : phases) {
            if (!options.covers(phase.stage())) {
                continue;
            }
            StageFingerprint fp = phase.fingerprint(ctx);
            if (fp != null) {
                run.checkFingerprint(fp, command);
            }
            ctx.listener().note("-- " + phase.key());
            Instant started = Instant.now();
            Map<String, Long> counts;
            try {
                counts = phase.run(ctx);
            } catch (PhaseStopped stopped) {
                record(ctx, command, phase, started, stopped.counts());
                throw stopped;
            }
            record(ctx, command, phase, started, counts);
            ran.add(phase.key());
        }
        return new Result(options.covers("report") ? report.tables() : "", ran);
    }

    /** Discards the results of {@code stage} and of every stage after it. */
    private void restart(RunDirectory run, String stage, List<String> command) {
        int from = STAGES.indexOf(stage);
        List<String> keys = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (Phase phase : phases) {
            if (STAGES.indexOf(phase.stage()) >= from) {
                keys.add(phase.key());
                outputs.addAll(phase.outputs());
            }
        }
        run.forget(keys, outputs, command);
    }

    /** The phase's run in run.json: its settings, input files with their hashes, components, counts and time. */
    private static void record(RunContext ctx, List<String> command, Phase phase, Instant started,
                               Map<String, Long> counts) {
        double seconds = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        Map<String, Object> config = new LinkedHashMap<>();
        StageFingerprint fp = phase.fingerprint(ctx);
        if (fp != null) {
            config.putAll(fp.settings());
        }
        ctx.run().recordStage(command, phase.key(), config, phase.inputs(ctx), phase.components(ctx),
                new StageRecord(started, seconds, counts));
    }
}
