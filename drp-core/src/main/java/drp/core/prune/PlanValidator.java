package drp.core.prune;

import drp.core.answer.AnswerChecker;
import drp.core.answer.AnswerExtractor;
import drp.core.answer.ExtractedAnswer;
import drp.core.answer.Verdict;
import drp.core.step.Step;
import drp.core.token.TokenCounter;
import drp.core.trace.Trace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a teacher's plan before anything is written as data. Every rule of the protocol is one
 * {@link ViolationKind}; a plan is valid when the list of violations is empty. Messages are
 * written to be fed back to a teacher that must correct its answer.
 */
public final class PlanValidator {

    private final AnswerExtractor extractor;
    private final AnswerChecker checker;
    private final TokenCounter lengths;
    private final boolean requireGold;

    /**
     * @param extractor   reads the answer of the synthesized trace
     * @param checker     compares it with the original (and gold) answer
     * @param lengths     measures "shorter"; null measures characters
     * @param requireGold also require the gold answer when the trace has one
     */
    public PlanValidator(AnswerExtractor extractor, AnswerChecker checker, TokenCounter lengths, boolean requireGold) {
        this.extractor = Objects.requireNonNull(extractor, "extractor");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.lengths = lengths;
        this.requireGold = requireGold;
    }

    /** All violations of {@code plan} for {@code trace} cut into {@code steps}; empty when valid. */
    public List<PlanViolation> validate(Trace trace, List<Step> steps, PruningPlan plan) {
        int answerStep = trace.answer().isBlank() ? -1 : new AnswerLocator(trace.answer()).answerStep(steps);
        List<PlanViolation> violations = new ArrayList<>(checkDecisions(steps.size(), plan.decisions(), answerStep));
        violations.addAll(checkSynthesis(trace, plan.synthesized()));
        return violations;
    }

    /**
     * The structural rules: exactly one known decision per step, texts where needed, merges of
     * adjacent steps that agree, the answer step not deleted.
     *
     * @param answerStep the step that states the final answer, or -1 when none does
     */
    public static List<PlanViolation> checkDecisions(int stepCount, List<StepDecision> decisions, int answerStep) {
        List<PlanViolation> violations = new ArrayList<>();
        Map<Integer, StepDecision> byStep = new HashMap<>();
        for (StepDecision d : decisions) {
            if (d.step() < 0 || d.step() >= stepCount) {
                violations.add(new PlanViolation(ViolationKind.UNKNOWN_STEP, d.step(),
                        "there is no step " + d.step() + "; steps are numbered 0 to " + (stepCount - 1)));
            } else if (byStep.putIfAbsent(d.step(), d) != null) {
                violations.add(new PlanViolation(ViolationKind.DUPLICATE_DECISION, d.step(),
                        "step " + d.step() + " has more than one decision"));
            }
        }
        for (int i = 0; i < stepCount; i++) {
            if (!byStep.containsKey(i)) {
                violations.add(new PlanViolation(ViolationKind.MISSING_DECISION, i, "step " + i + " has no decision"));
            }
        }
        for (StepDecision d : byStep.values()) {
            violations.addAll(checkOne(d, byStep, stepCount));
        }
        StepDecision answer = byStep.get(answerStep);
        if (answer != null && answer.action() == Action.DELETE) {
            violations.add(new PlanViolation(ViolationKind.ANSWER_STEP_DELETED, answerStep,
                    "step " + answerStep + " states the final answer; keep, rewrite or merge it, never delete it"));
        }
        violations.sort((a, b) -> Integer.compare(a.step(), b.step()));
        return violations;
    }

    private static List<PlanViolation> checkOne(StepDecision d, Map<Integer, StepDecision> byStep, int stepCount) {
        List<PlanViolation> violations = new ArrayList<>();
        int i = d.step();
        boolean hasText = d.rewrite() != null && !d.rewrite().isBlank();
        switch (d.action()) {
            case KEEP, DELETE -> {
                if (!d.merged().isEmpty() || d.rewrite() != null) {
                    violations.add(new PlanViolation(ViolationKind.STRAY_FIELDS, i,
                            d.action() + " of step " + i + " must carry no merge group and no rewrite"));
                }
            }
            case REWRITE -> {
                if (!hasText) {
                    violations.add(new PlanViolation(ViolationKind.MISSING_TEXT, i, "REWRITE of step " + i + " has no text"));
                }
                if (!d.merged().isEmpty()) {
                    violations.add(new PlanViolation(ViolationKind.STRAY_FIELDS, i,
                            "REWRITE of step " + i + " must carry no merge group; use MERGE to combine steps"));
                }
            }
            case MERGE -> violations.addAll(checkMerge(d, byStep, stepCount));
        }
        return violations;
    }

