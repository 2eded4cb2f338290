package drp.core.teacher;

import drp.core.trace.Trace;

/**
 * Decomposes a chain of thought into skill-level steps, decides per step, and synthesizes the
 * concise trace. Implementations: the rule-based {@link HeuristicTeacher}, and LLM teachers over
 * the ChatModel port.
 */
public interface Teacher {

    /** A name for reports, e.g. {@code heuristic}. */
    String name();

    /** What identifies this teacher's behaviour for run.json: rules version, prompt hashes, options. */
    String version();

    /** Prunes one trace. Never throws for a bad trace: a trace it cannot prune is a {@link TeacherResult.Failed}. */
    TeacherResult prune(Trace trace);
}
