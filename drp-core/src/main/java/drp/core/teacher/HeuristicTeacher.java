package drp.core.teacher;

import drp.core.answer.AnswerChecker;
import drp.core.answer.RuleBasedExtractor;
import drp.core.prune.Action;
import drp.core.answer.AnswerFormat;
import drp.core.prune.AnswerLocator;
import drp.core.prune.PlanValidator;
import drp.core.prune.PlanViolation;
import drp.core.prune.PruningPlan;
import drp.core.prune.StepDecision;
import drp.core.prune.Synthesis;
import drp.core.prune.Synthesizer;
import drp.core.step.Granularity;
import drp.core.step.RuleBasedSkillTagger;
import drp.core.step.Skill;
import drp.core.step.Step;
import drp.core.step.StepSegmenter;
import drp.core.trace.Trace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule-based teacher: no model, deterministic. It cuts the trace into skill-level steps, keeps
 * the first line of reasoning that reaches the answer, deletes checks, reflections, restatements
 * and whatever follows the first arrival at the answer, compresses computations in the author's
 * own words, merges runs of small computations, and closes with the answer statement.
 *
 * <p>It never changes the final answer: every plan passes the {@link PlanValidator} before it is
 * returned, and a plan that does not is a failure, never data.
 */
public final class HeuristicTeacher implements Teacher {

    /** Bumped whenever a rule changes. */
    public static final String RULES_VERSION = "heuristic-3";

    /** Computations at most this long are merged with their neighbours. */
    private static final int SMALL_STEP_CHARS = 240;
    private static final Pattern EQUATION = Pattern.compile("[^\\n.;:,]*=[^\\n.;:,]*");
    private static final Pattern HAS_MATH = Pattern.compile("[0-9=<>+*/^]");

    /**
     * The teacher's explicit, documented options.
     *
     * @param granularity    how steps are cut (SKILL is the method; SENTENCE the "sentence split" baseline)
     * @param aggressiveness how much is removed (LENGTH_ONLY is the skill-blind baseline)
     * @param format         how the pruned trace states the answer
     */
    public record Options(Granularity granularity, Aggressiveness aggressiveness, AnswerFormat format) {
        public Options {
            Objects.requireNonNull(granularity, "granularity");
            Objects.requireNonNull(aggressiveness, "aggressiveness");
            Objects.requireNonNull(format, "format");
        }

        public static Options defaults(AnswerFormat format) {
            return new Options(Granularity.SKILL, Aggressiveness.STANDARD, format);
        }
    }

    private final Options options;
    private final StepSegmenter segmenter;
    private final Synthesizer synthesizer;
    private final PlanValidator validator;
    private final FillerTrimmer trimmer = new FillerTrimmer();

    /**
     * @param options   segmentation level, aggressiveness, answer format
     * @param checker   answer equivalence, for the self-check of every plan
     * @param validator measures "shorter" and checks the answer; see {@link PlanValidator}
     */
    public HeuristicTeacher(Options options, PlanValidator validator) {
        this.options = Objects.requireNonNull(options, "options");
        this.segmenter = new StepSegmenter(options.granularity(), new RuleBasedSkillTagger());
        this.synthesizer = new Synthesizer(options.format());
        this.validator = Objects.requireNonNull(validator, "validator");
    }

    /** A teacher validating with the given checker, measuring length in characters. */
    public static HeuristicTeacher of(Options options, AnswerChecker checker) {
        return new HeuristicTeacher(options, new PlanValidator(
                new RuleBasedExtractor(options.format().extractionOrder()), checker, null, false));
    }

    @Override
    public String name() {
        return "heuristic";
    }

    @Override
    public String version() {
        return RULES_VERSION + "+" + RuleBasedSkillTagger.RULES_VERSION + " granularity=" + options.granularity()
                + " aggressiveness=" + options.aggressiveness() + " format=" + options.format();
    }

    public Options options() {
        return options;
    }

    @Override
    public TeacherResult prune(Trace trace) {
        if (!trace.finished()) {
            return new TeacherResult.Failed("unfinished_trace",
                    "the reasoning was cut off before it finished; there is no final answer to preserve",
                    List.of(), List.of(), 1);
        }
        if (trace.answer().isBlank()) {
            return new TeacherResult.Failed("no_answer", "the trace states no final answer to preserve",
                    List.of(), List.of(), 1);
        }
        List<Step> steps = segmenter.segment(trace.think(), trace.question());
        if (steps.isEmpty()) {
            return new TeacherResult.Failed("empty_trace", "the trace has no reasoning to prune", steps, List.of(), 1);
        }
        List<StepDecision> decisions = decide(steps, trace);
        Synthesis synthesis = synthesizer.synthesize(steps, decisions, trace.answer());
        PruningPlan plan = new PruningPlan(decisions, synthesis.text());
        List<PlanViolation> violations = validator.validate(trace, steps, plan);
        if (!violations.isEmpty()) {
            return new TeacherResult.Failed(violations.get(0).kind().name(), violations.get(0).message(),
                    steps, violations, 1);
        }
        return new TeacherResult.Pruned(steps, plan, synthesis, 1);
    }

