package org.probelab.geometry;

import java.util.List;
import java.util.Map;

/**
 * What DirectProbe found in one labelled space: plain records (lists, arrays, numbers, strings) that
 * serialise as they are.
 *
 * @param provenance       what was clustered, with which options and versions
 * @param labels           the training labels, sorted
 * @param clusters         the final clusters, by label then size (largest first); ids are list positions
 * @param linear           as many clusters as labels: the labels are linearly separable as they stand
 * @param conflicts        training rows within the tolerance of a row of another label
 * @param clusterDistances hull-to-hull distance between clusters {@code i} and {@code j} of different labels
 *                         ({@code [i][j]}, 0 when they overlap; NaN for the same label)
 * @param labelPairs       per label pair, the mean distance over its pairs of clusters larger than
 *                         {@link DirectProbeOptions#smallCluster()} points
 * @param labelMinimum     per label, its smallest distance to another label over the same clusters
 * @param prediction       nearest-hull prediction of the test rows, or null without test rows
 * @param statistics       the work done
 */
public record DirectProbeResult(Provenance provenance, List<String> labels, List<Cluster> clusters, boolean linear,
        List<Conflict> conflicts, double[][] clusterDistances, List<LabelPair> labelPairs,
        List<LabelMinimum> labelMinimum, Prediction prediction, Statistics statistics) {

    /**
     * @param trainChecksum SHA-256 of the training vectors (float32 little-endian) and labels
     * @param testChecksum  the same for the test rows, or null
     * @param droppedRows   training rows dropped as conflicts
     * @param versions      {@link org.probelab.Versions#all()}
     * @param started       ISO-8601 start time
     */
    public record Provenance(String algorithm, int trainRows, int dim, String trainChecksum, int testRows,
            String testChecksum, DirectProbeOptions options, int droppedRows, Map<String, String> versions,
            String started) {
    }

    /** @param rows the training rows in the cluster, ascending */
    public record Cluster(String label, int size, int[] rows) {
    }

    /** A training row with a row of another label within the tolerance (its nearest such row). */
    public record Conflict(int row, String label, int otherRow, String otherLabel, double distance) {
    }

    public record LabelPair(String first, String second, double meanDistance, int clusterPairs) {
    }

    /** @param nearest the label at that distance (null when the label has no cluster counted) */
    public record LabelMinimum(String label, double distance, String nearest) {
    }

    /**
     * @param predicted the nearest cluster's label per test row
     * @param cluster   the nearest cluster's id per test row (the search stops as soon as every other hull
     *                  is certified farther, so the distance itself is not computed to the gap)
     */
    public record Prediction(int rows, double accuracy, List<String> predicted, int[] cluster) {
    }

    /**
     * @param hullSolves     nearest-point problems solved (label pairs, merge checks, distances, prediction)
     * @param gramRows       Gram rows computed by those solves
     * @param undecided      solves that hit the iteration limit (a merge so checked is not made)
     * @param mergesTried    merges checked in the simulated components
     * @param mergesRejected of those, merges refused for an overlap
     * @param simulatedRows  rows whose labels needed the merge simulation (others were certified free)
     * @param seconds        wall time per phase
     */
    public record Statistics(long hullSolves, long gramRows, long undecided, long mergesTried, long mergesRejected,
            int simulatedRows, Map<String, Double> seconds) {
    }

    public int clusterCount() {
        return clusters.size();
    }

    public int labelCount() {
        return labels.size();
    }
}
