package org.probelab.model;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/** Test oracle: reads checkpoint tensors with TensorFlow's own RestoreV2 op. */
final class TfRestore {
    private TfRestore() {
    }

    /** The values of the checkpoint keys {@code keys} under {@code prefix}, flattened row-major. */
    static List<float[]> restore(Path prefix, String... keys) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            String[] slices = new String[keys.length];
            java.util.Arrays.fill(slices, "");
            List<Class<? extends TType>> types = new ArrayList<>(Collections.nCopies(keys.length, TFloat32.class));
            Restore restore = tf.train.restore(tf.constant(prefix.toString()), tf.constant(UTF_8, keys),
                    tf.constant(UTF_8, slices), types);
            Session.Runner runner = s.runner();
            restore.tensors().forEach(runner::fetch);
            List<float[]> values = new ArrayList<>();
            try (Result result = runner.run()) {
                for (int i = 0; i < keys.length; i++) {
                    TFloat32 t = (TFloat32) result.get(i);
                    float[] out = new float[(int) t.size()];
                    t.copyTo(DataBuffers.of(out, false, false));
                    values.add(out);
                }
            }
            return values;
        }
    }
}
