package org.probelab.model;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A BERT with pooler and masked-LM head in a TensorFlow session: load weights, encode batches,
 * predict masked words, read the weights back. Not thread-safe.
 */
public final class BertModel implements Encoder {
    /** Floats copied at a time when loading weights (4 MB). */
    private static final int LOAD_CHUNK = 1 << 20;
    /** Floats assigned per session run when loading weights (128 MB). */
    private static final long LOAD_GROUP = 1L << 25;

    /** Whether the no-bf16 notice was printed; once per process is enough. */
    private static boolean bf16NoticeShown;

    private final BertConfig config;
    private final String origin;
    private final DeviceOptions device;
    private final Graph graph;
    private final Session session;
    private final BertGraph bert;
    private final Map<String, VariableLoader> loaders = new LinkedHashMap<>();
    private final Placeholder<TInt32> topK;
    private final Operand<TInt32> topPredictedIds;

    /** Feeds one weight tensor into its variable (float32, or rounded to bf16 on the way). */
    private record VariableLoader(Placeholder<TFloat32> value, Op assign) {
    }

    private BertModel(BertConfig config, String origin, DeviceOptions device, BertGraph.Dropout dropout) {
        NativeLibraries.keepInConfiguredCache();
        this.config = config;
        this.origin = origin;
        this.device = device.effective();
        if (this.device.precision() != device.precision()) {
            showBf16Notice();
        }
        this.graph = new Graph();
        try {
            boolean bf16Inference = this.device.device() == DeviceOptions.Device.CPU
                    && this.device.precision() == ComputePrecision.BF16 && dropout == BertGraph.Dropout.NONE;
            this.bert = bf16Inference ? BertGraph.buildForBf16Inference(graph, config)
                    : BertGraph.build(graph, config, dropout);
            Ops load = Ops.create(graph).withSubScope("load");
            Map<String, long[]> shapes = BertNames.shapes(config);
            for (String name : bert.weights().keySet()) {
                Placeholder<TFloat32> value = load.placeholder(TFloat32.class,
                        Placeholder.shape(Shape.of(shapes.get(name))));
                Variable<TFloat32> variable = bert.variables().get(name);
                Op assign = variable != null ? load.assign(variable, value)
                        : load.assign(bert.bf16Kernels().get(name), load.dtypes.cast(value, TBfloat16.class));
                loaders.put(name, new VariableLoader(value, assign));
            }
            Ops tf = Ops.create(graph);
            this.topK = tf.withName("top_k").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
            this.topPredictedIds = tf.nn.topK(bert.mlmLogits(), topK, TInt32.class).indices();
            this.session = new Session(graph, this.device.toConfigProto(dropout == BertGraph.Dropout.SWITCHABLE));
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /**
     * A model of {@code config} holding {@code weights}, for inference (no dropout ops in the graph).
     *
     * @throws WeightsException if a tensor is missing, unexpected, of the wrong shape, or not finite
     */
    public static BertModel create(BertConfig config, Weights weights, DeviceOptions device) {
        return create(config, weights, device, BertGraph.Dropout.NONE);
    }

    /**
     * As {@link #create(BertConfig, Weights, DeviceOptions)}, with the given dropout; training code
     * asks for {@link BertGraph.Dropout#SWITCHABLE} and builds its ops on {@link #graph()}.
     */
    public static BertModel create(BertConfig config, Weights weights, DeviceOptions device,
                                   BertGraph.Dropout dropout) {
        weights.checkAgainst(config);
        BertModel model = new BertModel(config, weights.origin(), device, dropout);
        try {
            model.load(weights);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** A freshly initialised model (see {@link Initializers#random}), the same for the same seed. */
    public static BertModel random(BertConfig config, long seed, DeviceOptions device) {
        return create(config, Initializers.random(config, seed), device);
    }

    public BertConfig config() {
        return config;
    }

    /** The graph endpoints, for code that builds training ops on top of this model. */
    public BertGraph graph() {
        return bert;
    }

    public Session session() {
        return session;
    }

    /** The device options this model runs with, after {@link DeviceOptions#effective()}. */
    public DeviceOptions device() {
        return device;
    }

    @Override
    public ComputePrecision computePrecision() {
        return device.precision();
    }

    private static synchronized void showBf16Notice() {
        if (!bf16NoticeShown) {
            bf16NoticeShown = true;
            System.err.println("probelab: " + DeviceOptions.NO_BF16_CPU);
        }
    }

    @Override
    public int numHiddenStates() {
        return config.numHiddenStates();
    }

    @Override
    public int hiddenSize() {
        return config.hiddenSize();
    }

    @Override
    public int maxSequenceLength() {
        return config.maxPositionEmbeddings();
    }

    @Override
    public HiddenStates encode(int[][] ids, int[] lengths, int[] layers) {
        checkLayers(layers);
        Batch batch = Batch.of(ids, lengths, config);
        List<Operand<TFloat32>> fetches = new ArrayList<>();
        for (int layer : layers) {
            fetches.add(bert.hiddenStates().get(layer));
        }
        float[][] values = runAndCopy(batch, fetches);
        return new HiddenStates(layers.clone(), batch.size(), batch.seqLength(), config.hiddenSize(), values);
    }

    /** tanh(dense([CLS])) per row: [batch][hidden]. */
    public float[][] pooledOutput(int[][] ids, int[] lengths) {
        Batch batch = Batch.of(ids, lengths, config);
        float[] flat = runAndCopy(batch, List.of(bert.pooledOutput()))[0];
        float[][] pooled = new float[batch.size()][config.hiddenSize()];
        for (int b = 0; b < pooled.length; b++) {
            System.arraycopy(flat, b * config.hiddenSize(), pooled[b], 0, config.hiddenSize());
        }
        return pooled;
    }

    /** Masked-LM logits, row-major [batch, seq, vocab]. */
    public float[] mlmLogits(int[][] ids, int[] lengths) {
        return runAndCopy(Batch.of(ids, lengths, config), List.of(bert.mlmLogits()))[0];
    }

    /** The {@code k} most likely vocabulary ids at every position, best first: [batch][seq][k]. */
    public int[][][] topPredictions(int[][] ids, int[] lengths, int k) {
        if (k < 1 || k > config.vocabSize()) {
            throw new IllegalArgumentException("k must be in 1.." + config.vocabSize() + ", got " + k);
        }
        Batch batch = Batch.of(ids, lengths, config);
        int[] flat = new int[batch.size() * batch.seqLength() * k];
        try (Batch.Tensors inputs = batch.toTensors();
             TInt32 kTensor = TInt32.scalarOf(k);
             Result result = feed(inputs).feed(topK, kTensor).fetch(topPredictedIds).run()) {
            result.get(0).asRawTensor().data().asInts().read(flat);
        }
        int[][][] top = new int[batch.size()][batch.seqLength()][k];
        for (int b = 0; b < top.length; b++) {
            for (int t = 0; t < batch.seqLength(); t++) {
                System.arraycopy(flat, (b * batch.seqLength() + t) * k, top[b][t], 0, k);
            }
        }
        return top;
    }

    /**
     * Fills in a single unpadded sentence: for each position holding {@code maskId}, in order,
     * the {@code k} most likely ids.
     */
    public List<int[]> fillMask(int[] ids, int maskId, int k) {
        int[][][] top = topPredictions(new int[][] {ids}, new int[] {ids.length}, k);
        List<int[]> filled = new ArrayList<>();
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] == maskId) {
                filled.add(top[0][t]);
            }
        }
        if (filled.isEmpty()) {
            throw new IllegalArgumentException("no mask id " + maskId + " in the input");
        }
        return filled;
    }

    /**
     * The current values of all variables (e.g. after fine-tuning), copied out of the session; a bf16
     * inference model's dense kernels come back as it holds them, rounded to bf16.
     */
    public Weights exportWeights() {
        Weights weights = new Weights("exported from a model loaded from " + origin);
        Map<String, long[]> shapes = BertNames.shapes(config);
        for (Map.Entry<String, Operand<TFloat32>> e : bert.weights().entrySet()) {
            long[] shape = shapes.get(e.getKey());
            try (Result result = session.runner().fetch(e.getValue()).run()) {
                float[] values = toFloatArray((TFloat32) result.get(0));
                weights.put(new WeightTensor(e.getKey(), shape, FloatBuffer.wrap(values)));
            }
        }
        return weights;
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
        graph.close();
    }

    /**
     * Assigns variables in groups of about {@link #LOAD_GROUP} values: each distinct set of feeds
     * costs TensorFlow a new executor, while one group for all would hold a second copy of every weight.
     */
    private void load(Weights weights) {
        float[] chunk = new float[LOAD_CHUNK];
        List<TFloat32> group = new ArrayList<>();
        Session.Runner runner = session.runner();
        long groupSize = 0;
        try {
            for (Map.Entry<String, VariableLoader> e : loaders.entrySet()) {
                WeightTensor w = weights.get(e.getKey());
                TFloat32 value = TFloat32.tensorOf(Shape.of(w.shape()));
                group.add(value);
                copyFinite(w, weights.origin(), value.asRawTensor().data().asFloats(), chunk);
                runner.feed(e.getValue().value(), value).addTarget(e.getValue().assign());
                groupSize += w.size();
                if (groupSize >= LOAD_GROUP) {
                    runner.run();
                    group.forEach(TFloat32::close);
                    group.clear();
                    runner = session.runner();
                    groupSize = 0;
                }
            }
            if (!group.isEmpty()) {
                runner.run();
            }
        } finally {
            group.forEach(TFloat32::close);
        }
    }

    /**
     * Copies through a float[] chunk, as bulk copies on both sides are many times faster than
     * TensorFlow's element-wise buffer-to-buffer copy; checks every value on the way.
     */
    private static void copyFinite(WeightTensor w, String origin, FloatDataBuffer target, float[] chunk) {
        FloatBuffer source = w.values().duplicate();
        long copied = 0;
        while (source.hasRemaining()) {
            int n = Math.min(chunk.length, source.remaining());
            source.get(chunk, 0, n);
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(chunk[i])) {
                    throw new WeightsException("tensor " + w.name() + " from " + origin + " holds " + chunk[i]
                            + " at element " + (copied + i) + ": the weights are corrupt or diverged");
                }
            }
            target.slice(copied, n).write(chunk, 0, n);
            copied += n;
        }
    }

    private float[][] runAndCopy(Batch batch, List<Operand<TFloat32>> fetches) {
        try (Batch.Tensors inputs = batch.toTensors()) {
            Session.Runner runner = feed(inputs);
            fetches.forEach(runner::fetch);
            try (Result result = runner.run()) {
                float[][] values = new float[fetches.size()][];
                for (int i = 0; i < values.length; i++) {
                    values[i] = toFloatArray((TFloat32) result.get(i));
                }
                return values;
            }
        }
    }

    private static float[] toFloatArray(TFloat32 tensor) {
        float[] values = new float[Math.toIntExact(tensor.size())];
        tensor.asRawTensor().data().asFloats().read(values);
        return values;
    }

    private Session.Runner feed(Batch.Tensors inputs) {
        return session.runner().feed(bert.inputIds(), inputs.ids()).feed(bert.inputMask(), inputs.mask());
    }

    private void checkLayers(int[] layers) {
        if (layers == null || layers.length == 0) {
            throw new IllegalArgumentException("no layers requested: pass hidden-state indices 0.."
                    + config.numHiddenLayers());
        }
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] < 0 || layers[i] > config.numHiddenLayers()) {
                throw new IllegalArgumentException("layer " + layers[i]
                        + " does not exist: hidden states are 0 (embeddings).." + config.numHiddenLayers());
            }
            if (i > 0 && layers[i] <= layers[i - 1]) {
                throw new IllegalArgumentException("layers must be ascending without repeats, got "
                        + Arrays.toString(layers));
            }
        }
    }
}
