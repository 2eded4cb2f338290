package drp.core.stats;

/**
 * The unbiased pass@k estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained on
 * Code", eq. 1): with {@code n} samples of which {@code c} are correct, the probability that at
 * least one of {@code k} samples drawn without replacement is correct,
 * {@code 1 - C(n-c, k) / C(n, k)}.
 *
 * <p>The binomial ratio is computed as the product {@code prod_{i=n-c+1..n} (1 - k/i)}, as in the
 * paper's numpy code, so that it neither overflows nor loses precision for large n.
 */
public final class PassAtK {

    private PassAtK() {}

    /** pass@k of one problem. */
    public static double estimate(int n, int c, int k) {
        if (k < 1 || n < 1 || c < 0 || c > n) {
            throw new IllegalArgumentException("need 1 <= k, 0 <= c <= n, n >= 1; got n=" + n + " c=" + c + " k=" + k);
        }
        if (k > n) {
            throw new IllegalArgumentException("pass@" + k + " needs at least " + k + " samples, got " + n);
        }
        if (n - c < k) {
            return 1.0; // every k-subset holds a correct sample
        }
        double allWrong = 1.0;
        for (int i = n - c + 1; i <= n; i++) {
            allWrong *= 1.0 - (double) k / i;
        }
        return 1.0 - allWrong;
    }

    /** pass@k averaged over problems; {@code n[i]} samples and {@code c[i]} correct for problem i. */
    public static double mean(int[] n, int[] c, int k) {
        if (n.length != c.length || n.length == 0) {
            throw new IllegalArgumentException("need one (n, c) pair per problem, at least one problem");
        }
        double sum = 0;
        for (int i = 0; i < n.length; i++) {
            sum += estimate(n[i], c[i], k);
        }
        return sum / n.length;
    }
}
