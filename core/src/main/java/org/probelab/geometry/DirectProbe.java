package org.probelab.geometry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.probelab.Progress;
import org.probelab.Versions;
import org.probelab.represent.LabelledVectors;

/**
 * DirectProbe (Zhou &amp; Srikumar, NAACL 2021) on one layer's cached vectors: how many clusters the labelled
 * space needs to stay linearly separable, how far the clusters of different labels are apart, and how well
 * the nearest cluster predicts held-out rows.
 *
 * <pre>{@code
 * Representations cache = ...;
 * DirectProbeResult r = DirectProbe.run(cache.layer(Split.TRAIN, 12), cache.layer(Split.TEST, 12),
 *         DirectProbeOptions.DEFAULTS);
 * r.clusterCount(); r.linear(); r.labelPairs(); r.prediction().accuracy();
 * }</pre>
 *
 * <p>The clustering is the paper's, exactly (see {@link MergeSearch}); overlap means a hull distance at
 * most {@link DirectProbeOptions#tolerance()}, decided by a nearest-point solver with certificates
 * ({@link HullSolver}). Pure Java: no LP solver, no n × n matrix.
 */
public final class DirectProbe {
    /** Named in the provenance, so a result is traced to the method that produced it. */
    public static final String ALGORITHM = "directprobe: greedy closest-centroid merges, nearest-point hull "
            + "checks with separating-hyperplane certificates";

    private DirectProbe() {
    }

    /** Clusters {@code train} and reports distances; no prediction. */
    public static DirectProbeResult run(LabelledVectors train, DirectProbeOptions options) {
        return run(train, null, options, Progress.NONE);
    }

    /** Clusters {@code train}, reports distances, and predicts {@code test} (may be null) by nearest hull. */
    public static DirectProbeResult run(LabelledVectors train, LabelledVectors test, DirectProbeOptions options) {
        return run(train, test, options, Progress.NONE);
    }

    /**
     * Clusters {@code train}, reports distances, and predicts {@code test} (may be null) by nearest hull, telling
     * {@code progress} how each phase goes: the label-pair screening, the merges (made, of at most one per
     * simulated row), the cluster distances and the test rows. A report that throws (a stop asked for, see
     * {@code Interruption.checking}) ends the run there.
     *
     * @throws IllegalArgumentException for empty training data, non-finite values (naming the row), or test
     *                                  vectors of another dimension
     */
    public static DirectProbeResult run(LabelledVectors train, LabelledVectors test, DirectProbeOptions options,
            Progress progress) {
        String started = Instant.now().toString();
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();
        if (train.rows() == 0) {
            throw new IllegalArgumentException("DirectProbe needs at least one training row, got none");
        }
        if (test != null && test.dim() != train.dim()) {
            throw new IllegalArgumentException("test vectors have dimension " + test.dim() + ", training vectors "
                    + train.dim() + "; use the same layer of the same model for both");
        }
        PointMatrix all = PointMatrix.of(train, "training");
        List<String> labels = List.copyOf(new TreeSet<>(train.labels()));
        Map<String, Integer> labelIndex = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            labelIndex.put(labels.get(i), i);
        }
        int[] allLabels = train.labels().stream().mapToInt(labelIndex::get).toArray();

        double[] conflictDistance = new double[all.rows];
        int[] twin = NearDuplicates.find(all, allLabels, options.tolerance(), conflictDistance);
        List<DirectProbeResult.Conflict> conflicts = new ArrayList<>();
        for (int i = 0; i < all.rows; i++) {
            if (twin[i] >= 0) {
                conflicts.add(new DirectProbeResult.Conflict(i, labels.get(allLabels[i]), twin[i],
                        labels.get(allLabels[twin[i]]), conflictDistance[i]));
            }
        }
        int[] kept = java.util.stream.IntStream.range(0, all.rows)
                .filter(i -> !(options.dropConflicts() && twin[i] >= 0)).toArray();
        PointMatrix points = kept.length == all.rows ? all : all.select(kept);
        int[] pointLabels = new int[kept.length];
        boolean[] poisoned = new boolean[kept.length];
        for (int i = 0; i < kept.length; i++) {
            pointLabels[i] = allLabels[kept[i]];
            poisoned[i] = twin[kept[i]] >= 0;
        }
        seconds.put("conflicts", since(t));

