package org.probelab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.probelab.model.BertGraph;
import org.probelab.model.BertModel;
import org.probelab.model.StatelessDropout;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A task head, its loss and the optimizer, built on a BERT whose graph has switchable dropout.
 *
 * <p>Words and sentences are pooled by matrices fed with each batch ({@link HeadBatch}): row r of a
 * pooling matrix holds the weights of the subword positions (of the flattened [batch * seq] last layer)
 * that make up the r-th pooled vector — 1/n over a word's n subwords for the mean, 1 on the first subword
 * for the first-subword pooling. Token heads read one such vector per row, edge heads the head word's
 * and the dependent's side by side (head ⊕ dependent), sentence heads the pooler, the mean of the last
 * layer, or the last k layers' [CLS] vectors side by side. Then dropout and a dense layer give the logits.
 *
 * <p>The loss is softmax cross-entropy against one-hot labels (TensorFlow Java registers no gradient
 * for the sparse op), each row weighted by a fed weight: 1/rows of the whole batch when training, so
 * that the gradients of a batch split into passes add up to those of the batch's mean loss.
 *
 * <p>With a {@link Distillation}, each row's training loss mixes the teacher's softened distribution
 * (fed as the teacher's logits) with the gold label: α·T²·KL(softmax(z_t/T) ‖ softmax(z_s/T)) +
 * (1 − α)·CE(gold, z_s). The KL is written as the cross-entropy against the teacher's softened
 * distribution minus that distribution's own entropy, so both terms use the dense softmax cross-entropy,
 * whose gradient TensorFlow Java has. Dev evaluation keeps the gold cross-entropy ({@link #rowLosses}).
 *
 * <p>Built without training ({@code trainable = false}) it is a teacher: the same head and logits, no
 * gradients and no optimizer state.
 */
final class FineTuneGraph {
    /** Op index of the head's dropout, far above the encoder's own dropout ops. */
    private static final long HEAD_DROPOUT_OP = 1L << 20;

    final HeadKind kind;
    final int classes;
    final BertGraph bert;
    final Placeholder<TFloat32> poolFirst;
    final Placeholder<TFloat32> poolSecond;
    final Placeholder<TInt32> labels;
    final Placeholder<TFloat32> rowWeights;
    /** The teacher's logits [rows, classes], present with a {@link Distillation}. */
    final Placeholder<TFloat32> teacherLogits;
    final Operand<TFloat32> logits;
    /** Each row's gold cross-entropy. */
    final Operand<TFloat32> rowLosses;
    /** Each row's training loss: the gold cross-entropy, or the distillation mix. */
    final Operand<TFloat32> trainingRowLosses;
    final Operand<TFloat32> loss;
    final Operand<TInt64> predictions;
    final Map<String, Variable<TFloat32>> headVariables = new LinkedHashMap<>();
    final List<ParameterGroup> groups;
    final AdamW adam;
    final GradientUpdates updates;

    FineTuneGraph(BertModel model, HeadKind kind, int classes, FineTuneSettings settings) {
        this(model, kind, classes, settings, null, true);
    }

    /**
     * @param distillation null for plain fine-tuning
     * @param trainable    false for a teacher: logits only, no loss gradients or optimizer
     */
    FineTuneGraph(BertModel model, HeadKind kind, int classes, FineTuneSettings settings, Distillation distillation,
                  boolean trainable) {
        this.kind = kind;
        this.classes = classes;
        this.bert = model.graph();
        if (bert.training().isEmpty() || bert.dropoutSeed().isEmpty()) {
            throw new IllegalArgumentException("fine-tuning needs a model built with switchable dropout");
        }
        int layers = bert.config().numHiddenLayers();
        if (kind.sentenceFeature() == SentenceFeature.CONCAT_LAST && settings.lastLayers() > layers) {
            throw new IllegalArgumentException("fine-tuning setting lastLayers is " + settings.lastLayers()
                    + " but the model has only " + layers + " layers");
        }
        Ops tf = Ops.create(bert.inputIds().env()).withSubScope("finetune");
        poolFirst = tf.withName("pool_first").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        poolSecond = tf.withName("pool_second").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1)));
        labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        rowWeights = tf.withName("row_weights").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));

        Operand<TFloat32> features = features(tf, settings.lastLayers());
        int width = kind.featureWidth(bert.config().hiddenSize(), settings.lastLayers());
        Operand<TFloat32> training = tf.dtypes.cast(bert.training().get(), TFloat32.class);
        Operand<TFloat32> dropped = StatelessDropout.apply(tf, features, bert.config().hiddenDropoutProb(), training,
                HEAD_DROPOUT_OP, bert.dropoutSeed().get());
        Ops head = Ops.create(bert.inputIds().env()).withSubScope("head").withSubScope("dense");
        Variable<TFloat32> kernel = head.withName("kernel").variable(Shape.of(width, classes), TFloat32.class);
        Variable<TFloat32> bias = head.withName("bias").variable(Shape.of(classes), TFloat32.class);
        headVariables.put(kernel.op().name(), kernel);
        headVariables.put(bias.op().name(), bias);
        logits = tf.nn.biasAdd(tf.linalg.matMul(dropped, kernel), bias);

        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        rowLosses = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
        if (distillation == null) {
            teacherLogits = null;
            trainingRowLosses = rowLosses;
        } else {
            teacherLogits = tf.withName("teacher_logits").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, classes)));
            trainingRowLosses = distilled(tf, distillation, rowLosses);
        }
        loss = tf.reduceSum(tf.math.mul(trainingRowLosses, rowWeights), tf.constant(0));
        predictions = tf.math.argMax(logits, tf.constant(1));
        if (!trainable) {
            groups = List.of();
            adam = null;
            updates = null;
            return;
        }

        groups = FineTuneGroups.of(bert.variables(), layers, List.copyOf(headVariables.values()),
                kind.sentenceFeature() == SentenceFeature.POOLER, settings);
        adam = AdamW.create(tf, groups, AdamW.Settings.bert(), settings.clipNorm());
        updates = new GradientUpdates(tf, bert, adam, loss);
    }

    /** α·T²·KL(softmax(z_t/T) ‖ softmax(z_s/T)) + (1 − α)·gold, per row. */
    private Operand<TFloat32> distilled(Ops tf, Distillation distillation, Operand<TFloat32> gold) {
        Operand<TFloat32> temperature = tf.constant(distillation.temperature());
        Operand<TFloat32> teacherSoft = tf.math.div(teacherLogits, temperature);
        Operand<TFloat32> target = tf.nn.softmax(teacherSoft);
        Operand<TFloat32> crossEntropy = tf.nn.softmaxCrossEntropyWithLogits(tf.math.div(logits, temperature),
                target).loss();
        Operand<TFloat32> entropy = tf.nn.softmaxCrossEntropyWithLogits(teacherSoft, target).loss();
        float alpha = distillation.alpha();
        float t = distillation.temperature();
        return tf.math.add(tf.math.mul(tf.constant(alpha * t * t), tf.math.sub(crossEntropy, entropy)),
                tf.math.mul(tf.constant(1f - alpha), gold));
    }

    /** The head's input: [rows, featureWidth]. */
    private Operand<TFloat32> features(Ops tf, int lastLayers) {
        int hidden = bert.config().hiddenSize();
        List<Operand<TFloat32>> states = bert.hiddenStates();
        Operand<TFloat32> last = tf.reshape(states.get(states.size() - 1), tf.constant(new int[] {-1, hidden}));
        return switch (kind) {
            case TOKEN -> tf.linalg.matMul(poolFirst, last);
            case EDGE -> tf.concat(List.of(tf.linalg.matMul(poolFirst, last), tf.linalg.matMul(poolSecond, last)),
                    tf.constant(1));
            case SENTENCE_POOLER -> bert.pooledOutput();
            case SENTENCE_MEAN -> tf.linalg.matMul(poolFirst, last);
            case SENTENCE_CONCAT_LAST -> {
                List<Operand<TFloat32>> cls = new ArrayList<>();
                for (int k = states.size() - lastLayers; k < states.size(); k++) {
                    cls.add(tf.stridedSlice(states.get(k), Indices.all(), Indices.at(0), Indices.all()));
                }
                yield tf.concat(cls, tf.constant(1));
            }
        };
    }

    /** Every variable a checkpoint holds, by name: BERT's, the head's, the optimizer's moments and step. */
    Map<String, Variable<TFloat32>> checkpointVariables() {
        Map<String, Variable<TFloat32>> all = new LinkedHashMap<>(bert.variables());
        all.putAll(headVariables);
        all.putAll(adam.stateVariables());
        return all;
    }
}
