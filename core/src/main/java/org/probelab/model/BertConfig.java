package org.probelab.model;

/**
 * The shape of a BERT model. Field names follow Google's {@code bert_config.json}.
 */
public record BertConfig(
        int vocabSize,
        int hiddenSize,
        int numHiddenLayers,
        int numAttentionHeads,
        int intermediateSize,
        int maxPositionEmbeddings,
        int typeVocabSize,
        GeluKind hiddenAct,
        float hiddenDropoutProb,
        float attentionProbsDropoutProb,
        float initializerRange,
        float layerNormEps) {

    public static final float LAYER_NORM_EPS = 1e-12f;

    public BertConfig {
        if (hiddenSize % numAttentionHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize
                    + " is not a multiple of num_attention_heads " + numAttentionHeads);
        }
    }

    /** BERT-base: 12 layers, 768 hidden, 12 heads, 3072 intermediate, 30522 word pieces (uncased). */
    public static BertConfig base() {
        return new BertConfig(30522, 768, 12, 12, 3072, 512, 2, GeluKind.TANH, 0.1f, 0.1f, 0.02f, LAYER_NORM_EPS);
    }

    /** A small model of the given width and depth, as for tests or from-scratch runs. */
    public static BertConfig small(int vocabSize, int hiddenSize, int layers, int heads, int maxPositions) {
        return new BertConfig(vocabSize, hiddenSize, layers, heads, 4 * hiddenSize, maxPositions, 2,
                GeluKind.TANH, 0.1f, 0.1f, 0.02f, LAYER_NORM_EPS);
    }

    public int headSize() {
        return hiddenSize / numAttentionHeads;
    }

    /** Number of hidden states the model exposes: the embeddings plus one per layer. */
    public int numHiddenStates() {
        return numHiddenLayers + 1;
    }
}
