package drp.tiny.world;

import java.util.StringJoiner;

/**
 * Writes the teacher's own short solution, in the teacher's structure rather than the student's:
 * the bare chain of equations in one paragraph, without the story clauses that the student's own
 * computation paragraphs carry. It is what the paper's "distill the teacher's solutions" ablation
 * fine-tunes on.
 */
public final class TeacherSolutionWriter {

    private TeacherSolutionWriter() {}

    public static Trace write(WordProblem problem) {
        StringJoiner equations = new StringJoiner(", ");
        for (Step step : problem.steps()) {
            equations.add(step.equation());
        }
        String think = "Compute step by step: " + equations + ". So " + NativeTraceWriter.lower(problem.conclusion()) + ".";
        return new Trace(think, problem.answer());
    }
}
