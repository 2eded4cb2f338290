package drp.cli.report;

import drp.core.prune.Action;
import drp.core.prune.StepDecision;
import drp.core.stage.PrunedRecord;
import drp.core.step.Skill;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the teacher did with the steps of each skill: one stacked bar per skill (its steps'
 * shares of KEEP, DELETE, REWRITE and MERGE, each with its color and texture), from the decisions
 * in pruned.jsonl; the step count is written beside each bar and the share inside wide segments.
 */
final class ActionMixChart {

    private ActionMixChart() {}

    /** Decision counts by skill then action, over the pruned (ok) traces. */
    static Map<Skill, Map<Action, Long>> counts(List<PrunedRecord> records) {
        Map<Skill, Map<Action, Long>> counts = new EnumMap<>(Skill.class);
        for (PrunedRecord r : records) {
            if (!r.ok()) {
                continue;
            }
            for (StepDecision d : r.decisions()) {
                if (d.step() >= 0 && d.step() < r.steps().size() && r.steps().get(d.step()).skill() != null) {
                    counts.computeIfAbsent(r.steps().get(d.step()).skill(), k -> new EnumMap<>(Action.class))
                            .merge(d.action(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    static String svg(String id, String arm, List<PrunedRecord> records) {
        Map<Skill, Map<Action, Long>> counts = counts(records);
        int rows = Math.max(1, counts.size());
        Svg svg = new Svg(id, 600, 70 + 26 * rows, "Action mix per skill: " + arm,
                "For each skill, the share of its steps the teacher kept, deleted, rewrote or merged.");
        if (counts.isEmpty()) {
            return svg.text(300, 50, "no pruned traces", "middle", "note").toString();
        }
        double left = 130;
        double right = 520;
        int row = 0;
        for (Map.Entry<Skill, Map<Action, Long>> e : counts.entrySet()) {
            long total = e.getValue().values().stream().mapToLong(Long::longValue).sum();
            double y = 44 + 26 * row++;
            svg.text(left - 8, y + 13, e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '), "end", "tick");
            double x = left;
            for (Action a : Action.values()) {
                long n = e.getValue().getOrDefault(a, 0L);
                if (n == 0) {
                    continue;
                }
                double w = (right - left) * n / total;
                svg.rect(x, y, w, 18, "segment seg-" + a.name().toLowerCase(Locale.ROOT),
                        "fill:url(#" + Palette.pattern(a) + ");stroke:#fff;stroke-width:0.5",
                        String.format(Locale.ROOT, "%s, %s: %,d of %,d steps (%.0f%%)", e.getKey().name(), a.name(), n,
                                total, 100.0 * n / total));
                if (w > 34) {
                    svg.text(x + w / 2, y + 13, String.format(Locale.ROOT, "%.0f%%", 100.0 * n / total), "middle",
                            "seg-label");
                }
                x += w;
            }
            svg.text(right + 6, y + 13, String.format(Locale.ROOT, "%,d", total), "start", "tick");
        }
        double lx = left;
        for (Action a : Action.values()) {
            svg.legendBox(lx, 24, a, a.name().toLowerCase(Locale.ROOT));
            lx += 95;
        }
        svg.text(right + 6, 24, "steps", "start", "legend");
        return svg.toString();
    }
}
