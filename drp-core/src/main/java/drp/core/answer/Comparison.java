package drp.core.answer;

import java.util.Objects;

/** The result of comparing two answers or two parts of answers, before it becomes a {@link Verdict}. */
record Comparison(Outcome outcome, DecidingRule rule, String detail) {

    enum Outcome { EQUAL, DIFFERENT, UNDECIDED, TIMED_OUT, FAILED }

    Comparison {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }

    static Comparison equal(DecidingRule rule, String detail) {
        return new Comparison(Outcome.EQUAL, rule, detail);
    }

    static Comparison different(DecidingRule rule, String detail) {
        return new Comparison(Outcome.DIFFERENT, rule, detail);
    }

    boolean isEqual() {
        return outcome == Outcome.EQUAL;
    }

    boolean isDifferent() {
        return outcome == Outcome.DIFFERENT;
    }

    /** Neither equal nor different: undecided, timed out or failed. */
    boolean isOpen() {
        return !isEqual() && !isDifferent();
    }

    Comparison withDetail(String prefix) {
        return new Comparison(outcome, rule, prefix + detail);
    }

    /** Of two open results, the one to report: a timeout before an error before an undecided answer. */
    static Comparison worse(Comparison a, Comparison b) {
        if (a == null) {
            return b;
        }
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(Comparison c) {
        return switch (c.outcome) {
            case TIMED_OUT -> 3;
            case FAILED -> 2;
            case UNDECIDED -> 1;
            default -> 0;
        };
    }
}
