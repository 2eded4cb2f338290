package drp.core.answer;

import java.util.Map;

/**
 * A double-precision value of a constant expression, with the largest magnitude met on the way.
 * The magnitude bounds the rounding error (about {@code 1e-15} of it), so a comparison can tell a
 * real difference from cancellation noise. Complex, undefined or infinite values give {@code NaN}.
 *
 * @param value the value, or {@code NaN}
 * @param magnitude the largest absolute intermediate value
 */
record NumericValue(double value, double magnitude) {

    static final NumericValue UNDEFINED = new NumericValue(Double.NaN, Double.NaN);

    boolean isFinite() {
        return Double.isFinite(value) && Double.isFinite(magnitude);
    }

    /** A bound on the rounding error of {@link #value()}. */
    double errorBound() {
        return 1e-14 * Math.max(magnitude, Math.abs(value));
    }

    static NumericValue of(MathExpr e) {
        return of(e, Map.of());
    }

    /** The value with each variable replaced by its value in {@code env} (undefined if absent). */
    static NumericValue of(MathExpr e, Map<String, Double> env) {
        return switch (e) {
            case MathExpr.Num n -> leaf(n.value().toDouble());
            case MathExpr.Sym s -> env.containsKey(s.name()) ? leaf(env.get(s.name())) : UNDEFINED;
            case MathExpr.Const c -> switch (c.kind()) {
                case PI -> leaf(Math.PI);
                case E -> leaf(Math.E);
                case I, INFINITY -> UNDEFINED;
            };
            case MathExpr.Neg n -> {
                NumericValue a = of(n.arg(), env);
                yield new NumericValue(-a.value, a.magnitude);
            }
            case MathExpr.Add a -> {
                double sum = 0;
                double mag = 0;
                for (MathExpr t : a.terms()) {
                    NumericValue v = of(t, env);
                    sum += v.value;
                    mag = Math.max(mag, Math.max(v.magnitude, Math.abs(sum)));
                }
                yield new NumericValue(sum, mag);
            }
            case MathExpr.Mul m -> {
                double product = 1;
                double relMag = 1;
                for (MathExpr f : m.factors()) {
                    NumericValue v = of(f, env);
                    // relative error grows with each factor's own relative error
                    relMag *= v.value == 0 ? 1 : Math.max(1, v.magnitude / Math.abs(v.value));
                    product *= v.value;
                }
                yield new NumericValue(product, Math.abs(product) * relMag);
            }
            case MathExpr.Div d -> {
                NumericValue n = of(d.num(), env);
                NumericValue q = of(d.den(), env);
                if (q.value == 0) {
                    yield UNDEFINED;
                }
                double v = n.value / q.value;
                yield new NumericValue(v, Math.abs(v) * ratio(n) * ratio(q));
            }
            case MathExpr.Pow p -> {
                NumericValue b = of(p.base(), env);
                NumericValue x = of(p.exponent(), env);
                double v = Math.pow(b.value, x.value);
                // x^y amplifies the base's relative error |y| times
                double amp = Math.max(1, Math.abs(x.value)) * ratio(b) * ratio(x) * Math.max(1, Math.abs(Math.log(Math.abs(b.value) + 1e-300) * x.value));
                yield new NumericValue(v, Math.abs(v) * amp);
            }
            case MathExpr.Call c -> call(c, env);
        };
    }

    private static double ratio(NumericValue v) {
        return v.value == 0 ? 1 : Math.max(1, v.magnitude / Math.abs(v.value));
    }

    private static NumericValue leaf(double v) {
        return new NumericValue(v, Math.abs(v));
    }

    private static NumericValue call(MathExpr.Call c, Map<String, Double> env) {
        NumericValue a = of(c.args().getFirst(), env);
        double x = a.value;
        double v = switch (c.fn()) {
            case SQRT -> x < 0 ? Double.NaN : Math.sqrt(x);
            case ROOT -> root(of(c.args().get(1), env).value, x); // args: radicand, index (Symja's Surd order)
            case ABS -> Math.abs(x);
            case FLOOR -> Math.floor(x);
            case CEILING -> Math.ceil(x);
            case FACTORIAL -> x >= 0 && x == Math.rint(x) && x <= 170 ? factorial((int) x) : Double.NaN;
            case BINOMIAL -> binomial(x, of(c.args().get(1), env).value);
            case EXP -> Math.exp(x);
            case LOG, LOG_UNSPECIFIED -> x <= 0 ? Double.NaN : Math.log(x);
            case LOG_BASE -> {
                double arg = of(c.args().get(1), env).value;
                yield x <= 0 || x == 1 || arg <= 0 ? Double.NaN : Math.log(arg) / Math.log(x);
            }
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case COT -> 1 / Math.tan(x);
            case SEC -> 1 / Math.cos(x);
            case CSC -> 1 / Math.sin(x);
            case ARCSIN -> Math.asin(x);
            case ARCCOS -> Math.acos(x);
            case ARCTAN -> Math.atan(x);
            case SINH -> Math.sinh(x);
            case COSH -> Math.cosh(x);
            case TANH -> Math.tanh(x);
        };
        // functions may amplify error; keep a generous bound relative to the argument's own noise
        double mag = Math.max(Math.abs(v), a.magnitude) * Math.max(1, ratio(a));
        return Double.isFinite(v) ? new NumericValue(v, mag) : UNDEFINED;
    }

    private static double root(double index, double x) {
        if (index != Math.rint(index) || index < 1) {
            return Double.NaN;
        }
        if (x < 0) {
            return ((long) index) % 2 == 1 ? -Math.pow(-x, 1 / index) : Double.NaN;
        }
        return Math.pow(x, 1 / index);
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }

    private static double binomial(double n, double k) {
        if (n != Math.rint(n) || k != Math.rint(k) || k < 0 || n < 0 || n > 1000) {
            return Double.NaN;
        }
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return k > n ? 0 : Math.rint(r);
    }
}
