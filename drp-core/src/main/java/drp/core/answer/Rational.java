package drp.core.answer;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Objects;

/**
 * An exact rational number in lowest terms with a positive denominator. Answers such as
 * {@code \frac{105}{2}}, {@code 52.5} and {@code 52\frac{1}{2}} are compared as rationals, so that
 * no rounding can make two different answers equal.
 */
record Rational(BigInteger num, BigInteger den) implements Comparable<Rational> {

    /** Integer parts larger than this many bits are refused: they only arise from runaway powers. */
    static final int MAX_BITS = 4096;

    static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);
    static final Rational ONE = new Rational(BigInteger.ONE, BigInteger.ONE);
    static final Rational HUNDRED = new Rational(BigInteger.valueOf(100), BigInteger.ONE);

    Rational {
        Objects.requireNonNull(num, "num");
        Objects.requireNonNull(den, "den");
        if (den.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger g = num.gcd(den);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            num = num.divide(g);
            den = den.divide(g);
        }
        if (num.signum() == 0) {
            den = BigInteger.ONE;
        }
        if (num.bitLength() > MAX_BITS || den.bitLength() > MAX_BITS) {
            throw new ArithmeticException("rational too large (over " + MAX_BITS + " bits)");
        }
    }

    static Rational of(long n) {
        return new Rational(BigInteger.valueOf(n), BigInteger.ONE);
    }

    static Rational of(BigInteger n, BigInteger d) {
        return new Rational(n, d);
    }

    /** Parses a plain decimal literal such as {@code 12}, {@code -0.5}, {@code .25} or {@code 1.5e-3}. */
    static Rational parseDecimal(String literal) {
        BigDecimal d = new BigDecimal(literal);
        if (Math.abs((long) d.scale()) > MAX_BITS / 3) {
            throw new ArithmeticException("exponent too large: " + literal);
        }
        if (d.scale() <= 0) {
            return new Rational(d.toBigIntegerExact(), BigInteger.ONE);
        }
        return new Rational(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    }

    Rational add(Rational o) {
        return new Rational(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    Rational subtract(Rational o) {
        return add(o.negate());
    }

    Rational multiply(Rational o) {
        return new Rational(num.multiply(o.num), den.multiply(o.den));
    }

    Rational divide(Rational o) {
        if (o.num.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return new Rational(num.multiply(o.den), den.multiply(o.num));
    }

    Rational negate() {
        return new Rational(num.negate(), den);
    }

    /** This number to an integer power; refuses exponents whose result could not be held. */
    Rational pow(int exponent) {
        long bits = (long) Math.max(num.bitLength(), den.bitLength()) * Math.abs((long) exponent);
        if (bits > MAX_BITS) {
            throw new ArithmeticException("power too large");
        }
        if (exponent >= 0) {
            return new Rational(num.pow(exponent), den.pow(exponent));
        }
        if (num.signum() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return new Rational(den.pow(-exponent), num.pow(-exponent));
    }

    boolean isInteger() {
        return den.equals(BigInteger.ONE);
    }

    int signum() {
        return num.signum();
    }

    /** True when the decimal expansion ends (the denominator has no prime factors but 2 and 5). */
    boolean terminates() {
        BigInteger d = den;
        BigInteger two = BigInteger.TWO;
        BigInteger five = BigInteger.valueOf(5);
        while (d.mod(two).signum() == 0) {
            d = d.divide(two);
        }
        while (d.mod(five).signum() == 0) {
            d = d.divide(five);
        }
        return d.equals(BigInteger.ONE);
    }

    /** Digits after the point of this terminating decimal as written at its shortest (2.50 has 1); -1 if it does not terminate. */
    int decimalDigits() {
        if (!terminates()) {
            return -1;
        }
        int twos = den.getLowestSetBit();
        int fives = 0;
        BigInteger d = den.shiftRight(twos);
        BigInteger five = BigInteger.valueOf(5);
        while (d.compareTo(BigInteger.ONE) > 0) {
            d = d.divide(five);
            fives++;
        }
        return Math.max(twos, fives);
    }

    /** This value as a decimal with {@code scale} digits after the point, rounded half away from zero. */
    BigDecimal toBigDecimal(int scale) {
        return new BigDecimal(num).divide(new BigDecimal(den), scale, java.math.RoundingMode.HALF_UP);
    }

    double toDouble() {
        if (num.bitLength() < 53 && den.bitLength() < 53) {
            return num.doubleValue() / den.doubleValue();
        }
        return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64).doubleValue();
    }

    /** The exact square root when both parts are perfect squares. */
    java.util.Optional<Rational> sqrtExact() {
        if (num.signum() < 0) {
            return java.util.Optional.empty();
        }
        BigInteger n = num.sqrt();
        BigInteger d = den.sqrt();
        if (n.multiply(n).equals(num) && d.multiply(d).equals(den)) {
            return java.util.Optional.of(new Rational(n, d));
        }
        return java.util.Optional.empty();
    }

    @Override
    public int compareTo(Rational o) {
        return num.multiply(o.den).compareTo(o.num.multiply(den));
    }

    @Override
    public String toString() {
        return isInteger() ? num.toString() : num + "/" + den;
    }
}