    /** One decision per step, by the rules of the configured aggressiveness. */
    List<StepDecision> decide(List<Step> steps, Trace trace) {
        AnswerLocator locator = new AnswerLocator(trace.answer());
        int answerStep = locator.answerStep(steps);
        int arrival = locator.firstArrival(steps);
        int cut = arrival >= 0 ? arrival : steps.size() - 1;
        List<StepDecision> decisions = new ArrayList<>(steps.size());
        Set<String> seenEquations = new HashSet<>();
        boolean questionRead = false;
        for (Step step : steps) {
            int i = step.index();
            StepDecision d;
            if (i == answerStep) {
                d = answerDecision(step, trace);
            } else if (options.aggressiveness() == Aggressiveness.LENGTH_ONLY) {
                d = i <= cut ? StepDecision.keep(i) : StepDecision.delete(i);
            } else if (options.aggressiveness() == Aggressiveness.STANDARD && i > cut) {
                d = StepDecision.delete(i);
            } else {
                d = decideBeforeArrival(step, trace, seenEquations, questionRead);
            }
            if (d.action() != Action.DELETE) {
                seenEquations.addAll(equations(step.text()));
                questionRead |= step.skill() == Skill.READ;
            }
            decisions.add(d);
        }
        return options.aggressiveness() == Aggressiveness.STANDARD ? mergeSmallComputations(steps, decisions) : decisions;
    }

    private StepDecision answerDecision(Step step, Trace trace) {
        if (step.skill() == Skill.ANSWER) {
            return StepDecision.rewrite(step.index(), options.format().statement(trace.answer()));
        }
        return compress(step, trace);
    }

    private StepDecision decideBeforeArrival(Step step, Trace trace, Set<String> seenEquations, boolean questionRead) {
        int i = step.index();
        boolean mathless = !HAS_MATH.matcher(step.text()).find();
        switch (step.skill()) {
            case REFLECTION -> {
                return mathless ? StepDecision.delete(i) : compress(step, trace);
            }
            case VERIFICATION -> {
                return options.aggressiveness() == Aggressiveness.LIGHT ? StepDecision.keep(i) : StepDecision.delete(i);
            }
            case READ -> {
                if (questionRead && options.aggressiveness() == Aggressiveness.STANDARD) {
                    return StepDecision.delete(i); // restating the question a second time
                }
            }
            default -> { }
        }
        List<String> stepEquations = equations(step.text());
        if (!stepEquations.isEmpty() && seenEquations.containsAll(stepEquations)) {
            return StepDecision.delete(i); // a restatement of equations already derived
        }
        return options.aggressiveness() == Aggressiveness.LIGHT ? StepDecision.keep(i) : compress(step, trace);
    }

    private StepDecision compress(Step step, Trace trace) {
        String trimmed = trimmer.trim(step.text(), trace.question());
        if (trimmed.isEmpty()) {
            return StepDecision.delete(step.index());
        }
        return trimmed.length() < step.content().length()
                ? StepDecision.rewrite(step.index(), trimmed)
                : StepDecision.keep(step.index());
    }

    /** Runs of two or more short computation steps become one MERGE, joined line by line. */
    private List<StepDecision> mergeSmallComputations(List<Step> steps, List<StepDecision> decisions) {
        List<StepDecision> out = new ArrayList<>(decisions);
        int i = 0;
        while (i < steps.size()) {
            int j = i;
            while (j < steps.size() && mergeable(steps.get(j), decisions.get(j))) {
                j++;
            }
            if (j - i >= 2) {
                List<Integer> group = new ArrayList<>();
                StringBuilder text = new StringBuilder();
                for (int k = i; k < j; k++) {
                    group.add(k);
                    text.append(text.isEmpty() ? "" : "\n").append(textOf(steps.get(k), decisions.get(k)));
                }
                for (int k = i; k < j; k++) {
                    out.set(k, StepDecision.merge(k, group, k == i ? text.toString() : null));
                }
            }
            i = Math.max(j, i + 1);
        }
        return out;
    }

    private static boolean mergeable(Step step, StepDecision decision) {
        boolean computation = step.skill() == Skill.ARITHMETIC || step.skill() == Skill.ALGEBRA;
        boolean survives = decision.action() == Action.KEEP || decision.action() == Action.REWRITE;
        return computation && survives && textOf(step, decision).length() <= SMALL_STEP_CHARS;
    }

    private static String textOf(Step step, StepDecision decision) {
        return decision.action() == Action.REWRITE ? decision.rewrite() : step.content();
    }

    /** The equations of a text in a whitespace-free form, to recognise a restatement. */
    static List<String> equations(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = EQUATION.matcher(text);
        while (m.find()) {
            String eq = m.group().replaceAll("\\s+", "").replace("$", "");
            if (eq.length() >= 3) {
                found.add(eq);
            }
        }
        return found;
    }
}
