package org.probelab.geometry;

import java.util.Arrays;
import java.util.Random;

/**
 * Rows lying within a distance tolerance of a row of another label: identical vectors under two labels
 * (uncased "Great Job" PROPN and "Great job" NOUN), and near-identical ones that float noise of different
 * batch shapes leaves ~1e-6 apart. Rows are sorted by their projection on a fixed random unit direction;
 * two rows within the tolerance have projections within the tolerance, so each row is compared only with
 * the rows following it in that window — exact, without an n × n distance matrix.
 */
final class NearDuplicates {
    private static final long DIRECTION_SEED = 20210601L;

    private NearDuplicates() {
    }

    /**
     * For each row, the nearest row of another label within {@code tolerance}, or −1.
     *
     * @param distance receives that row's distance (NaN where none)
     */
    static int[] find(PointMatrix points, int[] labels, double tolerance, double[] distance) {
        int n = points.rows;
        int d = points.dim;
        Random random = new Random(DIRECTION_SEED);
        double[] direction = new double[d];
        double norm = 0;
        for (int k = 0; k < d; k++) {
            direction[k] = random.nextGaussian();
            norm += direction[k] * direction[k];
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < d; k++) {
            direction[k] /= norm;
        }
        double[] projection = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            projection[i] = Dots.dot(points.data, i * d, direction);
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(projection[x], projection[y]));
        int[] nearest = new int[n];
        Arrays.fill(nearest, -1);
        Arrays.fill(distance, Double.NaN);
        double tolerance2 = tolerance * tolerance;
        // A projection may round differently from the distance; widen the window by a hair.
        double window = tolerance * (1 + 1e-9) + 1e-12;
        for (int a = 0; a < n; a++) {
            int i = order[a];
            for (int b = a + 1; b < n && projection[order[b]] - projection[i] <= window; b++) {
                int j = order[b];
                if (labels[i] == labels[j]) {
                    continue;
                }
                double d2 = points.squaredDistance(i, j);
                if (d2 <= tolerance2) {
                    double dist = Math.sqrt(d2);
                    keep(nearest, distance, i, j, dist);
                    keep(nearest, distance, j, i, dist);
                }
            }
        }
        return nearest;
    }

    private static void keep(int[] nearest, double[] distance, int row, int other, double dist) {
        if (nearest[row] < 0 || dist < distance[row]) {
            nearest[row] = other;
            distance[row] = dist;
        }
    }
}
