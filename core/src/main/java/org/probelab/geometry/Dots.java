package org.probelab.geometry;

/**
 * The dense kernels the geometry code shares: dot products of float rows (accumulated in double, so
 * that hull distances of 1e-6 between vectors of norm ~15 survive) and a blocked float matrix product
 * whose inner loop is an axpy the JIT vectorises. Plain Java: the Vector API would need
 * {@code --add-modules} on every JVM that loads the engine (CLI, tests, Jupyter kernel).
 */
final class Dots {
    /** Rows of the left operand handled per pass over the right operand (keeps that block in cache). */
    private static final int ROW_BLOCK = 32;

    private Dots() {
    }

    /** {@code a[aOff..aOff+d) · b[bOff..bOff+d)}. */
    static double dot(float[] a, int aOff, float[] b, int bOff, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            s0 += (double) a[aOff + k] * b[bOff + k];
            s1 += (double) a[aOff + k + 1] * b[bOff + k + 1];
            s2 += (double) a[aOff + k + 2] * b[bOff + k + 2];
            s3 += (double) a[aOff + k + 3] * b[bOff + k + 3];
        }
        for (; k < d; k++) {
            s0 += (double) a[aOff + k] * b[bOff + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code a[aOff..aOff+d) · p} for a double vector {@code p} of length d. */
    static double dot(float[] a, int aOff, double[] p) {
        int d = p.length;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            s0 += a[aOff + k] * p[k];
            s1 += a[aOff + k + 1] * p[k + 1];
            s2 += a[aOff + k + 2] * p[k + 2];
            s3 += a[aOff + k + 3] * p[k + 3];
        }
        for (; k < d; k++) {
            s0 += a[aOff + k] * p[k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }

    /** Squared Euclidean distance between two float rows, in double. */
    static double squaredDistance(float[] a, int aOff, float[] b, int bOff, int d) {
        double s0 = 0;
        double s1 = 0;
        int k = 0;
        for (; k + 1 < d; k += 2) {
            double x = (double) a[aOff + k] - b[bOff + k];
            double y = (double) a[aOff + k + 1] - b[bOff + k + 1];
            s0 += x * x;
            s1 += y * y;
        }
        for (; k < d; k++) {
            double x = (double) a[aOff + k] - b[bOff + k];
            s0 += x * x;
        }
        return s0 + s1;
    }

    /**
     * {@code out[j] = v · column j} of a dimension-major block ({@code columnsT[k*m + j]}), accumulated in
     * float as axpys over {@code j} (SIMD through the JIT; about 3× a scalar dot loop on Zen 4).
     */
    static void multiplyVector(float[] v, int vOff, float[] columnsT, int m, int d, float[] out) {
        multiplyVector(v, vOff, columnsT, m, d, out, 0, m);
    }

    /** {@link #multiplyVector} for columns {@code from..to)} only (the same values, column by column). */
    static void multiplyVector(float[] v, int vOff, float[] columnsT, int m, int d, float[] out, int from, int to) {
        java.util.Arrays.fill(out, from, to, 0f);
        for (int k = 0; k < d; k++) {
            float a = v[vOff + k];
            if (a == 0f) {
                continue;
            }
            int r = k * m;
            for (int j = from; j < to; j++) {
                out[j] += a * columnsT[r + j];
            }
        }
    }

    /**
     * {@code out[i*m + j] = left row i · right row j} for {@code rows} left rows and {@code m} right rows of
     * dimension {@code d}, with the right operand given transposed ({@code rightT[k*m + j]}, dimension-major):
     * each left value scales one contiguous right row, an axpy over {@code j} that the JIT turns into SIMD.
     * Float accumulation: used where an approximate product only guides a search (bounds are rechecked in
     * double).
     */
    static void multiplyTransposed(float[] left, int rows, float[] rightT, int m, int d, float[] out) {
        java.util.Arrays.fill(out, 0, rows * m, 0f);
        for (int i0 = 0; i0 < rows; i0 += ROW_BLOCK) {
            int i1 = Math.min(rows, i0 + ROW_BLOCK);
            for (int k = 0; k < d; k++) {
                int r = k * m;
                for (int i = i0; i < i1; i++) {
                    float a = left[i * d + k];
                    if (a == 0f) {
                        continue;
                    }
                    int o = i * m;
                    for (int j = 0; j < m; j++) {
                        out[o + j] += a * rightT[r + j];
                    }
                }
            }
        }
    }
}
