package drp.tiny.model;

import java.util.Random;

public class MatMulBench {
    public static void main(String[] args) {
        int m = 4096, k = 128, n = 384;
        Random r = new Random(1);
        float[] a = new float[m * k], b = new float[k * n], out = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat() - 0.5f;
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat() - 0.5f;
        System.out.println(MatMul.describe() + " threads " + Parallel.threads());
        for (int rep = 0; rep < 30; rep++) {
            long t0 = System.nanoTime();
            int iters = 10;
            for (int it = 0; it < iters; it++) MatMul.matmul(out, 0, n, a, 0, k, 1, b, 0, n, m, k, n, false);
            double s = (System.nanoTime() - t0) / 1e9;
            double gf = 2.0 * m * k * n * iters / s / 1e9;
            // transposed A: (K=m) reduction, like dW
            long t1 = System.nanoTime();
            float[] dw = new float[k * n];
            for (int it = 0; it < iters; it++) MatMul.matmul(dw, 0, n, a, 0, 1, k, out, 0, n, k, m, n, false);
            double s2 = (System.nanoTime() - t1) / 1e9;
            double gf2 = 2.0 * m * k * n * iters / s2 / 1e9;
            if (rep % 5 == 4) System.out.printf("fwd %.1f GFLOPS   dW %.1f GFLOPS%n", gf, gf2);
        }
    }
}
