package drp.core.answer;

/**
 * The step of the equivalence ladder that decided a check, weakest evidence first. For a
 * structure whose elements all matched, the strongest step used by any element is reported.
 */
public enum DecidingRule {
    /** Both answers read the same after LaTeX normalization, or parse to the same expression tree. */
    IDENTICAL("identical after normalization"),
    /** Plain-text answers, compared by their letters and digits, case-insensitively. */
    TEXT("text"),
    /** Multiple-choice letters. */
    CHOICE("choice letter"),
    /** Exact rational arithmetic (BigInteger): integers, fractions, terminating decimals, mixed numbers. */
    EXACT("exact rational"),
    /** A decimal against a value it can only approximate (1/3, sqrt 2): |g-p| <= max(1e-6 |g|, 5e-7). */
    APPROXIMATE("decimal within tolerance"),
    /**
     * A decimal prediction rounded to its own digits: the gold, evaluated, rounds to it
     * ({@link EquivalenceOptions#roundedPredictions()}, off by default).
     */
    ROUNDED("rounded decimal"),
    /** Constant expressions (sqrt, pi, logs) evaluated in double precision with an error bound. */
    NUMERIC("numeric value"),
    /** A point where two expressions in variables take clearly different values. */
    COUNTEREXAMPLE("numeric counterexample"),
    /** Symja: PossibleZeroQ of the difference, or the ratio of two equations. */
    SYMBOLIC("symbolic (Symja)"),
    /** The answers have different shapes (a tuple against a number, 2 elements against 3, open against closed ends). */
    STRUCTURE("structure"),
    /** Nothing decided: unparseable input, a timeout or an error. */
    NONE("none");

    private final String label;

    DecidingRule(String label) {
        this.label = label;
    }

    /** A short human-readable name, used in reasons. */
    public String label() {
        return label;
    }
}
