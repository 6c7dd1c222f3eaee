package org.probelab.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.DeviceOptions;
import org.probelab.model.PretrainedModel;
import org.probelab.train.SavedHead.Loaded;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A fine-tuned snapshot with its task head ({@link SavedHead}), giving the logits a student learns from.
 * The logits are computed once, before the student trains, with dropout off: the same for every epoch
 * and for a resumed run.
 */
final class Teacher {
    private final PretrainedModel model;
    private final Loaded head;

    private Teacher(PretrainedModel model, Loaded head) {
        this.model = model;
        this.head = head;
    }

    /** The teacher in {@code snapshot} (its encoder already loaded as {@code model}). */
    static Teacher of(PretrainedModel model, Path snapshot, String stage) throws IOException {
        return new Teacher(model, SavedHead.read(snapshot, stage));
    }

    SavedHead head() {
        return head.head();
    }

    String describe() {
        return model.id() + "@" + model.checksum();
    }

    /** Per example, the head's logits of its rows ({@code rows * classes}, row-major). */
    float[][] logits(List<TrainingExample> examples, int padId, FineTuneSettings settings, DeviceOptions device) {
        float[][] out = new float[examples.size()][];
        int classes = head.head().labels().size();
        try (BertModel bert = BertModel.create(model.config(), model.weights(), device, BertGraph.Dropout.SWITCHABLE)) {
            FineTuneGraph graph = new FineTuneGraph(bert, head.head().kind(), classes, settings, null, false);
            new VariableValues(bert.session(), Ops.create(graph.bert.inputIds().env()), graph.headVariables)
                    .write(head.tensors(), SavedHead.TENSORS);
            int[] all = new int[examples.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            for (int[] members : BatchPlan.microBatches(examples, all, settings.microBatchTokens())) {
                try (HeadBatch batch = new HeadBatch(examples, members, graph.kind, head.head().wordPooling(), padId,
                        1f);
                     Result r = batch.feed(bert.session(), graph).fetch(graph.logits).run()) {
                    float[] values = new float[batch.rows * classes];
                    ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(values);
                    int at = 0;
                    for (int m : members) {
                        int length = examples.get(m).rows() * classes;
                        out[m] = java.util.Arrays.copyOfRange(values, at, at + length);
                        at += length;
                    }
                }
            }
        }
        return out;
    }
}
