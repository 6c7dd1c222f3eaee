package org.probelab.geometry;

import java.util.List;
import java.util.Map;

/**
 * What a run keeps of a {@link DirectProbeResult}: everything but the per-row lists (cluster members,
 * predicted rows) and the cluster × cluster distance matrix, which grow with the data (at BERT-base layer 0 of
 * UD EWT, 3,434 conflicting rows stay singletons: a matrix of 12 M distances).
 *
 * @param clusters   label and size of each final cluster, in the result's order
 * @param prediction nearest-hull accuracy on the test rows, or null when none were predicted
 */
public record DirectProbeSummary(DirectProbeResult.Provenance provenance, List<String> labels,
        List<ClusterSize> clusters, boolean linear, List<DirectProbeResult.Conflict> conflicts,
        List<DirectProbeResult.LabelPair> labelPairs, List<DirectProbeResult.LabelMinimum> labelMinimum,
        PredictionScore prediction, DirectProbeResult.Statistics statistics) {
    public DirectProbeSummary {
        labels = List.copyOf(labels);
        clusters = List.copyOf(clusters);
        conflicts = List.copyOf(conflicts);
        labelPairs = List.copyOf(labelPairs);
        labelMinimum = List.copyOf(labelMinimum);
    }

    public record ClusterSize(String label, int size) {
    }

    public record PredictionScore(int rows, double accuracy) {
    }

    public static DirectProbeSummary of(DirectProbeResult result) {
        DirectProbeResult.Prediction p = result.prediction();
        return new DirectProbeSummary(result.provenance(), result.labels(),
                result.clusters().stream().map(c -> new ClusterSize(c.label(), c.size())).toList(), result.linear(),
                result.conflicts(), result.labelPairs(), result.labelMinimum(),
                p == null ? null : new PredictionScore(p.rows(), p.accuracy()), result.statistics());
    }

    public int clusterCount() {
        return clusters.size();
    }

    public int labelCount() {
        return labels.size();
    }

    /** Clusters per label, in label order. */
    public Map<String, Long> clustersPerLabel() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        labels.forEach(l -> out.put(l, 0L));
        clusters.forEach(c -> out.merge(c.label(), 1L, Long::sum));
        return out;
    }

    /** The mean cluster distance of every label pair, as the input of a spatial-similarity correlation. */
    public LabelPairDistances labelPairDistances() {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        labelPairs.forEach(p -> out.put(LabelPairDistances.pair(p.first(), p.second()), p.meanDistance()));
        return new LabelPairDistances(out);
    }
}
