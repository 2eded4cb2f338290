package drp.core.prune;

/** What the teacher does with one step. */
public enum Action {
    /** The step stays verbatim. */
    KEEP,
    /** The step goes. */
    DELETE,
    /** Single-step compression: the step is replaced by a shorter text saying the same. */
    REWRITE,
    /** Multi-step compression: the step and its neighbours are replaced by one text. */
    MERGE
}
