package org.probelab.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canonical tensor names of a BERT model, as in Google's TF checkpoints (without any
 * {@code module/} prefix), with their shapes. The graph's variables carry exactly these names, so
 * every weight format is a mapping onto this one list.
 */
public final class BertNames {
    /** The last part of a dense layer's weight matrix name. */
    public static final String KERNEL = "/kernel";
    public static final String WORD_EMBEDDINGS = "bert/embeddings/word_embeddings";
    public static final String POSITION_EMBEDDINGS = "bert/embeddings/position_embeddings";
    public static final String TOKEN_TYPE_EMBEDDINGS = "bert/embeddings/token_type_embeddings";
    public static final String EMBEDDINGS_LAYER_NORM = "bert/embeddings/LayerNorm";
    public static final String POOLER = "bert/pooler/dense";
    public static final String MLM_TRANSFORM = "cls/predictions/transform/dense";
    public static final String MLM_TRANSFORM_LAYER_NORM = "cls/predictions/transform/LayerNorm";
    public static final String MLM_OUTPUT_BIAS = "cls/predictions/output_bias";

    private BertNames() {
    }

    /** Scope of transformer layer {@code i} (0-based), e.g. {@code bert/encoder/layer_3}. */
    public static String layer(int i) {
        return "bert/encoder/layer_" + i;
    }

    /** All tensors of a BERT with pooler and MLM head, in checkpoint order, with their shapes. */
    public static Map<String, long[]> shapes(BertConfig c) {
        long h = c.hiddenSize();
        Map<String, long[]> s = new LinkedHashMap<>();
        s.put(WORD_EMBEDDINGS, new long[] {c.vocabSize(), h});
        s.put(POSITION_EMBEDDINGS, new long[] {c.maxPositionEmbeddings(), h});
        s.put(TOKEN_TYPE_EMBEDDINGS, new long[] {c.typeVocabSize(), h});
        layerNorm(s, EMBEDDINGS_LAYER_NORM, h);
        for (int i = 0; i < c.numHiddenLayers(); i++) {
            String l = layer(i);
            dense(s, l + "/attention/self/query", h, h);
            dense(s, l + "/attention/self/key", h, h);
            dense(s, l + "/attention/self/value", h, h);
            dense(s, l + "/attention/output/dense", h, h);
            layerNorm(s, l + "/attention/output/LayerNorm", h);
            dense(s, l + "/intermediate/dense", h, c.intermediateSize());
            dense(s, l + "/output/dense", c.intermediateSize(), h);
            layerNorm(s, l + "/output/LayerNorm", h);
        }
        dense(s, POOLER, h, h);
        dense(s, MLM_TRANSFORM, h, h);
        layerNorm(s, MLM_TRANSFORM_LAYER_NORM, h);
        s.put(MLM_OUTPUT_BIAS, new long[] {c.vocabSize()});
        return s;
    }

    private static void dense(Map<String, long[]> s, String scope, long in, long out) {
        s.put(scope + KERNEL, new long[] {in, out});
        s.put(scope + "/bias", new long[] {out});
    }

    private static void layerNorm(Map<String, long[]> s, String scope, long h) {
        s.put(scope + "/gamma", new long[] {h});
        s.put(scope + "/beta", new long[] {h});
    }
}
