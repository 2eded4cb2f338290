package drp.core.answer;

import java.math.BigInteger;
import java.util.Optional;

/**
 * The exact rational value of an expression built from numbers with {@code + - * /}, integer
 * powers, perfect-square roots, absolute values, floors, factorials and binomials. Anything else
 * (a variable, {@code \pi}, {@code \sqrt{2}}) has no exact rational value: the result is empty.
 * Sizes are bounded ({@link Rational#MAX_BITS}) so that {@code 10^{10^{10}}} cannot stall a check.
 */
final class ExactValue {

    private static final int MAX_FACTORIAL = 300;

    private ExactValue() {}

    static Optional<Rational> of(MathExpr e) {
        try {
            return Optional.ofNullable(eval(e));
        } catch (ArithmeticException tooLargeOrUndefined) {
            return Optional.empty();
        }
    }

    /** Null when the expression has no exact rational value. */
    private static Rational eval(MathExpr e) {
        return switch (e) {
            case MathExpr.Num n -> n.value();
            case MathExpr.Sym s -> null;
            case MathExpr.Const c -> null;
            case MathExpr.Neg n -> {
                Rational a = eval(n.arg());
                yield a == null ? null : a.negate();
            }
            case MathExpr.Add a -> {
                Rational sum = Rational.ZERO;
                for (MathExpr t : a.terms()) {
                    Rational v = eval(t);
                    if (v == null) {
                        yield null;
                    }
                    sum = sum.add(v);
                }
                yield sum;
            }
            case MathExpr.Mul m -> {
                Rational product = Rational.ONE;
                for (MathExpr f : m.factors()) {
                    Rational v = eval(f);
                    if (v == null) {
                        yield null;
                    }
                    product = product.multiply(v);
                }
                yield product;
            }
            case MathExpr.Div d -> {
                Rational n = eval(d.num());
                Rational q = n == null ? null : eval(d.den());
                yield q == null ? null : n.divide(q);
            }
            case MathExpr.Pow p -> power(p);
            case MathExpr.Call c -> call(c);
        };
    }

    private static Rational power(MathExpr.Pow p) {
        Rational base = eval(p.base());
        Rational exp = base == null ? null : eval(p.exponent());
        if (exp == null) {
            return null;
        }
        if (exp.isInteger()) {
            if (exp.num().bitLength() > 31) {
                throw new ArithmeticException("exponent too large");
            }
            return base.pow(exp.num().intValueExact());
        }
        if (exp.den().equals(BigInteger.TWO) && exp.num().bitLength() < 31) {
            // x^{k/2}: exact only for perfect squares
            return base.sqrtExact().map(r -> r.pow(exp.num().intValueExact())).orElse(null);
        }
        return null;
    }

    private static Rational call(MathExpr.Call c) {
        Rational a = eval(c.args().getFirst());
        if (a == null) {
            return null;
        }
        return switch (c.fn()) {
            case SQRT -> a.sqrtExact().orElse(null);
            case ABS -> a.signum() < 0 ? a.negate() : a;
            case FLOOR -> Rational.of(floor(a), BigInteger.ONE);
            case CEILING -> Rational.of(floor(a.negate()).negate(), BigInteger.ONE);
            case FACTORIAL -> factorial(a);
            case BINOMIAL -> {
                Rational k = eval(c.args().get(1));
                yield k == null ? null : binomial(a, k);
            }
            default -> null;
        };
    }

    private static BigInteger floor(Rational a) {
        BigInteger[] qr = a.num().divideAndRemainder(a.den());
        return a.num().signum() < 0 && qr[1].signum() != 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private static Rational factorial(Rational a) {
        if (!a.isInteger() || a.signum() < 0 || a.num().compareTo(BigInteger.valueOf(MAX_FACTORIAL)) > 0) {
            return null;
        }
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= a.num().intValue(); i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return Rational.of(f, BigInteger.ONE);
    }

    private static Rational binomial(Rational n, Rational k) {
        if (!n.isInteger() || !k.isInteger() || n.signum() < 0 || k.signum() < 0
                || n.num().compareTo(BigInteger.valueOf(10_000)) > 0) {
            return null;
        }
        int nn = n.num().intValue();
        int kk = k.num().intValue();
        if (kk > nn) {
            return Rational.ZERO;
        }
        BigInteger r = BigInteger.ONE;
        for (int i = 1; i <= Math.min(kk, nn - kk); i++) {
            r = r.multiply(BigInteger.valueOf(nn - Math.min(kk, nn - kk) + i)).divide(BigInteger.valueOf(i));
        }
        return Rational.of(r, BigInteger.ONE);
    }
}
