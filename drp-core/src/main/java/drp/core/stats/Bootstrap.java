package drp.core.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The percentile bootstrap over clusters (in drp: problems), seeded so that the same data gives the
 * same interval on every machine.
 *
 * <p>The data is a table with one row per cluster and a few numeric columns (for example the
 * number of correct outputs and the number of outputs of each problem). One resample draws as many
 * rows as the table has, uniformly with replacement, and sums each column over the drawn rows; each
 * {@link Statistic} maps those column sums to one number (accuracy is {@code sums[0] / sums[1]}).
 * All statistics of one call share the same resamples, so a paired difference is computed on the
 * same problems for both runs. The interval is made of the {@code (1 - confidence) / 2} and
 * {@code (1 + confidence) / 2} quantiles of the resampled statistics (linear interpolation between
 * order statistics, numpy's default). A resample whose statistic is not finite (a ratio with a zero
 * denominator, e.g. the mean tokens of correct outputs when the resample has none) is left out.
 *
 * @param resamples  number of resamples B
 * @param seed       seed of the random draws
 * @param confidence coverage of the interval, e.g. 0.95
 */
public record Bootstrap(int resamples, long seed, double confidence) {

    /** 10,000 resamples: the percentile ends are then stable to about 0.1 percentage point. */
    public static final int DEFAULT_RESAMPLES = 10_000;
    /** Any fixed seed will do; this one is the paper's arXiv number. */
    public static final long DEFAULT_SEED = 250513975L;
    public static final double DEFAULT_CONFIDENCE = 0.95;

    public Bootstrap {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    /** 10,000 resamples, seed {@value #DEFAULT_SEED}, 95%. */
    public static Bootstrap defaults() {
        return new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_SEED, DEFAULT_CONFIDENCE);
    }

    /** A number computed from the column sums of one (re)sample. */
    @FunctionalInterface
    public interface Statistic {
        double of(double[] sums);

        /** {@code sums[numerator] / sums[denominator]}: a mean or a proportion. */
        static Statistic ratio(int numerator, int denominator) {
            return sums -> sums[numerator] / sums[denominator];
        }
    }

    /** The statistic on the data itself (the point estimate); NaN when there are no rows. */
    public static double estimate(double[][] rows, Statistic statistic) {
        return rows.length == 0 ? Double.NaN : statistic.of(columnSums(rows));
    }

    /**
     * The percentile intervals of {@code statistics} over the same resamples of {@code rows}.
     *
     * @param rows one row per cluster, all of the same width
     * @return one interval per statistic, in order; null where no resample gave a finite value
     *         (also when there are no rows)
     */
    public List<Interval> intervals(double[][] rows, List<Statistic> statistics) {
        int n = rows.length;
        int width = n == 0 ? 0 : rows[0].length;
        for (double[] row : rows) {
            if (row.length != width) {
                throw new IllegalArgumentException("rows differ in width: " + width + " and " + row.length);
            }
        }
        List<Interval> result = new ArrayList<>();
        if (n == 0) {
            statistics.forEach(s -> result.add(null));
            return result;
        }
        // row-major copy: one resample reads a whole row at a time
        double[] table = new double[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, table, i * width, width);
        }
        double[][] values = new double[statistics.size()][resamples];
        int[] finite = new int[statistics.size()];
        SplittableRandom random = new SplittableRandom(seed);
        double[] sums = new double[width];
        for (int b = 0; b < resamples; b++) {
            Arrays.fill(sums, 0);
            for (int draw = 0; draw < n; draw++) {
                int at = random.nextInt(n) * width;
                for (int c = 0; c < width; c++) {
                    sums[c] += table[at + c];
                }
            }
            for (int s = 0; s < statistics.size(); s++) {
                double v = statistics.get(s).of(sums);
                if (Double.isFinite(v)) {
                    values[s][finite[s]++] = v;
                }
            }
        }
        double alpha = 1 - confidence;
        for (int s = 0; s < statistics.size(); s++) {
            if (finite[s] == 0) {
                result.add(null);
                continue;
            }
            double[] sorted = Arrays.copyOf(values[s], finite[s]);
            Arrays.sort(sorted);
            result.add(new Interval(Quantile.of(sorted, alpha / 2), Quantile.of(sorted, 1 - alpha / 2)));
        }
        return result;
    }

    /** The interval of one statistic. */
    public Interval interval(double[][] rows, Statistic statistic) {
        return intervals(rows, List.of(statistic)).getFirst();
    }

    /** The interval of the mean of {@code values} (each value its own cluster). */
    public Interval meanInterval(double[] values) {
        double[][] rows = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            rows[i] = new double[] {values[i], 1};
        }
        return interval(rows, Statistic.ratio(0, 1));
    }

    private static double[] columnSums(double[][] rows) {
        double[] sums = new double[rows.length == 0 ? 0 : rows[0].length];
        for (double[] row : rows) {
            for (int c = 0; c < sums.length; c++) {
                sums[c] += row[c];
            }
        }
        return sums;
    }
}
