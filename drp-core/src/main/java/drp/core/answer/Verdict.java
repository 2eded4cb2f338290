package drp.core.answer;

import java.util.Objects;

/**
 * The outcome of comparing a predicted answer with a gold one. A timeout and an unparseable answer
 * are verdicts of their own: they are counted separately, never silently as wrong. An internal
 * error (in the checker or in Symja) is an {@link Unparseable} whose reason names the error.
 */
public sealed interface Verdict {

    /** Why: the normalized forms and the rule that decided. */
    String reason();

    /** True only for {@link Correct}. */
    default boolean isCorrect() {
        return this instanceof Correct;
    }

    /** CORRECT, WRONG, UNPARSEABLE or TIMEOUT: the name used in JSON output and summaries. */
    default String label() {
        return switch (this) {
            case Correct c -> "CORRECT";
            case Wrong w -> "WRONG";
            case Unparseable u -> "UNPARSEABLE";
            case TimedOut t -> "TIMEOUT";
        };
    }

    record Correct(String reason) implements Verdict {
        public Correct {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Wrong(String reason) implements Verdict {
        public Wrong {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Unparseable(String reason) implements Verdict {
        public Unparseable {
            Objects.requireNonNull(reason, "reason");
        }
    }

    record TimedOut(String reason) implements Verdict {
        public TimedOut {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
