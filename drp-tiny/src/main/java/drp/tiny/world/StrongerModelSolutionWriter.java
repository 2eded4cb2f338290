package drp.tiny.world;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a problem's solution the way a different, stronger model would: top-down instead of the
 * student's event-by-event order (the whole computation first, as one nested expression), then
 * evaluated two operations at a time in combined expressions, in phrases the student never writes
 * ("The whole result is", "Work it out from the inside", "That gives") but made of words it knows:
 * a real student's tokenizer spells any word a stronger model uses, so the difference is one of
 * structure, not of spelling. It is the
 * structure the student never produced, for the ablation that distils another model's solutions
 * (the paper's Table 4); {@link TeacherSolutionWriter} stays the one in the student's own words.
 */
public final class StrongerModelSolutionWriter {

    private StrongerModelSolutionWriter() {}

    public static Trace write(WordProblem problem) {
        List<String> chains = new ArrayList<>();
        List<String> evaluations = new ArrayList<>();
        String chain = null;
        int chainValue = 0;
        String pair = null;
        for (Step step : problem.steps()) {
            String left = Integer.toString(step.left());
            String right = Integer.toString(step.right());
            boolean continues = chain != null && (step.left() == chainValue || step.right() == chainValue);
            if (chain != null && !continues) {
                chains.add(chain);
                chain = null;
            }
            if (continues && step.left() == chainValue) {
                left = "(" + chain + ")";
            } else if (continues) {
                right = "(" + chain + ")";
            }
            chain = left + " " + step.operation().symbol() + " " + right;
            chainValue = step.result();
            // evaluate two operations at a time: the pending one nested into this one
            String own = pair != null && step.left() == pairValue(pair) ? "(" + pairExpression(pair) + ") "
                    + step.operation().symbol() + " " + step.right() : null;
            if (own != null) {
                evaluations.add(own + " = " + step.result());
                pair = null;
            } else {
                if (pair != null) {
                    evaluations.add(pair);
                }
                pair = step.equation();
            }
        }
        if (chain != null) {
            chains.add(chain);
        }
        if (pair != null) {
            evaluations.add(pair);
        }
        String think = "The whole result is " + String.join(", and ", chains) + ".\n\n"
                + "Work it out from the inside: " + String.join("; ", evaluations) + ".\n\n"
                + "That gives " + problem.answer() + ".";
        return new Trace(think, problem.answer());
    }

    private static int pairValue(String equation) {
        return Integer.parseInt(equation.substring(equation.lastIndexOf("= ") + 2));
    }

    private static String pairExpression(String equation) {
        return equation.substring(0, equation.lastIndexOf(" ="));
    }
}
