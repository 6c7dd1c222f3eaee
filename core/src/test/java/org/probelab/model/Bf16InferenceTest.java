package org.probelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** A bf16 inference model holds its dense kernels in bf16, so the rewrite no longer casts them per forward. */
class Bf16InferenceTest {
    private static final BertConfig CONFIG = TinyBert.config(GeluKind.TANH);
    private static final DeviceOptions BF16 = DeviceOptions.cpu().withPrecision(ComputePrecision.BF16);

    @Test
    void denseKernelsAreRoundedToBf16OnceAndTheRestStaysFloat32() {
        assumeTrue(ComputePrecision.cpuHasBf16(), "bf16 runs as float32 on this CPU");
        Weights weights = TinyBert.weights(CONFIG, 5);
        try (BertModel model = BertModel.create(CONFIG, weights, BF16)) {
            Set<String> kernels = weights.names().stream().filter(n -> n.endsWith(BertNames.KERNEL))
                    .collect(Collectors.toSet());
            assertEquals(kernels, model.graph().bf16Kernels().keySet());
            assertEquals(weights.names().size() - kernels.size(), model.graph().variables().size());
            Weights held = model.exportWeights();
            for (String name : weights.names()) {
                float[] original = RandomWeights.values(weights.get(name));
                float[] expected = original.clone();
                if (kernels.contains(name)) {
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = roundToBf16(expected[i]);
                    }
                }
                assertArrayEquals(expected, RandomWeights.values(held.get(name)), name);
            }
        }
    }

    @Test
    void aForwardCastsNoKernel() {
        assumeTrue(ComputePrecision.cpuHasBf16(), "bf16 runs as float32 on this CPU");
        try (BertModel model = BertModel.create(CONFIG, TinyBert.weights(CONFIG, 5), BF16)) {
            RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
            List<String> casts = forward(model.session(), model.graph(), trace).casts();
            assertTrue(casts.stream().anyMatch(n -> n.contains("CastToBf16")), "the rewrite ran: " + casts);
            assertEquals(List.of(), casts.stream().filter(n -> n.contains(BertNames.KERNEL)).toList());
        }
    }

    @Test
    void theStatesAreThoseOfFloat32KernelsUnderTheRewrite() {
        Weights weights = TinyBert.weights(CONFIG, 5);
        try (BertModel model = BertModel.create(CONFIG, weights, BF16);
             Graph graph = new Graph()) {
            BertGraph float32Kernels = BertGraph.build(graph, CONFIG, BertGraph.Dropout.NONE);
            try (Session session = new Session(graph, BF16.effective().toConfigProto())) {
                Ops tf = Ops.create(graph);
                Session.Runner assign = session.runner();
                for (var e : float32Kernels.variables().entrySet()) {
                    assign.addTarget(tf.assign(e.getValue(), tf.constant(Shape.of(weights.get(e.getKey()).shape()),
                            DataBuffers.of(weights.get(e.getKey()).values().duplicate()))));
                }
                assign.run();
                List<float[]> expected = forward(session, float32Kernels, null).states();
                List<float[]> actual = forward(model.session(), model.graph(), null).states();
                for (int s = 0; s < expected.size(); s++) {
                    assertArrayEquals(expected.get(s), actual.get(s), "state " + s);
                }
            }
        }
    }

    /** Round to nearest even, as TensorFlow's Cast to bfloat16 does for finite values. */
    private static float roundToBf16(float x) {
        int bits = Float.floatToRawIntBits(x);
        return Float.intBitsToFloat((bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF0000);
    }

    /** One forward of two rows of 6 ids, all states fetched; traced when {@code trace} is given. */
    private static Forward forward(Session session, BertGraph bert, RunOptions trace) {
        int batch = 2;
        int length = 6;
        int[] ids = TinyBert.ids(new Random(3), batch * length);
        int[] mask = new int[batch * length];
        Arrays.fill(mask, 1);
        mask[mask.length - 1] = 0;
        try (TInt32 idTensor = TInt32.tensorOf(Shape.of(batch, length), DataBuffers.of(ids, true, false));
             TInt32 maskTensor = TInt32.tensorOf(Shape.of(batch, length), DataBuffers.of(mask, true, false))) {
            Session.Runner runner = session.runner().feed(bert.inputIds(), idTensor).feed(bert.inputMask(), maskTensor);
            bert.hiddenStates().forEach(runner::fetch);
            if (trace != null) {
                runner.setOptions(trace);
            }
            try (Result result = trace != null ? runner.runAndFetchMetadata() : runner.run()) {
                List<float[]> states = new ArrayList<>();
                for (int s = 0; s < bert.hiddenStates().size(); s++) {
                    TFloat32 state = (TFloat32) result.get(s);
                    float[] values = new float[(int) state.size()];
                    state.asRawTensor().data().asFloats().read(values);
                    states.add(values);
                }
                List<String> casts = new ArrayList<>();
                result.getMetadata().ifPresent(metadata -> {
                    for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
                        for (NodeExecStats node : device.getNodeStatsList()) {
                            if (node.getTimelineLabel().contains("= Cast(")) {
                                casts.add(node.getNodeName());
                            }
                        }
                    }
                });
                return new Forward(states, casts);
            }
        }
    }

    /** The fetched states and the names of the Cast kernels that ran. */
    private record Forward(List<float[]> states, List<String> casts) {
    }
}
