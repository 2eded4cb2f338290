package drp.core.answer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two single values, cheapest evidence first:
 * <ol>
 *   <li>the same expression tree (spelling differences only);
 *   <li>exact rationals, when both sides have one (integers, fractions, terminating decimals);
 *   <li>a decimal against a value it can only approximate (a repeating fraction, an irrational):
 *       equal when {@code |g - p| <= max(1e-6 * max(|g|, |p|), 5e-7)}, i.e. a relative tolerance of
 *       one in a million with an absolute floor that accepts six correct decimal places;
 *   <li>constant expressions ({@code \sqrt{8}} against {@code 2\sqrt{2}}) in double precision: equal
 *       within {@code 1e-12} relative plus the rounding bound, different beyond {@code 1e-8};
 *   <li>expressions in variables: a point where both sides are finite and clearly differ proves
 *       them different; equality is only ever decided by Symja, {@code PossibleZeroQ} of the
 *       difference, as are the unclear numeric cases above and complex values.
 * </ol>
 * The first three steps never touch Symja, which keeps common numeric answers fast.
 */
final class ScalarComparison {

    private static final double APPROX_RELATIVE = 1e-6;
    private static final double APPROX_ABSOLUTE = 5e-7;
    private static final double SAME_RELATIVE = 1e-12;
    private static final double DIFFERENT_RELATIVE = 1e-8;
    /** Probe points: two sets of positive, irregular values, one per variable in name order. */
    private static final double[][] PROBES = {
        {1.3247, 0.7719, 2.1853, 1.6180, 0.5772, 2.7183, 1.4142, 0.9340},
        {0.4142, 1.8392, 0.6931, 2.4142, 1.1447, 0.3679, 1.7321, 2.2361},
    };

    private ScalarComparison() {}

    static Comparison compare(MathExpr gold, MathExpr pred, CasSession cas) {
        return compare(gold, pred, cas, false);
    }

    /**
     * @param rounded also accept a decimal prediction rounded to its own digits
     *     ({@link EquivalenceOptions#roundedPredictions()}), tried before the other steps
     */
    static Comparison compare(MathExpr gold, MathExpr pred, CasSession cas, boolean rounded) {
        if (gold.equals(pred)) {
            // the same tree: "x^{2}" and "x^2", "\left(x\right)" and "(x)"
            return Comparison.equal(DecidingRule.IDENTICAL, "the same expression " + gold.show());
        }
        if (gold.hasInfinity() || pred.hasInfinity()) {
            return infinities(gold, pred);
        }
        Optional<Rational> g = ExactValue.of(gold);
        if (rounded) {
            Comparison roundedTo = roundedTo(gold, g, pred);
            if (roundedTo != null) {
                return roundedTo;
            }
        }
        Optional<Rational> p = g.isPresent() ? ExactValue.of(pred) : Optional.empty();
        if (g.isPresent() && p.isPresent()) {
            return exact(gold, pred, g.get(), p.get());
        }
        if (gold.isConstant() && pred.isConstant()) {
            Comparison numeric = numeric(gold, pred);
            if (numeric != null) {
                return numeric;
            }
        } else {
            Comparison counter = counterexample(gold, pred);
            if (counter != null) {
                return counter;
            }
        }
        String query = "PossibleZeroQ[(" + InfixForm.symja(gold) + ")-(" + InfixForm.symja(pred) + ")]";
        String shown = "PossibleZeroQ[(" + gold.show() + ")-(" + pred.show() + ")]";
        return cas.decide(query, shown);
    }

    private static Comparison exact(MathExpr gold, MathExpr pred, Rational g, Rational p) {
        if (g.equals(p)) {
            return Comparison.equal(DecidingRule.EXACT, g + " = " + p);
        }
        boolean approximation = (pred.hasDecimal() && !g.terminates()) || (gold.hasDecimal() && !p.terminates());
        if (approximation) {
            return tolerance(g.toDouble(), p.toDouble(), 0);
        }
        return Comparison.different(DecidingRule.EXACT, g + " != " + p);
    }

