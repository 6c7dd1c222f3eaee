package org.probelab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.probelab.train.mlm.MaskedSequence;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The feeds of one forward pass over masked sequences: padded ids and attention mask, the masked
 * positions (row-major into [batch * seq]), their targets and loss weights.
 */
final class MlmBatch implements AutoCloseable {
    final int rows;
    final int[] targets;
    private final List<Tensor> tensors = new ArrayList<>();
    private final TInt32 ids;
    private final TInt32 mask;
    private final TInt32 positionTensor;
    private final TInt32 targetTensor;
    private final TFloat32 weights;

    /** @param rowWeight each masked position's weight in the loss (1 / masked positions of the whole step) */
    MlmBatch(List<MaskedSequence> members, int padId, float rowWeight) {
        int b = members.size();
        int seq = 0;
        int total = 0;
        for (MaskedSequence m : members) {
            seq = Math.max(seq, m.inputIds().length);
            total += m.positions().length;
        }
        rows = total;
        int[] idValues = new int[b * seq];
        int[] maskValues = new int[b * seq];
        Arrays.fill(idValues, padId);
        int[] positions = new int[total];
        targets = new int[total];
        int r = 0;
        for (int i = 0; i < b; i++) {
            MaskedSequence m = members.get(i);
            System.arraycopy(m.inputIds(), 0, idValues, i * seq, m.inputIds().length);
            Arrays.fill(maskValues, i * seq, i * seq + m.inputIds().length, 1);
            for (int k = 0; k < m.positions().length; k++, r++) {
                positions[r] = i * seq + m.positions()[k];
                targets[r] = m.targets()[k];
            }
        }
        float[] weightValues = new float[total];
        Arrays.fill(weightValues, rowWeight);
        ids = keep(TInt32.tensorOf(Shape.of(b, seq), DataBuffers.of(idValues, true, false)));
        mask = keep(TInt32.tensorOf(Shape.of(b, seq), DataBuffers.of(maskValues, true, false)));
        positionTensor = keep(TInt32.tensorOf(Shape.of(total), DataBuffers.of(positions, true, false)));
        targetTensor = keep(TInt32.tensorOf(Shape.of(total), DataBuffers.of(targets, true, false)));
        weights = keep(TFloat32.tensorOf(Shape.of(total), DataBuffers.of(weightValues, true, false)));
    }

    private <T extends Tensor> T keep(T tensor) {
        tensors.add(tensor);
        return tensor;
    }

    Session.Runner feed(Session session, MlmGraph graph) {
        return session.runner()
                .feed(graph.bert.inputIds(), ids)
                .feed(graph.bert.inputMask(), mask)
                .feed(graph.positions, positionTensor)
                .feed(graph.targets, targetTensor)
                .feed(graph.rowWeights, weights);
    }

    @Override
    public void close() {
        tensors.forEach(Tensor::close);
    }
}
