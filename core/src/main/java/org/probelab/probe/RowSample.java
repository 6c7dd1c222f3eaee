package org.probelab.probe;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.probelab.represent.LabelledVectors;

/** A seeded random subset of rows, in their original order. */
final class RowSample {
    private RowSample() {
    }

    /** {@code rows} rows of {@code data} drawn without replacement, or {@code data} itself if it has no more. */
    static LabelledVectors of(LabelledVectors data, int rows, long seed) {
        if (rows >= data.rows()) {
            return data;
        }
        int[] order = new int[data.rows()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        for (int i = 0; i < rows; i++) {
            int j = i + random.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] chosen = Arrays.copyOf(order, rows);
        Arrays.sort(chosen);
        int dim = data.dim();
        FloatBuffer vectors = FloatBuffer.allocate(rows * dim);
        List<String> labels = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            vectors.put(data.vectors().slice(chosen[i] * dim, dim));
            labels.add(data.labels().get(chosen[i]));
        }
        return new LabelledVectors(dim, vectors.flip(), labels);
    }
}
