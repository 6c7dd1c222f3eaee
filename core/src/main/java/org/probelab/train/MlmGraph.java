package org.probelab.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.BertNames;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The masked-LM objective and its optimizer on a BERT with switchable dropout. The masked positions are
 * gathered from the last layer ([batch * seq, hidden]) before the MLM head, so the transform and the
 * 30k-way projection onto the tied word embeddings run on the ~15% of positions that are predicted,
 * not on all of them. Softmax cross-entropy against one-hot targets (TensorFlow Java has no gradient for
 * the sparse op), each row weighted by a fed weight (1 / masked positions of the whole step). Every
 * weight trains but the pooler, which the objective does not reach (no next-sentence task, as RoBERTa).
 */
final class MlmGraph {
    final BertGraph bert;
    /** Masked positions as indices into the flattened [batch * seq] positions. */
    final Placeholder<TInt32> positions;
    final Placeholder<TInt32> targets;
    final Placeholder<TFloat32> rowWeights;
    final Operand<TFloat32> rowLosses;
    final Operand<TFloat32> loss;
    final Operand<TInt64> predictions;
    final List<ParameterGroup> groups;
    final AdamW adam;
    final GradientUpdates updates;

    MlmGraph(BertModel model, MlmSettings settings) {
        this.bert = model.graph();
        if (bert.training().isEmpty() || bert.dropoutSeed().isEmpty()) {
            throw new IllegalArgumentException("masked-LM training needs a model built with switchable dropout");
        }
        Ops tf = Ops.create(bert.inputIds().env()).withSubScope("mlm");
        positions = tf.withName("positions").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        targets = tf.withName("targets").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        rowWeights = tf.withName("row_weights").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
        int hidden = bert.config().hiddenSize();
        List<Operand<TFloat32>> states = bert.hiddenStates();
        Operand<TFloat32> last = tf.reshape(states.get(states.size() - 1), tf.constant(new int[] {-1, hidden}));
        Operand<TFloat32> logits = bert.mlmHead().apply(tf.gather(last, positions, tf.constant(0)));
        int vocab = bert.config().vocabSize();
        Operand<TFloat32> oneHot = tf.oneHot(targets, tf.constant(vocab), tf.constant(1f), tf.constant(0f));
        rowLosses = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
        loss = tf.reduceSum(tf.math.mul(rowLosses, rowWeights), tf.constant(0));
        predictions = tf.math.argMax(logits, tf.constant(1));

        List<Variable<TFloat32>> trained = bert.variables().entrySet().stream()
                .filter(e -> !e.getKey().startsWith(BertNames.POOLER + "/")).map(Map.Entry::getValue).toList();
        groups = ParameterGroup.split("mlm/", trained, settings.weightDecay(), ParameterGroup.BERT_NO_DECAY, 1f);
        adam = AdamW.create(tf, groups, AdamW.Settings.bert(), settings.clipNorm());
        updates = new GradientUpdates(tf, bert, adam, loss);
    }

    /** Every variable a checkpoint holds, by name: BERT's (MLM head included), the optimizer's moments and step. */
    Map<String, Variable<TFloat32>> checkpointVariables() {
        Map<String, Variable<TFloat32>> all = new LinkedHashMap<>(bert.variables());
        all.putAll(adam.stateVariables());
        return all;
    }
}