        t = System.nanoTime();
        MergeSearch.Counters counters = new MergeSearch.Counters();
        HullSolver.Stop decision = HullSolver.Stop.decision(options.tolerance(), options.maxIterations());
        HullSolver.Stop distance = HullSolver.Stop.distance(options.tolerance(), options.relativeGap(),
                options.maxIterations());
        try (Parallel parallel = new Parallel(options.threads())) {
            List<int[]> found = points.rows == 0 ? List.of()
                    : new MergeSearch(points, pointLabels, labels.size(), poisoned, decision, counters, parallel,
                            progress).run();
            List<int[]> clusters = new ArrayList<>(found);
            clusters.sort(Comparator.<int[]>comparingInt(c -> pointLabels[c[0]])
                    .thenComparing(c -> -c.length).thenComparingInt(c -> c[0]));
            int[] clusterLabel = clusters.stream().mapToInt(c -> pointLabels[c[0]]).toArray();
            seconds.put("clusters", since(t));

            t = System.nanoTime();
            ClusterHull[] hulls = new ClusterHull[clusters.size()];
            parallel.forEach(clusters.size(), c -> {
                if (clusters.get(c).length > 1) {
                    hulls[c] = new ClusterHull(points, clusters.get(c));
                }
            });
            ClusterDistances distances = new ClusterDistances(points, clusters, clusterLabel, hulls, distance,
                    counters, parallel, progress);
            List<DirectProbeResult.LabelPair> labelPairs = new ArrayList<>();
            List<DirectProbeResult.LabelMinimum> minima = new ArrayList<>();
            LabelDistances.summarise(labels, clusters, clusterLabel, distances.distance, options.smallCluster(),
                    labelPairs, minima);
            seconds.put("distances", since(t));

            DirectProbeResult.Prediction prediction = null;
            String testChecksum = null;
            if (test != null) {
                t = System.nanoTime();
                PointMatrix testPoints = PointMatrix.of(test, "test");
                int[] nearest = new int[testPoints.rows];
                if (!clusters.isEmpty()) {
                    try (NearestHull nearestHull = new NearestHull(points, clusters, hulls, distances.halfSpaces,
                            distance, counters)) {
                        nearest = nearestHull.predict(testPoints, parallel,
                                new PhaseProgress(progress, "directprobe test rows", testPoints.rows));
                    }
                }
                List<String> predicted = new ArrayList<>(testPoints.rows);
                int correct = 0;
                for (int i = 0; i < testPoints.rows; i++) {
                    String label = clusters.isEmpty() ? null : labels.get(clusterLabel[nearest[i]]);
                    predicted.add(label);
                    if (label != null && label.equals(test.labels().get(i))) {
                        correct++;
                    }
                }
                double accuracy = testPoints.rows == 0 ? Double.NaN : (double) correct / testPoints.rows;
                prediction = new DirectProbeResult.Prediction(testPoints.rows, accuracy, predicted, nearest);
                testChecksum = checksum(testPoints, test.labels());
                seconds.put("prediction", since(t));
            }

            List<DirectProbeResult.Cluster> out = new ArrayList<>();
            for (int c = 0; c < clusters.size(); c++) {
                int[] rows = clusters.get(c).clone();
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = kept[rows[i]];
                }
                java.util.Arrays.sort(rows);
                out.add(new DirectProbeResult.Cluster(labels.get(clusterLabel[c]), rows.length, rows));
            }
            long labelsWithRows = java.util.Arrays.stream(pointLabels).distinct().count();
            DirectProbeResult.Provenance provenance = new DirectProbeResult.Provenance(ALGORITHM, all.rows, all.dim,
                    checksum(all, train.labels()), test == null ? 0 : test.rows(), testChecksum, options,
                    all.rows - kept.length, Versions.all(), started);
            DirectProbeResult.Statistics statistics = new DirectProbeResult.Statistics(counters.hullSolves.get(),
                    counters.gramRows.get(), counters.undecided.get(), counters.mergesTried.get(),
                    counters.mergesRejected.get(), counters.simulatedRows.get(), seconds);
            return new DirectProbeResult(provenance, labels, out, out.size() == labelsWithRows, conflicts,
                    distances.distance, labelPairs, minima, prediction, statistics);
        }
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** SHA-256 over the float32 little-endian vectors, then the labels one per line. */
    static String checksum(PointMatrix points, List<String> labels) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer bytes = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < points.data.length; i++) {
                if (!bytes.hasRemaining()) {
                    digest.update(bytes.array(), 0, bytes.position());
                    bytes.clear();
                }
                bytes.putFloat(points.data[i]);
            }
            digest.update(bytes.array(), 0, bytes.position());
            for (String label : labels) {
                digest.update((label + "\n").getBytes(StandardCharsets.UTF_8));
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : digest.digest()) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
