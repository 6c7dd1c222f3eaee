package org.probelab.geometry;

/**
 * Exact distances in the plane, the oracle for the solver's distances: a point's distance to a hull is 0
 * inside it (LP) and otherwise the least distance to a segment between two of its points (the hull's
 * edges are among them); two hulls apart are nearest between an endpoint and a segment.
 */
final class PlaneGeometry {
    private PlaneGeometry() {
    }

    static double pointDistance(double[][] x, int[] rows, double[] q) {
        double[][] hull = pick(x, rows);
        if (HullLp.intersects(hull, new double[][] {q})) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (double[] a : hull) {
            for (double[] b : hull) {
                best = Math.min(best, segment(q, a, b));
            }
        }
        return best;
    }

    static double hullDistance(double[][] x, int[] rowsA, int[] rowsB) {
        double[][] a = pick(x, rowsA);
        double[][] b = pick(x, rowsB);
        if (HullLp.intersects(a, b)) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (double[] p : a) {
            for (double[] s : b) {
                for (double[] t : b) {
                    best = Math.min(best, segment(p, s, t));
                }
            }
        }
        for (double[] p : b) {
            for (double[] s : a) {
                for (double[] t : a) {
                    best = Math.min(best, segment(p, s, t));
                }
            }
        }
        return best;
    }

    private static double[][] pick(double[][] x, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[] {(float) x[rows[i]][0], (float) x[rows[i]][1]};
        }
        return out;
    }

    private static double segment(double[] p, double[] a, double[] b) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
        double ex = a[0] + t * dx - p[0];
        double ey = a[1] + t * dy - p[1];
        return Math.sqrt(ex * ex + ey * ey);
    }
}
