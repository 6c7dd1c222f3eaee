package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Behaviour of {@link BertModel} beyond the forward math: padding, weights in and out, bad input. */
class BertModelTest {
    private static final BertConfig CONFIG = TinyBert.config(GeluKind.TANH);
    private static BertModel model;

    @BeforeAll
    static void create() {
        model = BertModel.create(CONFIG, TinyBert.weights(CONFIG, 5), DeviceOptions.cpu());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void realTokenStatesDoNotDependOnPaddingOrLongerBatchmates() {
        Random random = new Random(4);
        int[] shortRow = TinyBert.ids(random, 5);
        int[] longRow = TinyBert.ids(random, 17);
        int[] layers = TinyBert.allStates(CONFIG);

        HiddenStates alone = model.encode(new int[][] {shortRow}, new int[] {5}, layers);
        int[][] padded = TinyBert.padded(7, shortRow, longRow);
        HiddenStates batched = model.encode(padded, TinyBert.lengths(shortRow, longRow), layers);

        for (int s = 0; s < layers.length; s++) {
            for (int t = 0; t < shortRow.length; t++) {
                for (int i = 0; i < CONFIG.hiddenSize(); i++) {
                    assertEquals(alone.values()[s][alone.offset(0, t) + i], batched.values()[s][batched.offset(0, t) + i],
                            1e-5, "state " + s + " position " + t);
                }
            }
        }
    }

    @Test
    void encodeReturnsOnlyTheRequestedStatesInOrder() {
        int[][] ids = {TinyBert.ids(new Random(5), 6)};
        HiddenStates all = model.encode(ids, new int[] {6}, TinyBert.allStates(CONFIG));
        HiddenStates some = model.encode(ids, new int[] {6}, new int[] {0, 2});
        assertArrayEquals(new int[] {0, 2}, some.layers());
        assertEquals(2, some.values().length);
        assertArrayEquals(all.values()[0], some.values()[0]);
        assertArrayEquals(all.values()[2], some.values()[1]);
        assertEquals(6 * CONFIG.hiddenSize(), some.values()[1].length);
    }

    @Test
    void bf16ComputeStaysCloseToFloat32WhereTheCpuHasIt() {
        int[][] ids = {TinyBert.ids(new Random(6), 12)};
        int[] layers = TinyBert.allStates(CONFIG);
        HiddenStates float32 = model.encode(ids, new int[] {12}, layers);
        try (BertModel bf16 = BertModel.create(CONFIG, TinyBert.weights(CONFIG, 5),
                DeviceOptions.cpu().withPrecision(ComputePrecision.BF16))) {
            HiddenStates low = bf16.encode(ids, new int[] {12}, layers);
            double maxDiff = 0;
            for (int s = 1; s < layers.length; s++) {
                for (int i = 0; i < low.values()[s].length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(low.values()[s][i] - float32.values()[s][i]));
                }
            }
            if (ComputePrecision.cpuHasBf16()) {
                assertEquals(ComputePrecision.BF16, bf16.computePrecision());
                // bfloat16 keeps 8 bits of mantissa: LayerNorm'd states (|x| of a few) move by about 1e-2.
                assertTrue(maxDiff > 0 && maxDiff < 0.1, "bf16 vs float32 max |diff| " + maxDiff);
            } else {
                assertEquals(ComputePrecision.FLOAT32, bf16.computePrecision(), "no bf16 instructions: float32");
                assertEquals(0.0, maxDiff);
            }
        }
    }

    @Test
    void exportedWeightsRecreateAnIdenticalModel() {
        int[][] ids = {TinyBert.ids(new Random(6), 9), TinyBert.ids(new Random(7), 9)};
        int[] lengths = {9, 4};
        try (BertModel original = BertModel.random(CONFIG, 42, DeviceOptions.cpu());
             BertModel copy = BertModel.create(CONFIG, original.exportWeights(), DeviceOptions.cpu())) {
            HiddenStates a = original.encode(ids, lengths, TinyBert.allStates(CONFIG));
            HiddenStates b = copy.encode(ids, lengths, TinyBert.allStates(CONFIG));
            for (int s = 0; s < CONFIG.numHiddenStates(); s++) {
                assertArrayEquals(a.values()[s], b.values()[s], "state " + s);
            }
            assertArrayEquals(original.mlmLogits(ids, lengths), copy.mlmLogits(ids, lengths));
        }
    }

