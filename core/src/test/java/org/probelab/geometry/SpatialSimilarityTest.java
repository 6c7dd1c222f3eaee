package org.probelab.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.probelab.represent.LabelledVectors;

/** Label centroids, their pair distances, the correlation of distance vectors and centroid movement. */
class SpatialSimilarityTest {
    /** Items of labels A..E around fixed centres (scaled by {@code scale}, shifted by {@code shift}). */
    private static LabelledVectors space(double[][] centres, double scale, double shift, int perLabel, long seed) {
        Random random = new Random(seed);
        int d = centres[0].length;
        FloatBuffer buffer = FloatBuffer.allocate(centres.length * perLabel * d);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < perLabel; i++) {
            for (int c = 0; c < centres.length; c++) {
                for (int j = 0; j < d; j++) {
                    buffer.put((float) (scale * centres[c][j] + shift + 0.05 * random.nextGaussian()));
                }
                labels.add(String.valueOf((char) ('A' + c)));
            }
        }
        return new LabelledVectors(d, buffer.flip(), labels);
    }

    private static double[][] centres(long seed) {
        Random random = new Random(seed);
        double[][] out = new double[5][6];
        for (double[] c : out) {
            for (int j = 0; j < c.length; j++) {
                c[j] = 3 * random.nextGaussian();
            }
        }
        return out;
    }

    @Test
    void centroidsAreEachLabelsMeanInSortedLabelOrder() {
        FloatBuffer buffer = FloatBuffer.wrap(new float[] {0, 0, 2, 4, 10, 10, 1, 1});
        LabelCentroids c = LabelCentroids.of(new LabelledVectors(2, buffer, List.of("b", "b", "a", "b")));
        assertEquals(List.of("a", "b"), c.labels());
        assertEquals(List.of(1, 3), c.counts());
        assertArrayEquals(new double[] {10, 10}, c.centroid("a"), 1e-12);
        assertArrayEquals(new double[] {1, 5.0 / 3}, c.centroid("b"), 1e-12);
        assertEquals(Map.of("a|b", Math.hypot(9, 10 - 5.0 / 3)), LabelPairDistances.betweenCentroids(c).distances());
    }

    @Test
    void theSameLayoutScaledAndShiftedCorrelatesFullyAndAnotherLayoutLess() {
        double[][] layout = centres(1);
        LabelPairDistances train = LabelPairDistances.betweenCentroids(LabelCentroids.of(space(layout, 1, 0, 40, 2)));
        LabelPairDistances test = LabelPairDistances.betweenCentroids(LabelCentroids.of(space(layout, 2.5, 7, 40, 3)));
        LabelPairDistances other = LabelPairDistances.betweenCentroids(LabelCentroids.of(space(centres(4), 1, 0, 40, 5)));

        assertEquals(10, train.distances().size(), "5 labels make 10 pairs");
        assertEquals(1.0, train.correlation(test), 1e-3);
        assertTrue(train.correlation(other) < 0.9, "unrelated layouts " + train.correlation(other));
    }

    @Test
    void movementIsHowFarEachCentroidTravelled() {
        double[][] layout = centres(6);
        LabelCentroids before = LabelCentroids.of(space(layout, 1, 0, 30, 7));
        LabelCentroids after = LabelCentroids.of(space(layout, 1, 2, 30, 8));
        Map<String, Double> moved = before.movementTo(after);

        assertEquals(List.of("A", "B", "C", "D", "E"), List.copyOf(moved.keySet()));
        // Every coordinate shifted by 2 in 6 dimensions: each centroid moved 2·√6, up to the noise.
        moved.values().forEach(m -> assertEquals(2 * Math.sqrt(6), m, 0.05));
    }

    @Test
    void tooFewSharedPairsOrMismatchedSpacesAreRefused() {
        LabelPairDistances two = new LabelPairDistances(Map.of("A|B", 1.0, "A|C", 2.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> two.correlation(two));
        assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LabelPairDistances(Map.of("A|B", -1.0)));

        LabelCentroids small = LabelCentroids.of(new LabelledVectors(1, FloatBuffer.wrap(new float[] {1}), List.of("a")));
        LabelCentroids wide = LabelCentroids.of(new LabelledVectors(2, FloatBuffer.wrap(new float[] {1, 2}), List.of("a")));
        e = assertThrows(IllegalArgumentException.class, () -> small.movementTo(wide));
        assertTrue(e.getMessage().contains("dimension 1 and 2"), e.getMessage());
    }
}