    /**
     * Equal when the prediction is a decimal with d >= 1 digits after the point, the gold is a
     * constant that is not itself a terminating decimal (an irrational, a repeating fraction), and
     * the gold, evaluated, rounds to the prediction at d digits (half away from zero). Null
     * otherwise: the other steps decide.
     */
    private static Comparison roundedTo(MathExpr gold, Optional<Rational> exactGold, MathExpr pred) {
        Rational p = decimalLiteral(pred);
        if (p == null || !gold.isConstant() || exactGold.map(Rational::terminates).orElse(false)) {
            return null;
        }
        int digits = p.decimalDigits();
        if (digits < 1 || digits > 12) {
            return null;
        }
        NumericValue g = NumericValue.of(gold);
        if (!g.isFinite()) {
            return null;
        }
        java.math.BigDecimal rounded = new java.math.BigDecimal(g.value()).setScale(digits, java.math.RoundingMode.HALF_UP);
        java.math.BigDecimal written = p.toBigDecimal(digits);
        if (rounded.compareTo(written) != 0) {
            return null;
        }
        return Comparison.equal(DecidingRule.ROUNDED,
                fmt(g.value()) + " rounds to " + written.toPlainString() + " at " + digits + " digits");
    }

    /** The value of a decimal number as written ({@code 2.236}, {@code -0.5}), or null. */
    private static Rational decimalLiteral(MathExpr e) {
        return switch (e) {
            case MathExpr.Num n when n.decimal() -> n.value();
            case MathExpr.Neg neg when neg.arg() instanceof MathExpr.Num n && n.decimal() -> n.value().negate();
            default -> null;
        };
    }

    /** Null when double precision cannot tell (complex values, cancellation): Symja decides then. */
    private static Comparison numeric(MathExpr gold, MathExpr pred) {
        NumericValue g = NumericValue.of(gold);
        NumericValue p = NumericValue.of(pred);
        if (!g.isFinite() || !p.isFinite()) {
            return null;
        }
        double error = g.errorBound() + p.errorBound();
        if (gold.hasDecimal() || pred.hasDecimal()) {
            return tolerance(g.value(), p.value(), error);
        }
        double scale = Math.max(Math.abs(g.value()), Math.abs(p.value()));
        double diff = Math.abs(g.value() - p.value());
        String values = fmt(g.value()) + " vs " + fmt(p.value());
        if (diff <= SAME_RELATIVE * scale + error) {
            return Comparison.equal(DecidingRule.NUMERIC, values);
        }
        if (diff > DIFFERENT_RELATIVE * scale + 100 * error) {
            return Comparison.different(DecidingRule.NUMERIC, values);
        }
        return null;
    }

    private static Comparison tolerance(double g, double p, double error) {
        double allowed = Math.max(APPROX_RELATIVE * Math.max(Math.abs(g), Math.abs(p)), APPROX_ABSOLUTE) + error;
        String detail = fmt(g) + " vs " + fmt(p) + " (tolerance " + fmt(allowed) + ")";
        return Math.abs(g - p) <= allowed
                ? Comparison.equal(DecidingRule.APPROXIMATE, detail)
                : Comparison.different(DecidingRule.APPROXIMATE, detail);
    }

    /** Null unless some probe point shows a clear difference. */
    private static Comparison counterexample(MathExpr gold, MathExpr pred) {
        Set<String> names = new TreeSet<>();
        symbols(gold, names);
        symbols(pred, names);
        if (names.size() > PROBES[0].length) {
            return null;
        }
        for (double[] probe : PROBES) {
            Map<String, Double> env = new HashMap<>();
            int k = 0;
            for (String name : names) {
                env.put(name, probe[k++]);
            }
            NumericValue g = NumericValue.of(gold, env);
            NumericValue p = NumericValue.of(pred, env);
            if (!g.isFinite() || !p.isFinite()) {
                continue;
            }
            double scale = Math.max(Math.abs(g.value()), Math.abs(p.value()));
            double error = g.errorBound() + p.errorBound();
            if (Math.abs(g.value() - p.value()) > 1e-6 * scale + 1e4 * error + 1e-9) {
                return Comparison.different(DecidingRule.COUNTEREXAMPLE,
                        "at " + env + ": " + fmt(g.value()) + " vs " + fmt(p.value()));
            }
        }
        return null;
    }

