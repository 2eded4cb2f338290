package drp.tiny.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The fast kernels against their naive twins ({@code tolerance = atol + |ref| * rtol}, worst
 * difference printed), and the vector path against the scalar path (bit-identical: lanes run along
 * outputs, every output is one fma chain in the same order).
 */
class KernelTwinTest {

    private static final double ATOL = 1e-5;
    private static final double RTOL = 1e-4;

    private static float[] random(SplittableRandom rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return x;
    }

    static double worst(String name, float[] fast, float[] ref) {
        double worst = 0;
        for (int i = 0; i < ref.length; i++) {
            double diff = Math.abs(fast[i] - ref[i]);
            assertThat(diff).as("%s[%d]: fast %s, reference %s", name, i, fast[i], ref[i])
                    .isLessThanOrEqualTo(ATOL + Math.abs(ref[i]) * RTOL);
            worst = Math.max(worst, diff);
        }
        System.out.printf("%-40s worst |fast - naive| %.2e over %d values%n", name, worst, ref.length);
        return worst;
    }

    /**
     * The decoder's attention-values kernel: each group of columns (a head) equals, bit for bit, one
     * single-row product of its weights with its columns, and the scalar path equals the vector path.
     */
    @ParameterizedTest(name = "width {0}, group {1}, length {2}")
    @CsvSource({
            "128, 16, 1",
            "128, 16, 300",
            "128, 32, 77",
            "96, 16, 5",
            "24, 8, 13",
            "12, 4, 9"})
    void groupedWeightedSumIsOneProductPerGroup(int width, int group, int length) {
        SplittableRandom rng = new SplittableRandom(width * 31L + group * 7L + length);
        int stride = length + 3;
        float[] p = random(rng, (width / group) * stride);
        float[] v = random(rng, length * width + 5);
        float[] fast = new float[width + 2];
        MatMul.groupedWeightedSum(fast, 2, p, 0, stride, v, 5, width, width, group, length);
        float[] perGroup = new float[width + 2];
        for (int g = 0; g < width / group; g++) {
            MatMul.matmulSerial(perGroup, 2 + g * group, group, p, g * stride, length, 1, v, 5 + g * group, width,
                    1, length, group, false);
        }
        assertThat(fast).as("vs one product per group, bit for bit").isEqualTo(perGroup);
        float[] scalar = new float[width + 2];
        MatMul.groupedWeightedSumScalar(scalar, 2, p, 0, stride, v, 5, width, width, group, length);
        assertThat(fast).as("vector vs scalar, bit for bit").isEqualTo(scalar);
        float[] naive = new float[width + 2];
        for (int g = 0; g < width / group; g++) {
            MatMul.matmulNaive(naive, 2 + g * group, group, p, g * stride, length, 1, v, 5 + g * group, width,
                    1, length, group, false);
        }
        worst("groupedWeightedSum " + width + "/" + group + "x" + length, fast, naive);
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transposedA={3} accumulate={4}")
    @CsvSource({
            "1, 1, 1, false, false",
            "5, 7, 3, false, true",
            "4, 128, 64, false, false",
            "37, 50, 131, true, true",
            "130, 96, 352, false, false",
            "352, 200, 128, true, false",
            "9, 33, 993, false, true"})
    void matmulMatchesNaiveAndScalar(int m, int k, int n, boolean transposedA, boolean accumulate) {
        SplittableRandom rng = new SplittableRandom(m * 31L + k * 7L + n);
        float[] a = random(rng, m * k);
        float[] b = random(rng, k * n);
        float[] start = random(rng, m * n);
        int aRow = transposedA ? 1 : k;
        int aCol = transposedA ? m : 1;
        float[] fast = start.clone();
        MatMul.matmul(fast, 0, n, a, 0, aRow, aCol, b, 0, n, m, k, n, accumulate);
        float[] naive = start.clone();
        MatMul.matmulNaive(naive, 0, n, a, 0, aRow, aCol, b, 0, n, m, k, n, accumulate);
        worst("matmul " + m + "x" + k + "x" + n, fast, naive);
        float[] scalar = start.clone();
        MatMul.rowsScalar(scalar, 0, n, a, 0, aRow, aCol, b, 0, n, 0, m, k, n, accumulate);
        assertThat(scalar).as("scalar path, bit for bit").isEqualTo(fast);
        if (MatMul.SPECIES != null) {
            float[] vector = start.clone();
            MatMul.rowsVector(vector, 0, n, a, 0, aRow, aCol, b, 0, n, 0, m, k, n, accumulate);
            assertThat(vector).as("vector path, bit for bit").isEqualTo(scalar);
        }
    }

    @Test
    void attentionMatchesNaive() {
        SplittableRandom rng = new SplittableRandom(3);
        int b = 2;
        int t = 40;
        int c = 32;
        int nh = 4;
        int[] segStart = new int[b * t];
        for (int i = 0; i < t; i++) {
            segStart[i] = i < 17 ? 0 : i < 30 ? 17 : 30; // row 0: three sequences
            segStart[t + i] = 0;                          // row 1: one
        }
        float[] q = random(rng, b * t * c);
        float[] k = random(rng, b * t * c);
        float[] v = random(rng, b * t * c);
        float[] dout = random(rng, b * t * c);
        float[] out = new float[b * t * c];
        float[] att = new float[b * nh * t * t];
        Attention.forward(out, att, q, k, v, segStart, b, t, c, nh);
        float[] ref = new float[b * t * c];
        Attention.forwardNaive(ref, q, k, v, segStart, b, t, c, nh);
        worst("attention forward", out, ref);
        float[] dq = new float[q.length];
        float[] dk = new float[q.length];
        float[] dv = new float[q.length];
        Attention.backward(dq, dk, dv, dout, att, q, k, v, segStart, b, t, c, nh);
        float[] rq = new float[q.length];
        float[] rk = new float[q.length];
        float[] rv = new float[q.length];
        Attention.backwardNaive(rq, rk, rv, dout, q, k, v, segStart, b, t, c, nh);
        worst("attention backward dq", dq, rq);
        worst("attention backward dk", dk, rk);
        worst("attention backward dv", dv, rv);
    }
}
