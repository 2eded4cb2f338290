package drp.cli.demo;

import drp.core.step.Granularity;
import drp.core.teacher.Aggressiveness;

/**
 * Where a fine-tuned student's training data comes from: one row of the paper's tables.
 *
 * <p>The heuristic teacher stands in for the paper's GPT-4o, so the baselines are its rule-based
 * counterparts: {@link #SENTENCE} is the same pruning on sentences instead of skill-level steps
 * (Table 2's "sentence split"); {@link #NO_DECOMPOSITION} prunes without looking at steps at all,
 * keeping everything up to the first arrival at the answer verbatim (skill-blind truncation with
 * {@link Aggressiveness#LENGTH_ONLY}; the paper's "w/o decomposition" let GPT-4o compress the whole
 * trace in one go, which a rule-based teacher cannot do, so this row is a weaker stand-in);
 * {@link #TEACHER} is fine-tuning on the teacher's own short solutions instead of pruned own traces
 * (Table 4).
 *
 * @param key         the model's name in files and summary.json
 * @param label       its row name in tables
 * @param granularity how the teacher cuts steps, or null when nothing is pruned
 * @param aggressiveness how much it removes, or null when nothing is pruned
 */
public enum Variant {
    DRP("drp", "DRP (skill-aware steps)", Granularity.SKILL, Aggressiveness.STANDARD),
    SENTENCE("sentence", "sentence split", Granularity.SENTENCE, Aggressiveness.STANDARD),
    NO_DECOMPOSITION("no-decomposition", "no decomposition", Granularity.PARAGRAPH, Aggressiveness.LENGTH_ONLY),
    TEACHER("teacher", "teacher's own solutions", null, null);

    private final String key;
    private final String label;
    private final Granularity granularity;
    private final Aggressiveness aggressiveness;

    Variant(String key, String label, Granularity granularity, Aggressiveness aggressiveness) {
        this.key = key;
        this.label = label;
        this.granularity = granularity;
        this.aggressiveness = aggressiveness;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public boolean prunes() {
        return granularity != null;
    }

    public Granularity granularity() {
        return granularity;
    }

    public Aggressiveness aggressiveness() {
        return aggressiveness;
    }

    /** Where this variant's files live in the run directory: the root for DRP, ablation/KEY otherwise. */
    public String folder() {
        return this == DRP ? "" : "ablation/" + key + "/";
    }
}
