package drp.core.answer;

import java.util.Objects;

/**
 * The port to a computer algebra system: evaluates one query written in Symja's input syntax
 * (for example {@code PossibleZeroQ[(vx-2)*(vx+2)-(vx^2-4)]}) and says whether it came out True,
 * False or something else. {@link EquivalenceChecker} calls it only on its bounded worker threads
 * and never relies on it to stop by itself: implementations may block, throw, or ignore
 * interruption, and the checker still returns on time.
 */
public interface ComputerAlgebra {

    /** Evaluates {@code query}; may throw on any failure, which the checker reports. */
    Reply evaluate(String query) throws Exception;

    /**
     * Called once on each worker thread before its first query (Symja builds its per-thread engine
     * and, on the first call in the process, loads its rules: about a second). This time is not
     * counted against any check's time bound.
     */
    default void prepareThread() {}

    /** The outcome of one query. */
    record Reply(Value value, String output) {
        public enum Value { TRUE, FALSE, OTHER }

        public Reply {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(output, "output");
        }
    }
}
