package drp.cli.pipeline;

import drp.core.align.Candidate;
import drp.core.align.Candidates;
import drp.core.align.CandidateScore;
import drp.core.align.CapacityAwareSelection;
import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import drp.core.stage.AlignStage;
import drp.core.stage.PruneStage;
import drp.core.stage.PrunedRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The build of a capacity-aware arm: for every trace whose original the student scored, the
 * shortest of its candidates (the original, and each candidate arm's example of it) whose mean NLL
 * is within the threshold of the original's ({@link CapacityAwareSelection}), each example
 * carrying why it was chosen. Reads the align stage's scores; scores nothing itself.
 */
final class CapacitySelection {

    /** The counts of chosen variants, beside sft.jsonl. */
    static final String SUMMARY = "selection.json";

    private final PipelineSpec spec;
    private final PipelineSpec.Arm arm;
    private final SamplePhase sample;

    CapacitySelection(PipelineSpec spec, PipelineSpec.Arm arm, SamplePhase sample) {
        this.spec = spec;
        this.arm = arm;
        this.sample = sample;
    }

    /** What selection chose, by variant, for selection.json. */
    record Chosen(double threshold, List<String> candidates, Map<String, Integer> chosen) {}

    BuildStage.Result select(RunContext ctx, BuildStage format) {
        PipelineSpec.Arm main = spec.arms(true).getFirst();
        Map<String, CandidateScore> originalScores = byId(read(ctx, AlignPhase.ORIGINAL + "/" + AlignStage.OUTPUT,
                "the align stage of the original traces"));
        Map<String, Candidate> originals = new HashMap<>();
        for (PrunedRecord r : PruneStage.read(ctx.run().file(main.folder() + PrunePhase.OUTPUT))) {
            Candidates.original(r, format).ifPresent(c -> originals.put(c.id(), c));
        }
        Map<String, Map<String, SftExample>> examples = new LinkedHashMap<>();
        Map<String, Map<String, CandidateScore>> scores = new LinkedHashMap<>();
        for (String name : arm.build().candidates()) {
            PipelineSpec.Arm other = spec.arm(name);
            Map<String, SftExample> byId = new LinkedHashMap<>();
            BuildStage.read(read(ctx, other.folder() + BuildStage.OUTPUT, "the build of arm " + name))
                    .forEach(e -> byId.put(e.id(), e));
            examples.put(name, byId);
            scores.put(name, byId(read(ctx, other.folder() + AlignStage.OUTPUT, "the align stage of arm " + name)));
        }
        // every trace that has an original, in the sample's order
        Set<String> ids = new LinkedHashSet<>(sample.order(ctx));
        ids.retainAll(originals.keySet());
        originals.keySet().stream().filter(id -> !ids.contains(id)).sorted().forEach(ids::add);

        Map<String, List<CapacityAwareSelection.Scored>> groups = new LinkedHashMap<>();
        for (String id : ids) {
            List<CapacityAwareSelection.Scored> group = new ArrayList<>();
            for (String name : arm.build().candidates()) {
                SftExample e = examples.get(name).get(id);
                CandidateScore s = scores.get(name).get(id);
                if (e != null && s != null) {
                    group.add(new CapacityAwareSelection.Scored(Candidates.ofExample(e, name), s));
                }
            }
            CandidateScore original = originalScores.get(id);
            if (original != null) {
                group.add(new CapacityAwareSelection.Scored(originals.get(id), original));
            }
            groups.put(id, group);
        }
        CapacityAwareSelection.Built built = new CapacityAwareSelection(arm.build().threshold()).build(groups,
                c -> c.variant().equals(Candidates.ORIGINAL)
                        ? SftExample.reply(c.id(), SftExample.ORIGINAL, c.question(), c.assistant(),
                                ctx.studentTokens().count(c.assistant()))
                        : examples.get(c.variant()).get(c.id()));
        ctx.run().writeJson(arm.folder() + SUMMARY, new Chosen(arm.build().threshold(), arm.build().candidates(), built.chosen()));
        ctx.listener().note(String.format(Locale.ROOT, "select %s: %d traces, chosen %s (threshold %.3f nats/token)",
                arm.name(), ids.size(), built.chosen(), arm.build().threshold()));
        return built.result();
    }

    private static Path read(RunContext ctx, String file, String what) {
        Path path = ctx.run().file(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("capacity-aware selection reads " + path + ", which does not exist: run "
                    + what + " first (enable align, and list the arm in run_arms)");
        }
        return path;
    }

    private static Map<String, CandidateScore> byId(Path file) {
        Map<String, CandidateScore> out = new HashMap<>();
        AlignStage.read(file).forEach(s -> out.put(s.id(), s));
        return out;
    }
}
