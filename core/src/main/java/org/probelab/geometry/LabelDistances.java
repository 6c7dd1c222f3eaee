package org.probelab.geometry;

import java.util.List;

/**
 * The label-level summaries of cluster distances, as the reference analysis makes them: clusters of at
 * most {@code smallCluster} points are left out; per label pair the mean over its remaining cluster
 * pairs; per label the smallest distance to a cluster of another label.
 */
final class LabelDistances {
    private LabelDistances() {
    }

    static void summarise(List<String> labels, List<int[]> clusters, int[] clusterLabel, double[][] distance,
            int smallCluster, List<DirectProbeResult.LabelPair> pairs, List<DirectProbeResult.LabelMinimum> minima) {
        int l = labels.size();
        double[][] sum = new double[l][l];
        int[][] count = new int[l][l];
        double[] minimum = new double[l];
        int[] nearest = new int[l];
        java.util.Arrays.fill(minimum, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(nearest, -1);
        for (int i = 0; i < clusters.size(); i++) {
            if (clusters.get(i).length <= smallCluster) {
                continue;
            }
            for (int j = i + 1; j < clusters.size(); j++) {
                if (clusters.get(j).length <= smallCluster || clusterLabel[i] == clusterLabel[j]) {
                    continue;
                }
                int a = Math.min(clusterLabel[i], clusterLabel[j]);
                int b = Math.max(clusterLabel[i], clusterLabel[j]);
                double d = distance[i][j];
                sum[a][b] += d;
                count[a][b]++;
                for (int[] side : new int[][] {{a, b}, {b, a}}) {
                    if (d < minimum[side[0]]) {
                        minimum[side[0]] = d;
                        nearest[side[0]] = side[1];
                    }
                }
            }
        }
        for (int a = 0; a < l; a++) {
            for (int b = a + 1; b < l; b++) {
                if (count[a][b] > 0) {
                    pairs.add(new DirectProbeResult.LabelPair(labels.get(a), labels.get(b), sum[a][b] / count[a][b],
                            count[a][b]));
                }
            }
        }
        for (int a = 0; a < l; a++) {
            minima.add(new DirectProbeResult.LabelMinimum(labels.get(a),
                    nearest[a] < 0 ? Double.NaN : minimum[a], nearest[a] < 0 ? null : labels.get(nearest[a])));
        }
    }
}