    private static List<PlanViolation> checkMerge(StepDecision d, Map<Integer, StepDecision> byStep, int stepCount) {
        List<PlanViolation> violations = new ArrayList<>();
        int i = d.step();
        List<Integer> group = d.merged().stream().sorted().toList();
        boolean adjacent = group.size() >= 2 && group.contains(i)
                && group.get(group.size() - 1) - group.get(0) == group.size() - 1
                && group.stream().distinct().count() == group.size()
                && group.get(0) >= 0 && group.get(group.size() - 1) < stepCount;
        if (!adjacent) {
            violations.add(new PlanViolation(ViolationKind.MERGE_NOT_ADJACENT, i,
                    "MERGE of step " + i + " must name a run of at least two adjacent steps including " + i
                            + ", got " + d.merged()));
            return violations;
        }
        boolean anyText = false;
        for (int member : group) {
            StepDecision other = byStep.get(member);
            if (other == null) {
                continue; // reported as MISSING_DECISION
            }
            if (other.action() != Action.MERGE || !other.merged().stream().sorted().toList().equals(group)) {
                if (member > i || other.action() != Action.MERGE) {
                    violations.add(new PlanViolation(ViolationKind.MERGE_INCONSISTENT, i,
                            "step " + i + " merges " + group + " but step " + member + " says " + other.action()
                                    + (other.action() == Action.MERGE ? " " + other.merged() : "")));
                }
            }
            anyText |= other.rewrite() != null && !other.rewrite().isBlank();
        }
        if (!anyText && group.get(0) == i) {
            violations.add(new PlanViolation(ViolationKind.MISSING_TEXT, i, "MERGE of steps " + group + " has no text"));
        }
        return violations;
    }

    /** The rules on the synthesized text: not empty, same answer (and gold), shorter. */
    public List<PlanViolation> checkSynthesis(Trace trace, String synthesized) {
        List<PlanViolation> violations = new ArrayList<>();
        if (synthesized == null || synthesized.isBlank()) {
            violations.add(new PlanViolation(ViolationKind.EMPTY_SYNTHESIS, -1, "the synthesized trace is empty"));
            return violations;
        }
        Optional<ExtractedAnswer> stated = extractor.extract(synthesized);
        if (stated.isEmpty()) {
            violations.add(new PlanViolation(ViolationKind.NO_ANSWER, -1,
                    "the synthesized trace must end by stating the final answer"));
        } else {
            compare(trace.answer(), stated.get().text(), ViolationKind.ANSWER_CHANGED, "the original answer")
                    .ifPresent(violations::add);
            if (requireGold && trace.gold() != null && !trace.gold().isBlank()) {
                compare(trace.gold(), stated.get().text(), ViolationKind.ANSWER_NOT_GOLD, "the gold answer")
                        .ifPresent(violations::add);
            }
        }
        long before = length(trace.think());
        long after = length(synthesized);
        if (after >= before) {
            violations.add(new PlanViolation(ViolationKind.NOT_SHORTER, -1,
                    "the synthesized trace (" + after + " " + unit() + ") is not shorter than the original ("
                            + before + ")"));
        }
        return violations;
    }

    private Optional<PlanViolation> compare(String expected, String stated, ViolationKind kind, String what) {
        Verdict verdict = checker.check(expected, stated);
        return switch (verdict) {
            case Verdict.Correct c -> Optional.empty();
            case Verdict.TimedOut t -> Optional.of(new PlanViolation(ViolationKind.ANSWER_CHECK_TIMED_OUT, -1,
                    "could not decide in time whether '" + stated + "' equals " + what + " '" + expected + "'"));
            case Verdict.Wrong w -> Optional.of(new PlanViolation(kind, -1,
                    "the synthesized trace states '" + stated + "' but " + what + " is '" + expected + "' (" + w.reason() + ")"));
            case Verdict.Unparseable u -> Optional.of(new PlanViolation(kind, -1,
                    "the synthesized answer '" + stated + "' cannot be compared with " + what + " '" + expected
                            + "' (" + u.reason() + ")"));
        };
    }

    private long length(String text) {
        return lengths == null ? text.length() : lengths.count(text);
    }

    private String unit() {
        return lengths == null ? "characters" : "tokens";
    }
}
