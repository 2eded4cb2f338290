package drp.core.align;

import drp.core.sft.BuildStage;
import drp.core.sft.SftExample;
import drp.core.stage.PrunedRecord;
import drp.core.trace.ThinkSplit;
import java.util.List;
import java.util.Optional;

/**
 * Makes candidates from what drp writes: a pruned record's original trace or its pruning, and an
 * SFT example. The target is always the reply as the build stage writes it ({@link
 * BuildStage#assistant}), so a candidate is scored exactly as it would be trained on.
 */
public final class Candidates {

    /** The variant name of the student's own trace, unpruned. */
    public static final String ORIGINAL = "original";

    private Candidates() {}

    /** The original trace of a pruned record, its steps as the teacher split them; empty without steps or answer. */
    public static Optional<Candidate> original(PrunedRecord r, BuildStage format) {
        if (!r.ok() || r.answer() == null || r.steps().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder think = new StringBuilder();
        r.steps().forEach(s -> think.append(s.text()));
        List<String> steps = r.steps().stream().map(s -> s.text().strip()).filter(s -> !s.isEmpty()).toList();
        return Optional.of(new Candidate(r.id(), ORIGINAL, r.question(), format.assistant(think.toString(), r.answer()), steps));
    }

    /** The pruned trace of a record as variant {@code variant}, its steps its paragraphs; empty for a failed record. */
    public static Optional<Candidate> pruned(PrunedRecord r, String variant, BuildStage format) {
        if (!r.ok() || r.synthesized() == null || r.synthesized().isBlank() || r.answer() == null) {
            return Optional.empty();
        }
        // steps are paragraphs, as for every target that is not an original (the same definition
        // whether a pruning is scored from pruned.jsonl or from the SFT example built of it)
        return Optional.of(new Candidate(r.id(), variant, r.question(), format.assistant(r.synthesized(), r.answer()),
                Candidate.paragraphs(r.synthesized())));
    }

    /** An SFT example as variant {@code variant}, its steps the paragraphs of its think block. */
    public static Candidate ofExample(SftExample e, String variant) {
        return new Candidate(e.id(), variant, e.question(), e.assistant(), Candidate.paragraphs(reasoning(e.assistant())));
    }

    /** The reasoning inside the think block of a reply (the whole reply when it has none). */
    static String reasoning(String assistant) {
        int open = assistant.indexOf(ThinkSplit.OPEN);
        int close = assistant.indexOf(ThinkSplit.CLOSE);
        return open >= 0 && close > open ? assistant.substring(open + ThinkSplit.OPEN.length(), close) : assistant;
    }
}
