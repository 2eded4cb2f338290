package drp.tiny.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToDoubleFunction;

/**
 * Central finite differences of a double-precision function, compared with an analytic gradient:
 * the relative error of each coordinate is {@code |analytic - numeric| / max(|analytic|, |numeric|,
 * floor)}, the floor being a small fraction of the largest numeric gradient so that coordinates
 * whose gradient is essentially zero are judged on an absolute scale.
 */
final class GradientCheck {

    private GradientCheck() {}

    /** The numerical gradient of {@code f} at {@code x} (x is restored). */
    static double[] numeric(ToDoubleFunction<double[]> f, double[] x, double eps) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double saved = x[i];
            x[i] = saved + eps;
            double plus = f.applyAsDouble(x);
            x[i] = saved - eps;
            double minus = f.applyAsDouble(x);
            x[i] = saved;
            g[i] = (plus - minus) / (2 * eps);
        }
        return g;
    }

    /** Asserts the worst relative error is below {@code tolerance}; prints and returns it. */
    static double assertClose(String name, float[] analytic, int analyticOff, double[] numeric, double tolerance) {
        double maxNumeric = 0;
        for (double v : numeric) {
            maxNumeric = Math.max(maxNumeric, Math.abs(v));
        }
        double floor = Math.max(1e-6, 1e-3 * maxNumeric);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < numeric.length; i++) {
            double a = analytic[analyticOff + i];
            double denominator = Math.max(floor, Math.max(Math.abs(a), Math.abs(numeric[i])));
            double error = Math.abs(a - numeric[i]) / denominator;
            if (error > worst) {
                worst = error;
                worstAt = i;
            }
        }
        System.out.printf("gradient check %-28s %6d values, worst relative error %.2e%s%n", name, numeric.length, worst,
                worstAt < 0 ? "" : String.format(" (index %d: analytic %.6e, numeric %.6e)", worstAt,
                        analytic[analyticOff + worstAt], numeric[worstAt]));
        assertThat(worst).as("worst relative gradient error of " + name).isLessThan(tolerance);
        return worst;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
