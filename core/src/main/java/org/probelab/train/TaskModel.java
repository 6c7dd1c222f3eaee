package org.probelab.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.DeviceOptions;
import org.probelab.model.PretrainedModel;
import org.probelab.probe.LabelSet;
import org.probelab.train.SavedHead.Loaded;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A fine-tuned snapshot with its task head ({@link SavedHead}), open for inference with dropout off:
 * the teacher of a self-distillation stage, the sentence classifier that scores tokens for selective
 * masking, the tagger that marks them. One graph and session serve every call until it is closed.
 */
public final class TaskModel implements AutoCloseable {
    private final PretrainedModel model;
    private final SavedHead head;
    private final BertModel bert;
    private final FineTuneGraph graph;

    private TaskModel(PretrainedModel model, Loaded head, DeviceOptions device) {
        this.model = model;
        this.head = head.head();
        FineTuneSettings settings = FineTuneSettings.DEFAULTS.toBuilder().lastLayers(this.head.lastLayers()).build();
        this.bert = BertModel.create(model.config(), model.weights(), device, BertGraph.Dropout.SWITCHABLE);
        try {
            this.graph = new FineTuneGraph(bert, this.head.kind(), this.head.labels().size(), settings, null, false);
            new VariableValues(bert.session(), Ops.create(graph.bert.inputIds().env()), graph.headVariables)
                    .write(head.tensors(), SavedHead.TENSORS);
        } catch (RuntimeException e) {
            bert.close();
            throw e;
        }
    }

    /**
     * The model in {@code snapshot}, its encoder already loaded as {@code model}.
     *
     * @param stage names the stage in the error raised when {@code snapshot} has no task head
     */
    public static TaskModel open(PretrainedModel model, Path snapshot, String stage, DeviceOptions device)
            throws IOException {
        return new TaskModel(model, SavedHead.read(snapshot, stage), device);
    }

    public SavedHead head() {
        return head;
    }

    /** The head's classes as a label set, in the head's index order. */
    public LabelSet labels() {
        return LabelSet.ofTraining(head.labels());
    }

    public PretrainedModel model() {
        return model;
    }

    /** {@code id@checksum} of the encoder, for provenance. */
    public String describe() {
        return model.id() + "@" + model.checksum();
    }

    /**
     * Per example, the head's logits of its rows ({@code rows * classes}, row-major).
     *
     * @param microBatchTokens padded tokens one forward pass may hold
     */
    public float[][] logits(List<TrainingExample> examples, int padId, int microBatchTokens) {
        float[][] out = new float[examples.size()][];
        int classes = head.labels().size();
        int[] all = new int[examples.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (int[] members : BatchPlan.microBatches(examples, all, microBatchTokens)) {
            try (HeadBatch batch = new HeadBatch(examples, members, graph.kind, head.wordPooling(), padId, 1f);
                 Result r = batch.feed(bert.session(), graph).fetch(graph.logits).run()) {
                float[] values = new float[batch.rows * classes];
                ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(values);
                int at = 0;
                for (int m : members) {
                    int length = examples.get(m).rows() * classes;
                    out[m] = Arrays.copyOfRange(values, at, at + length);
                    at += length;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        bert.close();
    }
}
