package drp.core.prune;

import drp.core.answer.AnswerFormat;
import drp.core.step.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Applies a (valid) set of decisions to the steps and joins the result into one concise trace in
 * the student's own words, closing with the answer statement in the configured format.
 */
public final class Synthesizer {

    private final AnswerFormat format;

    public Synthesizer(AnswerFormat format) {
        this.format = Objects.requireNonNull(format, "format");
    }

    /**
     * @param steps     the original steps
     * @param decisions one per step (validated first: see {@link PlanValidator#checkDecisions})
     * @param answer    the final answer to close with
     */
    public Synthesis synthesize(List<Step> steps, List<StepDecision> decisions, String answer) {
        Map<Integer, StepDecision> byStep = new TreeMap<>();
        for (StepDecision d : decisions) {
            byStep.putIfAbsent(d.step(), d);
        }
        List<PrunedStep> pruned = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepDecision d = byStep.get(i);
            if (d == null) {
                throw new IllegalArgumentException("no decision for step " + i + ": validate the plan first");
            }
            switch (d.action()) {
                case KEEP -> pruned.add(new PrunedStep(steps.get(i).content(), List.of(i), Action.KEEP));
                case DELETE -> { }
                case REWRITE -> addIfNotBlank(pruned, d.rewrite(), List.of(i), Action.REWRITE);
                case MERGE -> {
                    int first = d.merged().stream().min(Comparator.naturalOrder()).orElse(i);
                    if (first == i) {
                        addIfNotBlank(pruned, groupText(d, byStep), d.merged(), Action.MERGE);
                    }
                }
            }
        }
        String statement = format.statement(answer);
        String last = pruned.isEmpty() ? "" : pruned.get(pruned.size() - 1).text();
        if (!last.endsWith(statement)) {
            pruned.add(new PrunedStep(statement, List.of(), Action.KEEP));
        }
        StringBuilder text = new StringBuilder();
        for (PrunedStep step : pruned) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(step.text());
        }
        return new Synthesis(pruned, text.toString());
    }

    /** The group's text: carried by any member, the first one found. */
    private static String groupText(StepDecision decision, Map<Integer, StepDecision> byStep) {
        if (decision.rewrite() != null && !decision.rewrite().isBlank()) {
            return decision.rewrite();
        }
        for (int member : decision.merged()) {
            StepDecision other = byStep.get(member);
            if (other != null && other.rewrite() != null && !other.rewrite().isBlank()) {
                return other.rewrite();
            }
        }
        return "";
    }

    private static void addIfNotBlank(List<PrunedStep> pruned, String text, List<Integer> sources, Action action) {
        if (text != null && !text.isBlank()) {
            pruned.add(new PrunedStep(text.strip(), sources, action));
        }
    }
}
