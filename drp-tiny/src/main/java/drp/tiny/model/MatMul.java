package drp.tiny.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code out (M, N) [+]= A (M, K) · B (K, N)}: the kernel behind every linear layer, forward and
 * backward.
 *
 * <p>B is row-major with row stride {@code ldb}; A is read one scalar at a time at
 * {@code a[aOff + i * aRow + k * aCol]}, so a transposed A costs nothing. Each output element is one
 * chain of fused multiply-adds over {@code k = 0..K-1} in order: the vector path (lanes run along
 * N, never across K) and the scalar path therefore give bit-identical results, and no horizontal
 * reduction can depend on the JIT tier or the vector width.
 *
 * <p>The vector width comes from system property {@code drp.tiny.vectorBits}: 0 turns vectors off,
 * 128/256/512 choose a width, unset means the platform's preferred width.
 */
public final class MatMul {

    /** The species in use, or {@code null} when vectors are off. */
    static final VectorSpecies<Float> SPECIES = species();

    private static final int MR = 4; // rows of out per register tile

    private MatMul() {}

    private static VectorSpecies<Float> species() {
        String bits = System.getProperty("drp.tiny.vectorBits");
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED.length() >= 4 ? FloatVector.SPECIES_PREFERRED : null;
        }
        return switch (Integer.parseInt(bits.trim())) {
            case 0 -> null;
            case 128 -> FloatVector.SPECIES_128;
            case 256 -> FloatVector.SPECIES_256;
            case 512 -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException(
                    "drp.tiny.vectorBits must be 0, 128, 256 or 512, got " + bits);
        };
    }

    /** A description of the kernel in use, for benchmark reports. */
    public static String describe() {
        return SPECIES == null ? "scalar" : "vector " + SPECIES.vectorBitSize() + "-bit";
    }

    /**
     * out[i*ldo + n] (+)= sum_k a[aOff + i*aRow + k*aCol] * b[bOff + k*ldb + n], for i in [0, M),
     * n in [0, N); rows of out are computed in parallel.
     */
    public static void matmul(float[] out, int outOff, int ldo,
                              float[] a, int aOff, int aRow, int aCol,
                              float[] b, int bOff, int ldb,
                              int m, int k, int n, boolean accumulate) {
        Parallel.parallelFor(m, MR, (from, to) -> {
            if (SPECIES == null) {
                rowsScalar(out, outOff, ldo, a, aOff, aRow, aCol, b, bOff, ldb, from, to, k, n, accumulate);
            } else {
                rowsVector(out, outOff, ldo, a, aOff, aRow, aCol, b, bOff, ldb, from, to, k, n, accumulate);
            }
        });
    }

    /** The same product on the calling thread only (for small sizes and for sampling). */
    public static void matmulSerial(float[] out, int outOff, int ldo,
                                    float[] a, int aOff, int aRow, int aCol,
                                    float[] b, int bOff, int ldb,
                                    int m, int k, int n, boolean accumulate) {
        if (SPECIES == null) {
            rowsScalar(out, outOff, ldo, a, aOff, aRow, aCol, b, bOff, ldb, 0, m, k, n, accumulate);
        } else {
            rowsVector(out, outOff, ldo, a, aOff, aRow, aCol, b, bOff, ldb, 0, m, k, n, accumulate);
        }
    }

    /**
     * out[outOff + x] = sum_j p[pOff + (x / group) * pStride + j] * v[vOff + j * ldv + x], for x in
     * [0, width) and j in [0, length): the columns fall into groups of {@code group} (attention
     * heads), each group weighing the rows of v with its own weights. Every element is one chain of
     * fused multiply-adds over j in order, exactly as {@link #matmulSerial} with one row computes it
     * for one group; doing all groups in one loop keeps several chains in flight instead of one
     * long chain at a time. Runs on the calling thread.
     */
    public static void groupedWeightedSum(float[] out, int outOff, float[] p, int pOff, int pStride,
                                          float[] v, int vOff, int ldv, int width, int group, int length) {
        if (SPECIES == null || group % SPECIES.length() != 0 || width % SPECIES.length() != 0) {
            groupedWeightedSumScalar(out, outOff, p, pOff, pStride, v, vOff, ldv, width, group, length);
            return;
        }
        VectorSpecies<Float> s = SPECIES;
        int lanes = s.length();
        int x = 0;
        // four vectors of columns at a time: four independent chains
        for (; x + 4 * lanes <= width; x += 4 * lanes) {
            int p0 = pOff + (x / group) * pStride;
            int p1 = pOff + ((x + lanes) / group) * pStride;
            int p2 = pOff + ((x + 2 * lanes) / group) * pStride;
            int p3 = pOff + ((x + 3 * lanes) / group) * pStride;
            FloatVector c0 = FloatVector.zero(s), c1 = FloatVector.zero(s);
            FloatVector c2 = FloatVector.zero(s), c3 = FloatVector.zero(s);
            for (int j = 0; j < length; j++) {
                int vj = vOff + j * ldv + x;
                c0 = FloatVector.broadcast(s, p[p0 + j]).fma(FloatVector.fromArray(s, v, vj), c0);
                c1 = FloatVector.broadcast(s, p[p1 + j]).fma(FloatVector.fromArray(s, v, vj + lanes), c1);
                c2 = FloatVector.broadcast(s, p[p2 + j]).fma(FloatVector.fromArray(s, v, vj + 2 * lanes), c2);
                c3 = FloatVector.broadcast(s, p[p3 + j]).fma(FloatVector.fromArray(s, v, vj + 3 * lanes), c3);
            }
            c0.intoArray(out, outOff + x);
            c1.intoArray(out, outOff + x + lanes);
            c2.intoArray(out, outOff + x + 2 * lanes);
            c3.intoArray(out, outOff + x + 3 * lanes);
        }
        for (; x < width; x += lanes) {
            int p0 = pOff + (x / group) * pStride;
            FloatVector c0 = FloatVector.zero(s);
            for (int j = 0; j < length; j++) {
                c0 = FloatVector.broadcast(s, p[p0 + j]).fma(FloatVector.fromArray(s, v, vOff + j * ldv + x), c0);
            }
            c0.intoArray(out, outOff + x);
        }
    }

    static void groupedWeightedSumScalar(float[] out, int outOff, float[] p, int pOff, int pStride,
                                         float[] v, int vOff, int ldv, int width, int group, int length) {
        for (int x = 0; x < width; x++) {
            int px = pOff + (x / group) * pStride;
            float c = 0f;
            for (int j = 0; j < length; j++) {
                c = Math.fma(p[px + j], v[vOff + j * ldv + x], c);
            }
            out[outOff + x] = c;
        }
    }

    /**
     * The reference: a plain triple loop accumulating in double. Tests compare the fast kernels
     * with it.
     */
    public static void matmulNaive(float[] out, int outOff, int ldo,
                                   float[] a, int aOff, int aRow, int aCol,
                                   float[] b, int bOff, int ldb,
                                   int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = accumulate ? out[outOff + i * ldo + j] : 0.0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[aOff + i * aRow + p * aCol] * b[bOff + p * ldb + j];
                }
                out[outOff + i * ldo + j] = (float) sum;
            }
        }
    }

    static void rowsScalar(float[] out, int outOff, int ldo,
                           float[] a, int aOff, int aRow, int aCol,
                           float[] b, int bOff, int ldb,
                           int from, int to, int k, int n, boolean accumulate) {
        for (int i = from; i < to; i++) {
            int o = outOff + i * ldo;
            if (!accumulate) {
                java.util.Arrays.fill(out, o, o + n, 0f);
            }
            int ai = aOff + i * aRow;
            for (int p = 0; p < k; p++) {
                float av = a[ai + p * aCol];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    out[o + j] = Math.fma(av, b[bp + j], out[o + j]);
                }
            }
        }
    }

    static void rowsVector(float[] out, int outOff, int ldo,
                           float[] a, int aOff, int aRow, int aCol,
                           float[] b, int bOff, int ldb,
                           int from, int to, int k, int n, boolean accumulate) {
        int lanes = SPECIES.length();
        int n4 = n - n % (4 * lanes);
        int n1 = n - n % lanes;
        int i = from;
        // full register tiles of MR rows
        for (; i + MR <= to; i += MR) {
            int ai = aOff + i * aRow;
            int oi = outOff + i * ldo;
            int j = 0;
            for (; j < n4; j += 4 * lanes) {
                tile4x4(out, oi + j, ldo, a, ai, aRow, aCol, b, bOff + j, ldb, k, accumulate);
            }
            for (; j < n1; j += lanes) {
                tile4x1(out, oi + j, ldo, a, ai, aRow, aCol, b, bOff + j, ldb, k, accumulate);
            }
            if (j < n) {
                tailScalar(out, outOff, ldo, a, aOff, aRow, aCol, b, bOff, ldb, i, i + MR, k, j, n, accumulate);
            }
        }
        // leftover rows one at a time
        for (; i < to; i++) {
            int ai = aOff + i * aRow;
            int oi = outOff + i * ldo;
            int j = 0;
            for (; j < n1; j += lanes) {
                tile1x1(out, oi + j, a, ai, aCol, b, bOff + j, ldb, k, accumulate);
            }
            if (j < n) {
                tailScalar(out, outOff, ldo, a, aOff, aRow, aCol, b, bOff, ldb, i, i + 1, k, j, n, accumulate);
            }
        }
    }

    /** A 4-row x 4-vector tile of out at {@code o}: 16 accumulators, one fma chain along k each. */
    private static void tile4x4(float[] out, int o, int ldo, float[] a, int ai, int aRow, int aCol,
                                float[] b, int bj, int ldb, int k, boolean accumulate) {
        VectorSpecies<Float> s = SPECIES;
        int l = s.length();
        int o1 = o + ldo;
        int o2 = o1 + ldo;
        int o3 = o2 + ldo;
        FloatVector c00 = init(s, out, o, accumulate), c01 = init(s, out, o + l, accumulate);
        FloatVector c02 = init(s, out, o + 2 * l, accumulate), c03 = init(s, out, o + 3 * l, accumulate);
        FloatVector c10 = init(s, out, o1, accumulate), c11 = init(s, out, o1 + l, accumulate);
        FloatVector c12 = init(s, out, o1 + 2 * l, accumulate), c13 = init(s, out, o1 + 3 * l, accumulate);
        FloatVector c20 = init(s, out, o2, accumulate), c21 = init(s, out, o2 + l, accumulate);
        FloatVector c22 = init(s, out, o2 + 2 * l, accumulate), c23 = init(s, out, o2 + 3 * l, accumulate);
        FloatVector c30 = init(s, out, o3, accumulate), c31 = init(s, out, o3 + l, accumulate);
        FloatVector c32 = init(s, out, o3 + 2 * l, accumulate), c33 = init(s, out, o3 + 3 * l, accumulate);
        int a0 = ai;
        int a1 = ai + aRow;
        int a2 = a1 + aRow;
        int a3 = a2 + aRow;
        for (int p = 0; p < k; p++) {
            int bp = bj + p * ldb;
            int ap = p * aCol;
            FloatVector b0 = FloatVector.fromArray(s, b, bp);
            FloatVector b1 = FloatVector.fromArray(s, b, bp + l);
            FloatVector b2 = FloatVector.fromArray(s, b, bp + 2 * l);
            FloatVector b3 = FloatVector.fromArray(s, b, bp + 3 * l);
            FloatVector x0 = FloatVector.broadcast(s, a[a0 + ap]);
            c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01); c02 = x0.fma(b2, c02); c03 = x0.fma(b3, c03);
            FloatVector x1 = FloatVector.broadcast(s, a[a1 + ap]);
            c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11); c12 = x1.fma(b2, c12); c13 = x1.fma(b3, c13);
            FloatVector x2 = FloatVector.broadcast(s, a[a2 + ap]);
            c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21); c22 = x2.fma(b2, c22); c23 = x2.fma(b3, c23);
            FloatVector x3 = FloatVector.broadcast(s, a[a3 + ap]);
            c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31); c32 = x3.fma(b2, c32); c33 = x3.fma(b3, c33);
        }
        c00.intoArray(out, o); c01.intoArray(out, o + l); c02.intoArray(out, o + 2 * l); c03.intoArray(out, o + 3 * l);
        c10.intoArray(out, o1); c11.intoArray(out, o1 + l); c12.intoArray(out, o1 + 2 * l); c13.intoArray(out, o1 + 3 * l);
        c20.intoArray(out, o2); c21.intoArray(out, o2 + l); c22.intoArray(out, o2 + 2 * l); c23.intoArray(out, o2 + 3 * l);
        c30.intoArray(out, o3); c31.intoArray(out, o3 + l); c32.intoArray(out, o3 + 2 * l); c33.intoArray(out, o3 + 3 * l);
    }

    /** A 4-row x 1-vector tile. */
    private static void tile4x1(float[] out, int o, int ldo, float[] a, int ai, int aRow, int aCol,
                                float[] b, int bj, int ldb, int k, boolean accumulate) {
        VectorSpecies<Float> s = SPECIES;
        int o1 = o + ldo;
        int o2 = o1 + ldo;
        int o3 = o2 + ldo;
        FloatVector c0 = init(s, out, o, accumulate), c1 = init(s, out, o1, accumulate);
        FloatVector c2 = init(s, out, o2, accumulate), c3 = init(s, out, o3, accumulate);
        int a1 = ai + aRow;
        int a2 = a1 + aRow;
        int a3 = a2 + aRow;
        for (int p = 0; p < k; p++) {
            FloatVector bv = FloatVector.fromArray(s, b, bj + p * ldb);
            int ap = p * aCol;
            c0 = FloatVector.broadcast(s, a[ai + ap]).fma(bv, c0);
            c1 = FloatVector.broadcast(s, a[a1 + ap]).fma(bv, c1);
            c2 = FloatVector.broadcast(s, a[a2 + ap]).fma(bv, c2);
            c3 = FloatVector.broadcast(s, a[a3 + ap]).fma(bv, c3);
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o1);
        c2.intoArray(out, o2);
        c3.intoArray(out, o3);
    }

    /** A 1-row x 1-vector tile. */
    private static void tile1x1(float[] out, int o, float[] a, int ai, int aCol,
                                float[] b, int bj, int ldb, int k, boolean accumulate) {
        VectorSpecies<Float> s = SPECIES;
        FloatVector c = init(s, out, o, accumulate);
        for (int p = 0; p < k; p++) {
            c = FloatVector.broadcast(s, a[ai + p * aCol]).fma(FloatVector.fromArray(s, b, bj + p * ldb), c);
        }
        c.intoArray(out, o);
    }

    private static FloatVector init(VectorSpecies<Float> s, float[] out, int offset, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(s, out, offset) : FloatVector.zero(s);
    }

    private static void tailScalar(float[] out, int outOff, int ldo,
                                   float[] a, int aOff, int aRow, int aCol,
                                   float[] b, int bOff, int ldb,
                                   int rowFrom, int rowTo, int k, int colFrom, int colTo, boolean accumulate) {
        for (int i = rowFrom; i < rowTo; i++) {
            int ai = aOff + i * aRow;
            int o = outOff + i * ldo;
            for (int j = colFrom; j < colTo; j++) {
                float c = accumulate ? out[o + j] : 0f;
                for (int p = 0; p < k; p++) {
                    c = Math.fma(a[ai + p * aCol], b[bOff + p * ldb + j], c);
                }
                out[o + j] = c;
            }
        }
    }
}
