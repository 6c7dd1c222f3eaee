package org.probelab.geometry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A distance for each unordered pair of labels of one space ("NOUN|VERB" with the two labels in sorted
 * order): the distance vector whose correlation across spaces is the spatial similarity of Zhou &
 * Srikumar (ACL 2022). The distances can be between label centroids ({@link #betweenCentroids}) or any
 * other per-pair distance, such as DirectProbe's mean cluster-to-cluster distance.
 */
public record LabelPairDistances(Map<String, Double> distances) {
    /** The fewest shared label pairs a correlation is computed over (two points always correlate perfectly). */
    public static final int MIN_SHARED_PAIRS = 3;

    public LabelPairDistances {
        distances = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(distances));
        distances.forEach((pair, distance) -> {
            if (!Double.isFinite(distance) || distance < 0) {
                throw new IllegalArgumentException("label pair " + pair + " has distance " + distance
                        + "; a distance is a finite number ≥ 0");
            }
        });
    }

    /** The key of a label pair: both labels in sorted order, joined by {@code |}. */
    public static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }

    /** Euclidean distances between every two label centroids. */
    public static LabelPairDistances betweenCentroids(LabelCentroids centroids) {
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> labels = centroids.labels();
        double[][] c = centroids.centroids();
        for (int a = 0; a < labels.size(); a++) {
            for (int b = a + 1; b < labels.size(); b++) {
                out.put(pair(labels.get(a), labels.get(b)), LabelCentroids.distance(c[a], c[b]));
            }
        }
        return new LabelPairDistances(out);
    }

    /** The label pairs this space and {@code other} both have, in this space's order. */
    public List<String> sharedPairs(LabelPairDistances other) {
        List<String> shared = new ArrayList<>();
        for (String pair : distances.keySet()) {
            if (other.distances.containsKey(pair)) {
                shared.add(pair);
            }
        }
        return shared;
    }

    /**
     * Pearson correlation between this space's distances and {@code other}'s over the label pairs both
     * have: 1 when the labels keep their relative layout (up to scale), lower when the layout changes.
     *
     * @throws IllegalArgumentException when fewer than {@link #MIN_SHARED_PAIRS} pairs are shared or one side's
     *                                  distances are all equal
     */
    public double correlation(LabelPairDistances other) {
        List<String> shared = sharedPairs(other);
        if (shared.size() < MIN_SHARED_PAIRS) {
            throw new IllegalArgumentException("only " + shared.size() + " label pairs are in both spaces; a"
                    + " correlation of distance vectors needs at least " + MIN_SHARED_PAIRS
                    + " (at least 3 shared labels)");
        }
        double[] x = new double[shared.size()];
        double[] y = new double[shared.size()];
        for (int i = 0; i < shared.size(); i++) {
            x[i] = distances.get(shared.get(i));
            y[i] = other.distances.get(shared.get(i));
        }
        return pearson(x, y);
    }

    private static double pearson(double[] x, double[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0 || syy == 0) {
            throw new IllegalArgumentException("all shared label pairs are equally far apart on one side; the"
                    + " correlation is undefined");
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