    @Test
    void exportReturnsExactlyTheLoadedValues() {
        Weights loaded = TinyBert.weights(CONFIG, 5);
        Weights exported = model.exportWeights();
        assertEquals(loaded.names(), exported.names());
        for (String name : loaded.names()) {
            assertArrayEquals(loaded.get(name).shape(), exported.get(name).shape(), name);
            assertEquals(loaded.get(name).values(), exported.get(name).values(), name);
        }
    }

    @Test
    void randomInitIsReproducibleFromTheSeedAndFollowsBertsScheme() {
        Weights a = Initializers.random(CONFIG, 3);
        Weights b = Initializers.random(CONFIG, 3);
        Weights c = Initializers.random(CONFIG, 4);
        String kernel = BertNames.layer(1) + "/intermediate/dense/kernel";
        assertEquals(a.get(kernel).values(), b.get(kernel).values());
        assertFalse(a.get(kernel).values().equals(c.get(kernel).values()), "another seed gives other values");

        float[] values = toArray(a.get(kernel).values());
        double sumSquares = 0;
        for (float v : values) {
            assertTrue(Math.abs(v) <= 2 * CONFIG.initializerRange(), "truncated at two stddevs: " + v);
            sumSquares += v * v;
        }
        double std = Math.sqrt(sumSquares / values.length);
        // A normal truncated at 2 sigma has 0.88 sigma.
        assertEquals(0.88 * CONFIG.initializerRange(), std, 0.1 * CONFIG.initializerRange());
        assertTrue(allEqual(a.get(BertNames.EMBEDDINGS_LAYER_NORM + "/gamma").values(), 1f));
        assertTrue(allEqual(a.get(BertNames.EMBEDDINGS_LAYER_NORM + "/beta").values(), 0f));
        assertTrue(allEqual(a.get(BertNames.POOLER + "/bias").values(), 0f));
    }

    @Test
    void graphVariablesCarryTheCanonicalCheckpointNames() {
        for (var e : model.graph().variables().entrySet()) {
            assertEquals(e.getKey(), e.getValue().op().name());
        }
        assertEquals(BertNames.shapes(CONFIG).keySet(), model.graph().variables().keySet());
    }

    @Test
    void missingTensorIsNamedWithItsExpectedShape() {
        Weights weights = TinyBert.weights(CONFIG, 5);
        Weights incomplete = new Weights("test weights");
        weights.names().stream().filter(n -> !n.equals(BertNames.POOLER + "/kernel"))
                .forEach(n -> incomplete.put(weights.get(n)));
        WeightsException e = assertThrows(WeightsException.class,
                () -> BertModel.create(CONFIG, incomplete, DeviceOptions.cpu()));
        assertTrue(e.getMessage().contains("missing tensor bert/pooler/dense/kernel (expected shape [16, 16])"),
                e.getMessage());
    }

    @Test
    void wrongShapeIsNamedWithBothShapes() {
        Weights weights = TinyBert.weights(CONFIG, 5);
        String name = BertNames.layer(0) + "/intermediate/dense/bias";
        weights.put(new WeightTensor(name, new long[] {31}, FloatBuffer.allocate(31)));
        WeightsException e = assertThrows(WeightsException.class,
                () -> BertModel.create(CONFIG, weights, DeviceOptions.cpu()));
        assertTrue(e.getMessage().contains(name + " has shape [31], the config needs [32]"), e.getMessage());
    }

    @Test
    void nonFiniteWeightIsRejectedNamingTheTensor() {
        Weights weights = TinyBert.weights(CONFIG, 5);
        String name = BertNames.layer(1) + "/attention/self/key/kernel";
        float[] values = toArray(weights.get(name).values());
        values[17] = Float.NaN;
        weights.put(new WeightTensor(name, weights.get(name).shape(), FloatBuffer.wrap(values)));
        WeightsException e = assertThrows(WeightsException.class,
                () -> BertModel.create(CONFIG, weights, DeviceOptions.cpu()));
        assertTrue(e.getMessage().contains("tensor " + name) && e.getMessage().contains("NaN at element 17"),
                e.getMessage());
    }

