package org.probelab.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Builds BERT block by block, following Google's {@code modeling.py}: the same op sequence (LayerNorm
 * as mean / squared difference / rsqrt, tanh GELU via pow), so a checkpoint gives bit-identical
 * activations (training graphs write the GELU's cube as a product, see {@link #gelu}). Activations inside the
 * encoder are [batch * seq, hidden] matrices, as there.
 */
final class BertGraphBuilder {
    /** Added to the attention scores of padding positions, as in the original BERT. */
    private static final float MASKED_SCORE = -10000f;

    private final Ops tf;
    private final BertConfig config;
    private final BertGraph.Dropout dropoutMode;
    private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    private final Map<String, Variable<TBfloat16>> bf16Kernels = new LinkedHashMap<>();
    /** What the ops read each weight from: its float32 variable, or the float32 view of its bf16 variable. */
    private final Map<String, Operand<TFloat32>> weights = new LinkedHashMap<>();
    private final boolean kernelsInBf16;
    private final Map<String, Ops> scopes = new HashMap<>();
    private long dropoutOps;

    private Operand<TInt32> batchSize;
    private Operand<TInt32> seqLength;
    /** 1 while training, 0 otherwise; only with switchable dropout. */
    private Operand<TFloat32> trainingAsFloat;
    /** Fed per training step; each dropout op adds its own index to it. Only with switchable dropout. */
    private Operand<TInt64> dropoutSeed;

    BertGraphBuilder(Graph graph, BertConfig config, BertGraph.Dropout dropoutMode, boolean kernelsInBf16) {
        this.tf = Ops.create(graph);
        this.config = config;
        this.dropoutMode = dropoutMode;
        this.kernelsInBf16 = kernelsInBf16;
    }

    BertGraph build() {
        BertNames.shapes(config).forEach(this::createVariable);

        Placeholder<TInt32> inputIds = tf.withName("input_ids")
                .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        PlaceholderWithDefault<TInt32> tokenTypeIds = tf.withName("token_type_ids")
                .placeholderWithDefault(tf.zerosLike(inputIds), Shape.of(-1, -1));
        Placeholder<TInt32> inputMask = tf.withName("input_mask")
                .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        Optional<PlaceholderWithDefault<TBool>> training = Optional.empty();
        Optional<PlaceholderWithDefault<TInt64>> seed = Optional.empty();
        if (dropoutMode == BertGraph.Dropout.SWITCHABLE) {
            training = Optional.of(tf.withName("training").placeholderWithDefault(tf.constant(false), Shape.scalar()));
            trainingAsFloat = tf.dtypes.cast(training.get(), TFloat32.class);
            seed = Optional.of(tf.withName("dropout_seed").placeholderWithDefault(tf.constant(0L), Shape.scalar()));
            dropoutSeed = seed.get();
        }

        Operand<TInt32> inputShape = tf.shape(inputIds);
        batchSize = tf.gather(inputShape, tf.constant(0), tf.constant(0));
        seqLength = tf.gather(inputShape, tf.constant(1), tf.constant(0));

        List<Operand<TFloat32>> hiddenStates = new ArrayList<>();
        Operand<TFloat32> embedded = embeddings(inputIds, tokenTypeIds);
        hiddenStates.add(tf.withName("hidden_state_0").identity(embedded));

        Operand<TFloat32> scoreBias = attentionScoreBias(inputMask);
        Operand<TFloat32> x = tf.reshape(embedded, tf.constant(new int[] {-1, config.hiddenSize()}));
        for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
            x = transformerLayer(BertNames.layer(layer), x, scoreBias);
            hiddenStates.add(tf.withName("hidden_state_" + (layer + 1))
                    .reshape(x, batchSeqShape(config.hiddenSize())));
        }
        Operand<TFloat32> pooled = tf.withName("pooled_output")
                .identity(pooler(hiddenStates.get(config.numHiddenLayers())));
        Operand<TFloat32> mlmLogits = tf.withName("mlm_logits").reshape(mlmHead(x), batchSeqShape(config.vocabSize()));

        return new BertGraph(config, inputIds, tokenTypeIds, inputMask, training, seed,
                List.copyOf(hiddenStates), pooled, mlmLogits, this::mlmHead, Collections.unmodifiableMap(variables),
                Collections.unmodifiableMap(bf16Kernels), Collections.unmodifiableMap(weights));
    }

    /** word + token type + position embeddings, LayerNorm, dropout: [batch, seq, hidden]. */
    private Operand<TFloat32> embeddings(Operand<TInt32> inputIds, Operand<TInt32> tokenTypeIds) {
        Operand<TFloat32> words = tf.gather(variable(BertNames.WORD_EMBEDDINGS), inputIds, tf.constant(0));
        Operand<TFloat32> tokenTypes = tf.gather(variable(BertNames.TOKEN_TYPE_EMBEDDINGS), tokenTypeIds,
                tf.constant(0));
        Operand<TFloat32> positions = tf.expandDims(
                tf.slice(variable(BertNames.POSITION_EMBEDDINGS),
                        tf.constant(new int[] {0, 0}),
                        tf.stack(List.of(seqLength, tf.constant(-1)))),
                tf.constant(0));
        Operand<TFloat32> sum = tf.math.add(tf.math.add(words, tokenTypes), positions);
        return dropout(layerNorm(sum, BertNames.EMBEDDINGS_LAYER_NORM), config.hiddenDropoutProb());
    }

    /** [batch, 1, 1, seq]: 0 for real tokens, {@link #MASKED_SCORE} for padding, broadcast over heads and queries. */
    private Operand<TFloat32> attentionScoreBias(Operand<TInt32> inputMask) {
        Operand<TFloat32> mask = tf.dtypes.cast(
                tf.reshape(inputMask, tf.stack(List.of(batchSize, tf.constant(1), tf.constant(1), seqLength))),
                TFloat32.class);
        return tf.math.mul(tf.math.sub(tf.constant(1f), mask), tf.constant(MASKED_SCORE));
    }

    private Operand<TFloat32> transformerLayer(String scope, Operand<TFloat32> x, Operand<TFloat32> scoreBias) {
        Operand<TFloat32> attended = attentionOutput(scope + "/attention/output",
                selfAttention(scope + "/attention/self", x, scoreBias), x);
        return feedForward(scope, attended);
    }

    /** Multi-head scaled dot-product attention over the sequence: [batch * seq, hidden]. */
    private Operand<TFloat32> selfAttention(String scope, Operand<TFloat32> x, Operand<TFloat32> scoreBias) {
        Operand<TFloat32> query = splitHeads(dense(x, scope + "/query"));
        Operand<TFloat32> key = splitHeads(dense(x, scope + "/key"));
        Operand<TFloat32> value = splitHeads(dense(x, scope + "/value"));

        Operand<TFloat32> scores = tf.math.mul(
                tf.train.batchMatMul(query, key, TFloat32.class, BatchMatMul.adjY(true)),
                tf.constant((float) (1.0 / Math.sqrt(config.headSize()))));
        Operand<TFloat32> probs = dropout(tf.nn.softmax(tf.math.add(scores, scoreBias)),
                config.attentionProbsDropoutProb());
        return mergeHeads(tf.train.batchMatMul(probs, value, TFloat32.class));
    }

    /** Projection of the attended values, dropout, residual connection and LayerNorm. */
    private Operand<TFloat32> attentionOutput(String scope, Operand<TFloat32> attended, Operand<TFloat32> input) {
        Operand<TFloat32> projected = dropout(dense(attended, scope + "/dense"), config.hiddenDropoutProb());
        return layerNorm(tf.math.add(projected, input), scope + "/LayerNorm");
    }

    /** Intermediate dense + GELU, output dense, dropout, residual connection and LayerNorm. */
    private Operand<TFloat32> feedForward(String scope, Operand<TFloat32> input) {
        Operand<TFloat32> intermediate = gelu(dense(input, scope + "/intermediate/dense"));
        Operand<TFloat32> output = dropout(dense(intermediate, scope + "/output/dense"), config.hiddenDropoutProb());
        return layerNorm(tf.math.add(output, input), scope + "/output/LayerNorm");
    }

    /** tanh(dense(hidden state of [CLS])): [batch, hidden]. */
    private Operand<TFloat32> pooler(Operand<TFloat32> lastHiddenState) {
        Operand<TFloat32> first = tf.stridedSlice(lastHiddenState, Indices.all(), Indices.at(0), Indices.all());
        return tf.math.tanh(dense(first, BertNames.POOLER));
    }

    /** Transform (dense + GELU + LayerNorm), then scores against the tied word embeddings plus a bias. */
    private Operand<TFloat32> mlmHead(Operand<TFloat32> x) {
        Operand<TFloat32> transformed = layerNorm(gelu(dense(x, BertNames.MLM_TRANSFORM)),
                BertNames.MLM_TRANSFORM_LAYER_NORM);
        Operand<TFloat32> logits = tf.linalg.matMul(transformed, variable(BertNames.WORD_EMBEDDINGS),
                MatMul.transposeB(true));
        return tf.nn.biasAdd(logits, variable(BertNames.MLM_OUTPUT_BIAS));
    }

    /** [batch * seq, hidden] to [batch, heads, seq, headSize]. */
    private Operand<TFloat32> splitHeads(Operand<TFloat32> x) {
        Operand<TFloat32> split = tf.reshape(x, tf.stack(List.of(batchSize, seqLength,
                tf.constant(config.numAttentionHeads()), tf.constant(config.headSize()))));
        return tf.linalg.transpose(split, tf.constant(new int[] {0, 2, 1, 3}));
    }

    /** [batch, heads, seq, headSize] to [batch * seq, hidden]. */
    private Operand<TFloat32> mergeHeads(Operand<TFloat32> x) {
        Operand<TFloat32> merged = tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 1, 3}));
        return tf.reshape(merged, tf.constant(new int[] {-1, config.hiddenSize()}));
    }

    private Operand<TFloat32> dense(Operand<TFloat32> x, String scope) {
        return tf.nn.biasAdd(tf.linalg.matMul(x, variable(scope + "/kernel")), variable(scope + "/bias"));
    }

    /** Normalises the last axis, in the op order of tf.contrib.layers.layer_norm. */
    private Operand<TFloat32> layerNorm(Operand<TFloat32> x, String scope) {
        Operand<TInt32> lastAxis = tf.constant(new int[] {-1});
        Operand<TFloat32> mean = tf.math.mean(x, lastAxis, Mean.keepDims(true));
        Operand<TFloat32> variance = tf.math.mean(tf.math.squaredDifference(x, mean), lastAxis, Mean.keepDims(true));
        Operand<TFloat32> scale = tf.math.mul(
                tf.math.rsqrt(tf.math.add(variance, tf.constant(config.layerNormEps()))),
                variable(scope + "/gamma"));
        Operand<TFloat32> shift = tf.math.sub(variable(scope + "/beta"), tf.math.mul(mean, scale));
        return tf.math.add(tf.math.mul(x, scale), shift);
    }

    private Operand<TFloat32> gelu(Operand<TFloat32> x) {
        return switch (config.hiddenAct()) {
            case TANH -> {
                // x^3: modeling.py's pow(x, 3) in an inference graph, which keeps it op for op Google's and its
                // activations those of Google's SavedModel (BertBaseParityTest: x * x^2 there moves a hidden
                // state by 2e-5); x * x^2 in a training graph, where pow's gradient, pow(x, 3 - 1) with constant
                // folding off, ran as a general power: 9% of a masked-LM step (bench/RESULTS.md). Element by
                // element both give the same bits (TanhGeluCubeTest).
                Operand<TFloat32> cube = dropoutMode == BertGraph.Dropout.NONE ? tf.math.pow(x, tf.constant(3f))
                        : tf.math.mul(x, tf.math.square(x));
                Operand<TFloat32> cubic = tf.math.add(x, tf.math.mul(tf.constant(0.044715f), cube));
                Operand<TFloat32> inner = tf.math.mul(tf.constant((float) Math.sqrt(2 / Math.PI)), cubic);
                Operand<TFloat32> cdf = tf.math.mul(tf.constant(0.5f),
                        tf.math.add(tf.constant(1f), tf.math.tanh(inner)));
                yield tf.math.mul(x, cdf);
            }
            case ERF -> {
                Operand<TFloat32> erf = tf.math.erf(tf.math.div(x, tf.constant((float) Math.sqrt(2))));
                yield tf.math.mul(tf.math.mul(x, tf.constant(0.5f)), tf.math.add(tf.constant(1f), erf));
            }
        };
    }

    /** Dropout at {@code rate} while training (see {@link StatelessDropout}); nothing in an inference graph. */
    private Operand<TFloat32> dropout(Operand<TFloat32> x, float rate) {
        if (dropoutMode == BertGraph.Dropout.NONE || rate == 0f) {
            return x;
        }
        dropoutOps++;
        return StatelessDropout.apply(tf, x, rate, trainingAsFloat, dropoutOps, dropoutSeed);
    }

    private Operand<TInt32> batchSeqShape(int lastDim) {
        return tf.stack(List.of(batchSize, seqLength, tf.constant(lastDim)));
    }

    private void createVariable(String name, long[] shape) {
        int slash = name.lastIndexOf('/');
        Ops scope = scope(name.substring(0, slash)).withName(name.substring(slash + 1));
        if (kernelsInBf16 && name.endsWith(BertNames.KERNEL)) {
            // The ops still read float32, so the graph is the float32 one; the bf16 rewrite then meets a
            // bf16-to-float32 cast where it would cast the kernel to bf16, and drops the pair.
            Variable<TBfloat16> kernel = scope.variable(Shape.of(shape), TBfloat16.class);
            bf16Kernels.put(name, kernel);
            weights.put(name, tf.dtypes.cast(kernel, TFloat32.class));
        } else {
            Variable<TFloat32> variable = scope.variable(Shape.of(shape), TFloat32.class);
            variables.put(name, variable);
            weights.put(name, variable);
        }
    }

    /** The scope for a path like {@code bert/encoder/layer_0}, made once: TensorFlow renames a repeated scope. */
    private Ops scope(String path) {
        Ops scope = scopes.get(path);
        if (scope == null) {
            int slash = path.lastIndexOf('/');
            Ops parent = slash < 0 ? tf : scope(path.substring(0, slash));
            scope = parent.withSubScope(path.substring(slash + 1));
            scopes.put(path, scope);
        }
        return scope;
    }

    private Operand<TFloat32> variable(String name) {
        return weights.get(name);
    }
}
