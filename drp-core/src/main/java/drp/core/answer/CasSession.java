package drp.core.answer;

import java.time.Duration;

/**
 * The computer-algebra calls of one check, sharing the check's time bound: each call may use
 * what the previous calls left, and the check's Symja time never exceeds the bound.
 */
final class CasSession {

    private final ComputerAlgebra algebra;
    private final TimeBoundedExecutor workers;
    private final Duration bound;
    private long leftNanos;
    private int calls;

    CasSession(ComputerAlgebra algebra, TimeBoundedExecutor workers, Duration bound) {
        this.algebra = algebra;
        this.workers = workers;
        this.bound = bound;
        this.leftNanos = bound.toNanos();
    }

    int calls() {
        return calls;
    }

    /**
     * Asks whether {@code query} (Symja syntax) is True; {@code shown} is the same query with the
     * variables as written, for the reason.
     */
    Comparison decide(String query, String shown) {
        if (leftNanos <= 0) {
            return new Comparison(Comparison.Outcome.TIMED_OUT, DecidingRule.NONE,
                    "the check's bound of " + bound.toMillis() + " ms was used up before " + shown);
        }
        calls++;
        TimeBoundedExecutor.Outcome<ComputerAlgebra.Reply> outcome =
                workers.call(() -> algebra.evaluate(query), Duration.ofNanos(leftNanos));
        return switch (outcome) {
            case TimeBoundedExecutor.Outcome.Done<ComputerAlgebra.Reply> done -> {
                leftNanos -= done.ran().toNanos();
                ComputerAlgebra.Reply reply = done.value();
                yield switch (reply.value()) {
                    case TRUE -> Comparison.equal(DecidingRule.SYMBOLIC, shown + " is True");
                    case FALSE -> Comparison.different(DecidingRule.SYMBOLIC, shown + " is False");
                    case OTHER -> new Comparison(Comparison.Outcome.UNDECIDED, DecidingRule.NONE,
                            "Symja could not decide " + shown + ": it returned " + abbreviate(reply.output()));
                };
            }
            case TimeBoundedExecutor.Outcome.Failed<ComputerAlgebra.Reply> failed -> {
                leftNanos -= failed.ran().toNanos();
                Throwable e = failed.error();
                yield new Comparison(Comparison.Outcome.FAILED, DecidingRule.NONE,
                        "Symja failed on " + shown + ": " + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + abbreviate(e.getMessage())));
            }
            case TimeBoundedExecutor.Outcome.Expired<ComputerAlgebra.Reply> expired -> {
                leftNanos = 0;
                yield new Comparison(Comparison.Outcome.TIMED_OUT, DecidingRule.NONE, expired.started()
                        ? "Symja ran past the check's bound of " + bound.toMillis() + " ms on " + shown
                        : "no Symja worker became free within " + expired.waited().toSeconds() + " s for " + shown);
            }
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
