package org.probelab.geometry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The paper's algorithm written the obvious way, as the oracle for the engine: all same-label pairs
 * scanned every step, every merge checked by LP against every cluster of another label.
 */
final class BruteForceDirectProbe {
    private BruteForceDirectProbe() {
    }

    /** Final clusters as sorted row lists. */
    static List<List<Integer>> clusters(double[][] x, int[] labels) {
        List<List<Integer>> clusters = new ArrayList<>();
        List<Integer> clusterLabel = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            clusters.add(new ArrayList<>(List.of(i)));
            clusterLabel.add(labels[i]);
        }
        Set<Set<List<Integer>>> rejected = new HashSet<>();
        while (true) {
            int bestI = -1;
            int bestJ = -1;
            double bestD = 0;
            for (int i = 0; i < clusters.size(); i++) {
                for (int j = i + 1; j < clusters.size(); j++) {
                    if (!clusterLabel.get(i).equals(clusterLabel.get(j))
                            || rejected.contains(Set.of(clusters.get(i), clusters.get(j)))) {
                        continue;
                    }
                    double d = centroidDistance(x, clusters.get(i), clusters.get(j));
                    if (bestI < 0 || MergeSearch.before(d, clusters.get(i).get(0), clusters.get(j).get(0), bestD,
                            clusters.get(bestI).get(0), clusters.get(bestJ).get(0))) {
                        bestI = i;
                        bestJ = j;
                        bestD = d;
                    }
                }
            }
            if (bestI < 0) {
                return clusters;
            }
            List<Integer> merged = new ArrayList<>(clusters.get(bestI));
            merged.addAll(clusters.get(bestJ));
            merged.sort(null);
            boolean overlap = false;
            for (int k = 0; k < clusters.size() && !overlap; k++) {
                if (!clusterLabel.get(k).equals(clusterLabel.get(bestI))) {
                    overlap = HullLp.intersects(rows(x, merged), rows(x, clusters.get(k)));
                }
            }
            if (overlap) {
                rejected.add(Set.of(clusters.get(bestI), clusters.get(bestJ)));
            } else {
                int label = clusterLabel.get(bestI);
                clusters.remove(bestJ);
                clusterLabel.remove(bestJ);
                clusters.remove(bestI);
                clusterLabel.remove(bestI);
                clusters.add(merged);
                clusterLabel.add(label);
            }
        }
    }

    static double[][] rows(double[][] x, List<Integer> rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            out[i] = x[rows.get(i)];
        }
        return out;
    }

    /** The centroid distance exactly as the engine computes it (float rows summed in double). */
    private static double centroidDistance(double[][] x, List<Integer> a, List<Integer> b) {
        int d = x[0].length;
        double sum = 0;
        for (int k = 0; k < d; k++) {
            double ca = 0;
            for (int r : a) {
                ca += (float) x[r][k];
            }
            double cb = 0;
            for (int r : b) {
                cb += (float) x[r][k];
            }
            double diff = ca / a.size() - cb / b.size();
            sum += diff * diff;
        }
        return Math.sqrt(sum);
    }
}
