package org.probelab.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The endpoints of a BERT built into a TensorFlow graph: what to feed, what to fetch, and the
 * variables (named exactly as {@link BertNames#shapes}), so that training code can put losses and
 * optimizers on top of the same graph.
 *
 * @param inputIds      [batch, seq] WordPiece ids
 * @param tokenTypeIds  [batch, seq] segment ids; all 0 unless fed
 * @param inputMask     [batch, seq] 1 for real tokens, 0 for padding
 * @param training      scalar, present when built with {@link Dropout#SWITCHABLE}: dropout is applied
 *                      only when fed {@code true}
 * @param dropoutSeed   int64 scalar, present with {@link Dropout#SWITCHABLE}: the dropout masks are a pure
 *                      function of it (stateless random ops), so a training step fed the same seed drops
 *                      the same units, also after a resume in a new session
 * @param hiddenStates  [batch, seq, hidden] each; index 0 is the embedding output, k the output of layer k
 * @param pooledOutput  [batch, hidden] tanh(dense([CLS]))
 * @param mlmLogits     [batch, seq, vocab] masked-LM logits at every position
 * @param mlmHead       the masked-LM head (transform dense + GELU + LayerNorm, scores against the tied word
 *                      embeddings, output bias) applied to any [rows, hidden] matrix of last-layer states: a
 *                      training loss gathers the masked rows first, so the vocabulary projection runs on those
 *                      alone
 * @param variables     every float32 weight variable, in {@link BertNames#shapes} order: all weights, except in
 *                      a graph built by {@link #buildForBf16Inference}
 * @param bf16Kernels   the dense layers' kernels held in bf16, only in a graph built by
 *                      {@link #buildForBf16Inference}
 * @param weights       what the ops read each weight from, in {@link BertNames#shapes} order: its float32
 *                      variable, or its bf16 variable cast to float32
 */
public record BertGraph(
        BertConfig config,
        Placeholder<TInt32> inputIds,
        PlaceholderWithDefault<TInt32> tokenTypeIds,
        Placeholder<TInt32> inputMask,
        Optional<PlaceholderWithDefault<TBool>> training,
        Optional<PlaceholderWithDefault<TInt64>> dropoutSeed,
        List<Operand<TFloat32>> hiddenStates,
        Operand<TFloat32> pooledOutput,
        Operand<TFloat32> mlmLogits,
        UnaryOperator<Operand<TFloat32>> mlmHead,
        Map<String, Variable<TFloat32>> variables,
        Map<String, Variable<TBfloat16>> bf16Kernels,
        Map<String, Operand<TFloat32>> weights) {

    /** Whether the graph contains dropout. */
    public enum Dropout {
        /**
         * No dropout ops at all: for inference. TensorFlow then fuses each dense layer with its
         * bias and residual add, as in Google's inference graph, which is faster and gives
         * bit-identical results to it.
         */
        NONE,
        /** Dropout at the config's rates, applied only when {@link #training} is fed true: for training. */
        SWITCHABLE
    }

    /** Builds BERT (encoder, pooler and masked-LM head) into {@code graph}. Variables are left uninitialised. */
    public static BertGraph build(Graph graph, BertConfig config, Dropout dropout) {
        return new BertGraphBuilder(graph, config, dropout, false).build();
    }

    /**
     * Builds BERT for inference under the oneDNN bf16 rewrite, the dense layers' kernels held in bf16 variables
     * (no dropout): the rewrite would otherwise cast every float32 kernel to bf16 in every run; this way they
     * are rounded once, when loaded, and the forward computes exactly what it computes from float32 kernels.
     */
    public static BertGraph buildForBf16Inference(Graph graph, BertConfig config) {
        return new BertGraphBuilder(graph, config, Dropout.NONE, true).build();
    }
}
