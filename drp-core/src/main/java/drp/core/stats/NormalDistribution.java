package drp.core.stats;

/**
 * The standard normal distribution's tails, from a complementary error function accurate to about
 * 1e-14 relative (a positive-term series below 2.5, Lentz's continued fraction above).
 */
public final class NormalDistribution {

    private static final double SQRT2 = Math.sqrt(2);
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private NormalDistribution() {}

    /** P(Z <= z). */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / SQRT2);
    }

    /** The standard normal quantile: the z with {@code cdf(z) = p}, by bisection (exact to double precision). */
    public static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a quantile is of a probability in (0, 1), got " + p);
        }
        double lo = -40;
        double hi = 40;
        for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(Z > z), accurate far into the upper tail. */
    public static double sf(double z) {
        return 0.5 * erfc(z / SQRT2);
    }

    /** The complementary error function {@code 1 - erf(x)}. */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2.5) {
            return 1 - erf(x);
        }
        return erfcContinuedFraction(x);
    }

    /**
     * erf(x) = 2/sqrt(pi) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1)): every term positive, so
     * no cancellation (Abramowitz and Stegun 7.1.6).
     */
    private static double erf(double x) {
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
    }

    /**
     * erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))) (A&S 7.1.14),
     * evaluated with the modified Lentz method.
     */
    private static double erfcContinuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 500; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
