package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HfNamesTest {
    @Test
    void everyCanonicalNameSurvivesTheTripThroughHuggingFaceNames() {
        for (String name : BertNames.shapes(BertConfig.base()).keySet()) {
            assertEquals(name, HfNames.toCanonical(HfNames.toHf(name)), name);
        }
    }

    @Test
    void huggingFaceNamesMapToTheirTfCounterparts() {
        assertEquals("bert/encoder/layer_10/attention/self/query/kernel",
                HfNames.toCanonical("bert.encoder.layer.10.attention.self.query.weight"));
        assertEquals("bert/embeddings/word_embeddings", HfNames.toCanonical("bert.embeddings.word_embeddings.weight"));
        assertEquals("bert/embeddings/LayerNorm/gamma", HfNames.toCanonical("bert.embeddings.LayerNorm.weight"));
        assertEquals("bert/embeddings/LayerNorm/beta", HfNames.toCanonical("bert.embeddings.LayerNorm.bias"));
        assertEquals("bert/encoder/layer_0/output/LayerNorm/gamma",
                HfNames.toCanonical("bert.encoder.layer.0.output.LayerNorm.gamma"), "old gamma/beta names");
        assertEquals("bert/pooler/dense/bias", HfNames.toCanonical("pooler.dense.bias"), "BertModel, no bert. scope");
        assertEquals(BertNames.MLM_OUTPUT_BIAS, HfNames.toCanonical("cls.predictions.bias"));
        assertEquals("cls/predictions/transform/LayerNorm/beta",
                HfNames.toCanonical("cls.predictions.transform.LayerNorm.bias"));
        assertEquals("bert.encoder.layer.3.intermediate.dense.weight",
                HfNames.toHf("bert/encoder/layer_3/intermediate/dense/kernel"));
    }

    @Test
    void linearWeightsAreTransposedIntoKernels() {
        // HF Linear(in=3, out=2): weight[o][i] = 10 o + i
        float[] linear = {0, 1, 2, 10, 11, 12};
        Map<String, WeightTensor> hf = Map.of("bert.pooler.dense.weight",
                new WeightTensor("bert.pooler.dense.weight", new long[] {2, 3}, FloatBuffer.wrap(linear)));
        WeightTensor kernel = HfNames.fromHf(hf, "test").weights().get("bert/pooler/dense/kernel");
        assertArrayEquals(new long[] {3, 2}, kernel.shape());
        for (int i = 0; i < 3; i++) {
            for (int o = 0; o < 2; o++) {
                assertEquals(10 * o + i, kernel.values().get(i * 2 + o), "kernel[" + i + "][" + o + "]");
            }
        }
    }

    @Test
    void mappingBothWaysRestoresEveryTensor() {
        Weights original = RandomWeights.of(RandomWeights.tinyConfig(), 21);
        HfNames.Mapped back = HfNames.fromHf(HfNames.toHf(original), "round trip");
        back.weights().checkAgainst(RandomWeights.tinyConfig());
        for (String name : original.names()) {
            assertArrayEquals(RandomWeights.values(original.get(name)), RandomWeights.values(back.weights().get(name)),
                    name);
        }
    }

    @Test
    void tiedDecoderAndNextSentenceHeadAreSkipped() {
        BertConfig config = RandomWeights.tinyConfig();
        Map<String, WeightTensor> hf = new LinkedHashMap<>(HfNames.toHf(RandomWeights.of(config, 22)));
        Random random = new Random(23);
        hf.put("cls.predictions.decoder.weight", RandomWeights.tensor("d", new long[] {11, 8}, random));
        hf.put("cls.seq_relationship.weight", RandomWeights.tensor("s", new long[] {2, 8}, random));
        HfNames.Mapped mapped = HfNames.fromHf(hf, "test");
        mapped.weights().checkAgainst(config);
        assertEquals(List.of("cls.predictions.decoder.weight", "cls.seq_relationship.weight"), mapped.skipped());
    }

    @Test
    void decoderOfAnotherShapeThanTheEmbeddingsIsRejected() {
        Map<String, WeightTensor> hf = new LinkedHashMap<>(HfNames.toHf(RandomWeights.of(RandomWeights.tinyConfig(), 24)));
        hf.put("cls.predictions.decoder.weight", RandomWeights.tensor("d", new long[] {12, 8}, new Random(25)));
        WeightsException e = assertThrows(WeightsException.class, () -> HfNames.fromHf(hf, "f.safetensors"));
        assertTrue(e.getMessage().contains("[12, 8]") && e.getMessage().contains("[11, 8]"), e.getMessage());
    }
}