    /**
     * Null, or a difference when {@code a / b} takes clearly different finite values at two probe
     * points, so that it is not a constant. This guards Symja's {@code Together}, which calls
     * {@code (\tan t - 2t)/(\tan t - 4t)} the constant 1/2.
     */
    static Comparison ratioVaries(MathExpr a, MathExpr b) {
        Set<String> names = new TreeSet<>();
        symbols(a, names);
        symbols(b, names);
        if (names.isEmpty() || names.size() > PROBES[0].length) {
            return null;
        }
        double first = Double.NaN;
        for (double[] probe : PROBES) {
            Map<String, Double> env = new HashMap<>();
            int k = 0;
            for (String name : names) {
                env.put(name, probe[k++]);
            }
            NumericValue x = NumericValue.of(a, env);
            NumericValue y = NumericValue.of(b, env);
            if (!x.isFinite() || !y.isFinite() || Math.abs(y.value()) < 1e-6 * Math.max(1, y.magnitude())) {
                continue;
            }
            double ratio = x.value() / y.value();
            double error = (x.errorBound() / Math.abs(x.value() == 0 ? 1 : x.value()) + y.errorBound() / Math.abs(y.value())) * Math.abs(ratio);
            if (Double.isNaN(first)) {
                first = ratio;
            } else if (Math.abs(ratio - first) > 1e-6 * Math.max(Math.abs(ratio), Math.abs(first)) + 1e4 * error + 1e-9) {
                return Comparison.different(DecidingRule.COUNTEREXAMPLE,
                        "the ratio of the side differences is not constant: " + fmt(first) + " and " + fmt(ratio) + " at two points");
            }
        }
        return null;
    }

    /** Equal only for the same infinity; an infinity against anything finite is different. */
    private static Comparison infinities(MathExpr gold, MathExpr pred) {
        int g = infinitySign(gold);
        int p = infinitySign(pred);
        if (g != 0 && p != 0) {
            return g == p ? Comparison.equal(DecidingRule.EXACT, gold.show() + " = " + pred.show())
                    : Comparison.different(DecidingRule.EXACT, gold.show() + " != " + pred.show());
        }
        if ((g != 0 && pred.isConstant() && !pred.hasInfinity()) || (p != 0 && gold.isConstant() && !gold.hasInfinity())) {
            return Comparison.different(DecidingRule.EXACT, gold.show() + " != " + pred.show());
        }
        return new Comparison(Comparison.Outcome.UNDECIDED, DecidingRule.NONE,
                "cannot compare " + gold.show() + " with " + pred.show());
    }

    /** +1 for {@code \infty} and {@code +\infty}, -1 for {@code -\infty}, 0 otherwise. */
    private static int infinitySign(MathExpr e) {
        return switch (e) {
            case MathExpr.Const c when c.kind() == MathExpr.Const.Kind.INFINITY -> 1;
            case MathExpr.Neg n -> -infinitySign(n.arg());
            default -> 0;
        };
    }

    static void symbols(MathExpr e, Set<String> into) {
        switch (e) {
            case MathExpr.Sym s -> into.add(s.name());
            case MathExpr.Neg n -> symbols(n.arg(), into);
            case MathExpr.Add a -> a.terms().forEach(t -> symbols(t, into));
            case MathExpr.Mul m -> m.factors().forEach(f -> symbols(f, into));
            case MathExpr.Div d -> {
                symbols(d.num(), into);
                symbols(d.den(), into);
            }
            case MathExpr.Pow p -> {
                symbols(p.base(), into);
                symbols(p.exponent(), into);
            }
            case MathExpr.Call c -> c.args().forEach(x -> symbols(x, into));
            case MathExpr.Num n -> { }
            case MathExpr.Const c -> { }
        }
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        return String.format(java.util.Locale.ROOT, "%.10g", d);
    }
}