    @Test
    void malformedBatchesAreRejectedWithTheOffendingRow() {
        int[] all = TinyBert.allStates(CONFIG);
        assertMessage("row 1 has 3 positions, row 0 has 4",
                () -> model.encode(new int[][] {{1, 2, 3, 4}, {1, 2, 3}}, new int[] {4, 3}, all));
        assertMessage("id 50 at row 0, position 2 is outside the vocabulary 0..49",
                () -> model.encode(new int[][] {{1, 2, 50}}, new int[] {3}, all));
        assertMessage("length of row 0 is 5, must be in 1..3",
                () -> model.encode(new int[][] {{1, 2, 3}}, new int[] {5}, all));
        assertMessage("more than the model's 24 position embeddings",
                () -> model.encode(new int[][] {new int[25]}, new int[] {25}, all));
        assertMessage("layer 3 does not exist",
                () -> model.encode(new int[][] {{1, 2}}, new int[] {2}, new int[] {0, 3}));
        assertMessage("ascending", () -> model.encode(new int[][] {{1, 2}}, new int[] {2}, new int[] {2, 1}));
        assertMessage("no mask id 9", () -> model.fillMask(new int[] {1, 2}, 9, 1));
    }

    @Test
    void switchableDropoutIsIdentityByDefaultAndActiveWhenTraining() {
        Weights weights = TinyBert.weights(CONFIG, 5);
        int[][] ids = {TinyBert.ids(new Random(8), 10)};
        int[] lengths = {10};
        try (BertModel trainable = BertModel.create(CONFIG, weights, DeviceOptions.cpu(), BertGraph.Dropout.SWITCHABLE)) {
            assertTrue(model.graph().training().isEmpty(), "the inference graph has no dropout switch");
            float[] inference = model.encode(ids, lengths, new int[] {2}).values()[0];
            float[] notTraining = trainable.encode(ids, lengths, new int[] {2}).values()[0];
            assertArrayEquals(inference, notTraining, 1e-5f);

            float[] training = runTraining(trainable, ids[0], 7L);
            assertArrayEquals(training, runTraining(trainable, ids[0], 7L), "the same seed drops the same units");
            assertFalse(Arrays.equals(training, runTraining(trainable, ids[0], 8L)), "another seed drops others");
            int changed = 0;
            for (int i = 0; i < training.length; i++) {
                changed += Math.abs(training[i] - inference[i]) > 1e-3 ? 1 : 0;
            }
            assertTrue(changed > training.length / 2, "dropout changed only " + changed + " of " + training.length);
        }
    }

    private static float[] runTraining(BertModel trainable, int[] ids, long seed) {
        BertGraph g = trainable.graph();
        Shape shape = Shape.of(1, ids.length);
        int[] mask = new int[ids.length];
        Arrays.fill(mask, 1);
        try (TInt32 idTensor = TInt32.tensorOf(shape, DataBuffers.of(ids, true, false));
             TInt32 maskTensor = TInt32.tensorOf(shape, DataBuffers.of(mask, true, false));
             TBool on = TBool.scalarOf(true);
             TInt64 seedTensor = TInt64.scalarOf(seed)) {
            Session.Runner runner = trainable.session().runner().feed(g.inputIds(), idTensor)
                    .feed(g.inputMask(), maskTensor).feed(g.training().orElseThrow(), on)
                    .feed(g.dropoutSeed().orElseThrow(), seedTensor).fetch(g.hiddenStates().get(2));
            try (Result result = runner.run()) {
                TFloat32 t = (TFloat32) result.get(0);
                float[] values = new float[(int) t.size()];
                t.copyTo(DataBuffers.of(values, false, false));
                return values;
            }
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static float[] toArray(FloatBuffer buffer) {
        FloatBuffer b = buffer.duplicate();
        float[] values = new float[b.remaining()];
        b.get(values);
        return values;
    }

    private static boolean allEqual(FloatBuffer buffer, float value) {
        for (float v : toArray(buffer)) {
            if (v != value) {
                return false;
            }
        }
        return true;
    }
}
