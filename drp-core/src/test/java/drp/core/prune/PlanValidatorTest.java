package drp.core.prune;

import drp.core.answer.AnswerFormat;
import static org.assertj.core.api.Assertions.assertThat;

import drp.core.answer.BasicAnswerChecker;
import drp.core.answer.RuleBasedExtractor;
import drp.core.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {

    /** A random valid plan over {@code n} steps: a partition into KEEP, DELETE, REWRITE and MERGE runs. */
    static List<StepDecision> validPlan(int n, int answerStep, Random random) {
        List<StepDecision> plan = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int kind = random.nextInt(4);
            if (kind == 3 && i + 1 < n) {
                int end = Math.min(n, i + 2 + random.nextInt(3));
                List<Integer> group = new ArrayList<>();
                for (int k = i; k < end; k++) {
                    group.add(k);
                }
                for (int k = i; k < end; k++) {
                    plan.add(StepDecision.merge(k, group, k == i ? "merged " + group : null));
                }
                i = end;
                continue;
            }
            if (i == answerStep || kind == 2) {
                plan.add(StepDecision.rewrite(i, "shorter " + i));
            } else if (kind == 0 || kind == 3) {
                plan.add(StepDecision.keep(i));
            } else {
                plan.add(StepDecision.delete(i));
            }
            i++;
        }
        return plan;
    }

    enum Corruption {
        DROP(ViolationKind.MISSING_DECISION),
        DUPLICATE(ViolationKind.DUPLICATE_DECISION),
        OUT_OF_RANGE(ViolationKind.UNKNOWN_STEP),
        REWRITE_WITHOUT_TEXT(ViolationKind.MISSING_TEXT),
        KEEP_WITH_TEXT(ViolationKind.STRAY_FIELDS),
        MERGE_WITH_GAP(ViolationKind.MERGE_NOT_ADJACENT),
        MERGE_ALONE(ViolationKind.MERGE_NOT_ADJACENT),
        MERGE_MEMBER_DISAGREES(ViolationKind.MERGE_INCONSISTENT),
        DELETE_ANSWER_STEP(ViolationKind.ANSWER_STEP_DELETED);

        final ViolationKind expected;

        Corruption(ViolationKind expected) {
            this.expected = expected;
        }
    }

    @Property(tries = 500)
    void validPlansPass(@ForAll @IntRange(min = 1, max = 12) int n, @ForAll long seed) {
        Random random = new Random(seed);
        int answerStep = random.nextInt(n);
        assertThat(PlanValidator.checkDecisions(n, validPlan(n, answerStep, random), answerStep)).isEmpty();
    }

    @Property(tries = 1000)
    void everyCorruptedPlanIsRejectedWithItsReason(@ForAll @IntRange(min = 3, max = 12) int n, @ForAll long seed,
                                                    @ForAll Corruption corruption) {
        Random random = new Random(seed);
        int answerStep = random.nextInt(n);
        List<StepDecision> plan = new ArrayList<>(validPlan(n, answerStep, random));
        int target = random.nextInt(n);
        switch (corruption) {
            case DROP -> plan.remove(target);
            case DUPLICATE -> plan.add(StepDecision.keep(target));
            case OUT_OF_RANGE -> plan.add(StepDecision.keep(n + random.nextInt(3)));
            case REWRITE_WITHOUT_TEXT -> plan.set(target, StepDecision.rewrite(target, random.nextBoolean() ? null : "  "));
            case KEEP_WITH_TEXT -> plan.set(target, new StepDecision(target, Action.KEEP, List.of(), "text"));
            case MERGE_WITH_GAP -> {
                int a = Math.min(target, n - 3);
                plan.set(a, StepDecision.merge(a, List.of(a, a + 2), "merged"));
            }
            case MERGE_ALONE -> plan.set(target, StepDecision.merge(target, List.of(target), "merged"));
            case MERGE_MEMBER_DISAGREES -> {
                int a = Math.min(target, n - 2);
                plan.set(a, StepDecision.merge(a, List.of(a, a + 1), "merged"));
                plan.set(a + 1, StepDecision.keep(a + 1));
            }
            case DELETE_ANSWER_STEP -> plan.set(answerStep, StepDecision.delete(answerStep));
        }
        List<PlanViolation> violations = PlanValidator.checkDecisions(n, plan, answerStep);
        assertThat(violations).extracting(PlanViolation::kind).contains(corruption.expected);
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    }

    // ---- the synthesis rules, with the real extractor and checker ----

    private final PlanValidator validator = new PlanValidator(
            new RuleBasedExtractor(AnswerFormat.BOXED.extractionOrder()), new BasicAnswerChecker(), null, true);
    private final Trace trace = new Trace("t", "What is 6 * 7?", "Hmm. Six times seven. 6 * 7 = 42. Wait, let me check: 7 * 6 = 42. Yes.",
            "", "42", "42", true, true);

    @Test
    void aShorterTraceWithTheSameAnswerPasses() {
        assertThat(validator.checkSynthesis(trace, "6 * 7 = 42.\n\nThe final answer is $\\boxed{42}$.")).isEmpty();
    }

    @Test
    void aChangedAnswerIsRejected() {
        assertThat(validator.checkSynthesis(trace, "6 * 7 = 43. The final answer is $\\boxed{43}$."))
                .extracting(PlanViolation::kind).contains(ViolationKind.ANSWER_CHANGED, ViolationKind.ANSWER_NOT_GOLD);
    }

    @Test
    void aTraceWithoutAnAnswerIsRejected() {
        assertThat(validator.checkSynthesis(trace, "Six times seven."))
                .extracting(PlanViolation::kind).containsExactly(ViolationKind.NO_ANSWER);
    }

    @Test
    void aLongerTraceIsRejected() {
        String longer = trace.think() + " Indeed. The final answer is $\\boxed{42}$.";
        assertThat(validator.checkSynthesis(trace, longer))
                .extracting(PlanViolation::kind).containsExactly(ViolationKind.NOT_SHORTER);
    }

    @Test
    void anEmptyTraceIsRejected() {
        assertThat(validator.checkSynthesis(trace, "  ")).extracting(PlanViolation::kind)
                .containsExactly(ViolationKind.EMPTY_SYNTHESIS);
    }

    @Provide
    Arbitrary<Integer> unused() {
        return Arbitraries.integers();
    }
}
