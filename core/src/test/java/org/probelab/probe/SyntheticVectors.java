package org.probelab.probe;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.probelab.represent.LabelledVectors;

/** Small deterministic probing problems for tests. */
final class SyntheticVectors {
    /** Points around one random centre per class; labels "c0", "c1", ... */
    static final class Clusters {
        final int classes;
        final int dim;
        final float[][] centres;

        Clusters(int classes, int dim, long seed) {
            this.classes = classes;
            this.dim = dim;
            Random random = new Random(seed);
            centres = new float[classes][dim];
            for (float[] centre : centres) {
                for (int d = 0; d < dim; d++) {
                    centre[d] = (float) (3 * random.nextGaussian());
                }
            }
        }

        LabelledVectors sample(int rows, long seed) {
            Random random = new Random(seed);
            FloatBuffer vectors = FloatBuffer.allocate(rows * dim);
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                int c = random.nextInt(classes);
                for (int d = 0; d < dim; d++) {
                    vectors.put(i * dim + d, centres[c][d] + (float) random.nextGaussian());
                }
                labels.add("c" + c);
            }
            return new LabelledVectors(dim, vectors, labels);
        }
    }

    /**
     * Two informative coordinates uniform in [-1, 1] labelled by the sign of their product (not
     * linearly separable), plus {@code noiseDims} small noise coordinates.
     */
    static LabelledVectors xor(int rows, int noiseDims, long seed) {
        Random random = new Random(seed);
        int dim = 2 + noiseDims;
        FloatBuffer vectors = FloatBuffer.allocate(rows * dim);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            float a = 2 * random.nextFloat() - 1;
            float b = 2 * random.nextFloat() - 1;
            vectors.put(i * dim, a);
            vectors.put(i * dim + 1, b);
            for (int d = 2; d < dim; d++) {
                vectors.put(i * dim + d, 0.1f * (float) random.nextGaussian());
            }
            labels.add(a * b > 0 ? "same" : "different");
        }
        return new LabelledVectors(dim, vectors, labels);
    }

    /** The same vectors with their labels randomly permuted: nothing left to learn that generalises. */
    static LabelledVectors shuffledLabels(LabelledVectors data, long seed) {
        List<String> labels = new ArrayList<>(data.labels());
        Collections.shuffle(labels, new Random(seed));
        return new LabelledVectors(data.dim(), data.vectors(), labels);
    }

    /** {@code data} with label {@code label} at the given rows. */
    static LabelledVectors relabel(LabelledVectors data, String label, int... rows) {
        List<String> labels = new ArrayList<>(data.labels());
        for (int row : rows) {
            labels.set(row, label);
        }
        return new LabelledVectors(data.dim(), data.vectors(), labels);
    }

    /** {@code data} with {@code value} written at one component. */
    static LabelledVectors withValue(LabelledVectors data, int row, int component, float value) {
        FloatBuffer copy = FloatBuffer.allocate(data.rows() * data.dim());
        copy.put(data.vectors().slice(0, data.rows() * data.dim())).flip();
        copy.put(row * data.dim() + component, value);
        return new LabelledVectors(data.dim(), copy, data.labels());
    }

    /**
     * Linearly separable by construction: standard normal points labelled "s0".."s{k-1}" by the
     * largest score of a fixed random linear map, keeping only points whose best score beats the
     * runner-up by at least {@code margin}.
     */
    static LabelledVectors separable(int classes, int dim, int rows, double margin, long seed) {
        Random directions = new Random(7);
        double[][] map = new double[classes][dim];
        for (double[] row : map) {
            for (int d = 0; d < dim; d++) {
                row[d] = directions.nextGaussian();
            }
        }
        Random random = new Random(seed);
        FloatBuffer vectors = FloatBuffer.allocate(rows * dim);
        List<String> labels = new ArrayList<>();
        float[] x = new float[dim];
        while (labels.size() < rows) {
            for (int d = 0; d < dim; d++) {
                x[d] = (float) random.nextGaussian();
            }
            int best = 0;
            double first = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double score = 0;
                for (int d = 0; d < dim; d++) {
                    score += map[c][d] * x[d];
                }
                if (score > first) {
                    second = first;
                    first = score;
                    best = c;
                } else if (score > second) {
                    second = score;
                }
            }
            if (first - second >= margin) {
                vectors.put(x);
                labels.add("s" + best);
            }
        }
        return new LabelledVectors(dim, vectors.flip(), labels);
    }

    /** {@code data} with {@code offset} added to every component: a large shared direction, as in [CLS] vectors. */
    static LabelledVectors shifted(LabelledVectors data, float offset) {
        FloatBuffer copy = FloatBuffer.allocate(data.rows() * data.dim());
        for (int i = 0; i < data.rows() * data.dim(); i++) {
            copy.put(i, data.vectors().get(i) + offset);
        }
        return new LabelledVectors(data.dim(), copy, data.labels());
    }

    /** {@code data} with every component multiplied by {@code factor}. */
    static LabelledVectors scaled(LabelledVectors data, float factor) {
        FloatBuffer copy = FloatBuffer.allocate(data.rows() * data.dim());
        for (int i = 0; i < data.rows() * data.dim(); i++) {
            copy.put(i, data.vectors().get(i) * factor);
        }
        return new LabelledVectors(data.dim(), copy, data.labels());
    }

    private SyntheticVectors() {
    }
}
