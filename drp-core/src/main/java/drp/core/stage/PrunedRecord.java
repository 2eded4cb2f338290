package drp.core.stage;

import drp.core.prune.PlanViolation;
import drp.core.prune.PrunedStep;
import drp.core.prune.StepDecision;
import drp.core.step.Skill;
import java.util.List;
import java.util.Objects;

/**
 * One line of pruned.jsonl. A failed trace is recorded too, with its reason and without any
 * synthesized text: an error never takes the place of data.
 *
 * @param id               the trace id
 * @param status           {@code ok} or {@code failed}
 * @param question         the problem
 * @param answer           the trace's own answer (what pruning preserved)
 * @param gold             the gold answer, when known
 * @param teacher          teacher name and version
 * @param steps            the original steps with their skills
 * @param decisions        one per step
 * @param prunedSteps      the pruned steps with provenance (ok only)
 * @param synthesized      the concise think text (ok only)
 * @param tokensBefore     tokens of the original think text
 * @param tokensAfter      tokens of the synthesized text (ok only)
 * @param answerPreserved  whether the synthesized trace states the original answer
 * @param failureReason    short stable reason (failed only)
 * @param failureDetail    a sentence for people (failed only)
 * @param validationErrors the violations of the last plan (failed only)
 * @param attempts         teacher answers used
 */
public record PrunedRecord(String id, String status, String question, String answer, String gold, String teacher,
                           List<StepView> steps, List<StepDecision> decisions, List<PrunedStep> prunedSteps,
                           String synthesized, Integer tokensBefore, Integer tokensAfter, Boolean answerPreserved,
                           String failureReason, String failureDetail, List<String> validationErrors, int attempts) {

    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public PrunedRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        steps = steps == null ? List.of() : List.copyOf(steps);
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
        prunedSteps = prunedSteps == null ? List.of() : List.copyOf(prunedSteps);
        validationErrors = validationErrors == null ? List.of() : List.copyOf(validationErrors);
    }

    public boolean ok() {
        return OK.equals(status);
    }

    /** A step as stored: its verbatim text and skill (offsets follow from the order). */
    public record StepView(int index, String text, Skill skill) {}

    static List<String> messages(List<PlanViolation> violations) {
        return violations.stream().map(PlanViolation::toString).toList();
    }
}
