package org.probelab.probe;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.probelab.represent.LabelledVectors;
import org.probelab.train.AdamW;
import org.probelab.train.ParameterGroup;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One graph and session training {@code M} probes of the same shape side by side (the leading
 * "model" axis of {@link ProbeNetwork}): one step updates all of them. The train and dev vectors are
 * uploaded once into variables; a step feeds only a {@code [M, B]} block of row indices, one row of
 * it per probe, so each probe sees its own batch order.
 */
final class ProbeGroupGraph implements AutoCloseable {
    private static final int DEV_CHUNK = 8192;

    private final Graph graph = new Graph();
    private final Session session;
    private final int members;
    private final List<Integer> widths;
    private final int devRowCount;

    // The graph's pieces, set once by the build methods the constructor calls.
    private Variable<TFloat32> trainVectors;
    private Variable<TInt32> trainLabels;
    private Variable<TFloat32> devVectors;
    private Placeholder<TFloat32> trainVectorsFeed;
    private Placeholder<TInt32> trainLabelsFeed;
    private Placeholder<TFloat32> devVectorsFeed;
    private Op upload;
    private final List<Variable<TFloat32>> parameters = new ArrayList<>();
    private final List<Variable<TFloat32>> best = new ArrayList<>();
    private final List<Placeholder<TFloat32>> initialFeeds = new ArrayList<>();
    private Op initialise;
    private List<Operand<TFloat32>> kernelValues;
    private List<Operand<TFloat32>> biasValues;
    private Placeholder<TInt32> batch;
    private Operand<TFloat32> memberLosses;
    private AdamW adam;
    private Placeholder<TInt32> devRows;
    private Operand<TInt32> devPredictions;
    private Placeholder<TBool> improved;
    private Op keepBest;

    ProbeGroupGraph(List<Integer> widths, float[] l2, int trainRows, int devRows) {
        this.members = l2.length;
        this.widths = List.copyOf(widths);
        this.devRowCount = devRows;
        try {
            Ops tf = Ops.create(graph);
            buildData(tf.withSubScope("data"), trainRows, devRows);
            buildParameters(tf.withSubScope("probe"));
            buildTraining(tf, l2);
            buildDevPrediction(tf);
            buildBestKeeping(tf);
            session = new Session(graph);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /** Variables holding the train and dev split, filled once by {@link #upload}. */
    private void buildData(Ops tf, int trainRows, int devRows) {
        int dim = widths.get(0);
        trainVectors = tf.variable(Shape.of(trainRows, dim), TFloat32.class);
        trainLabels = tf.variable(Shape.of(trainRows), TInt32.class);
        devVectors = tf.variable(Shape.of(devRows, dim), TFloat32.class);
        trainVectorsFeed = tf.placeholder(TFloat32.class);
        trainLabelsFeed = tf.placeholder(TInt32.class);
        devVectorsFeed = tf.placeholder(TFloat32.class);
        upload = tf.withControlDependencies(List.of(tf.assign(trainVectors, trainVectorsFeed),
                tf.assign(trainLabels, trainLabelsFeed), tf.assign(devVectors, devVectorsFeed))).noOp();
    }

    /** Kernels then biases of every layer, each with a best-so-far copy, set by {@link #initialise}. */
    private void buildParameters(Ops tf) {
        List<Op> initialAssignments = new ArrayList<>();
        for (int p = 0; p < 2 * layers(); p++) {
            String name = (p < layers() ? "kernel_" : "bias_") + p % layers();
            parameters.add(parameter(tf, name, parameterShape(p), initialAssignments));
        }
        initialise = tf.withControlDependencies(initialAssignments).noOp();
        // Ops read reference variables through Identity: several kernels reject float_ref inputs.
        List<Operand<TFloat32>> values = parameters.stream().<Operand<TFloat32>>map(tf::identity).toList();
        kernelValues = values.subList(0, layers());
        biasValues = values.subList(layers(), 2 * layers());
    }

    /** The per-probe losses of a fed {@code [M, B]} block of train rows, and the Adam step on their sum. */
    private void buildTraining(Ops tf, float[] l2) {
        batch = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(members, -1)));
        Operand<TFloat32> x = tf.gather(tf.identity(trainVectors), batch, tf.constant(0));
        Operand<TInt32> y = tf.gather(tf.identity(trainLabels), batch, tf.constant(0));
        memberLosses = memberLosses(tf, ProbeNetwork.logits(tf, x, kernelValues, biasValues), y, l2);
        // The probes' L2 penalty lives in the loss, so the optimizer itself decays nothing.
        adam = AdamW.minimize(tf, tf.reduceSum(memberLosses, tf.constant(0)),
                List.of(new ParameterGroup("probe", parameters, 0f)), AdamW.Settings.adam());
    }

    /** Every probe's predicted class for a fed list of dev rows (all probes see the same rows). */
    private void buildDevPrediction(Ops tf) {
        devRows = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> x = tf.expandDims(tf.gather(tf.identity(devVectors), devRows, tf.constant(0)),
                tf.constant(0));
        devPredictions = tf.math.argMax(ProbeNetwork.logits(tf, x, kernelValues, biasValues), tf.constant(2),
                TInt32.class);
    }

    /** Copies the parameters of the probes flagged in a fed {@code [M]} mask into their best-so-far copies. */
    private void buildBestKeeping(Ops tf) {
        improved = tf.placeholder(TBool.class, Placeholder.shape(Shape.of(members)));
        // tf.select is SelectV2, which broadcasts: one flag per probe spans all of its parameters.
        Operand<TBool> perProbe = tf.reshape(improved, tf.constant(new int[] {members, 1, 1}));
        List<Op> keep = new ArrayList<>();
        for (int p = 0; p < parameters.size(); p++) {
            Variable<TFloat32> snapshot = best.get(p);
            Operand<TFloat32> kept = tf.select(perProbe, tf.identity(parameters.get(p)), tf.identity(snapshot));
            keep.add(tf.assign(snapshot, kept));
        }
        keepBest = tf.withControlDependencies(keep).noOp();
    }

    /** A trained variable and its best-so-far copy, both set from one initial-value feed. */
    private Variable<TFloat32> parameter(Ops tf, String name, Shape shape, List<Op> initialAssignments) {
        Variable<TFloat32> variable = tf.withName(name).variable(shape, TFloat32.class);
        Variable<TFloat32> bestCopy = tf.withName(name + "_best").variable(shape, TFloat32.class);
        Placeholder<TFloat32> feed = tf.withName(name + "_initial").placeholder(TFloat32.class,
                Placeholder.shape(shape));
        initialFeeds.add(feed);
        initialAssignments.add(tf.assign(variable, feed));
        initialAssignments.add(tf.assign(bestCopy, feed));
        best.add(bestCopy);
        return variable;
    }

    /** Mean cross-entropy of each probe plus its L2 weight times its squared kernel norm: {@code [M]}. */
    private Operand<TFloat32> memberLosses(Ops tf, Operand<TFloat32> logits, Operand<TInt32> gold, float[] l2) {
        int labels = widths.get(widths.size() - 1);
        Operand<TInt32> flat = tf.constant(new int[] {-1, labels});
        Operand<TFloat32> oneHot = tf.oneHot(gold, tf.constant(labels), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> crossEntropy = tf.nn.softmaxCrossEntropyWithLogits(
                tf.reshape(logits, flat), tf.reshape(oneHot, flat)).loss();
        Operand<TFloat32> perProbe = tf.math.mean(tf.reshape(crossEntropy, tf.constant(new int[] {members, -1})),
                tf.constant(1));
        Operand<TFloat32> squaredWeights = null;
        for (Operand<TFloat32> kernel : kernelValues) {
            Operand<TFloat32> sum = tf.reduceSum(tf.math.square(kernel), tf.constant(new int[] {1, 2}));
            squaredWeights = squaredWeights == null ? sum : tf.math.add(squaredWeights, sum);
        }
        return tf.math.add(perProbe, tf.math.mul(tf.constant(l2), squaredWeights));
    }

    void upload(LabelledVectors train, int[] trainLabels, LabelledVectors dev) {
        try (TFloat32 trainX = matrix(train); TInt32 trainY = TInt32.vectorOf(trainLabels);
             TFloat32 devX = matrix(dev)) {
            session.runner().feed(trainVectorsFeed, trainX).feed(trainLabelsFeed, trainY)
                    .feed(devVectorsFeed, devX).addTarget(upload).run();
        }
    }

    /** Sets every probe's parameters; {@code values.get(p)} holds parameter p ({@link #parameterShape}) of all probes. */
    void initialise(List<float[]> values) {
        List<TFloat32> tensors = new ArrayList<>();
        try {
            Session.Runner runner = session.runner().addTarget(initialise);
            for (int p = 0; p < values.size(); p++) {
                TFloat32 tensor = TFloat32.tensorOf(parameterShape(p), DataBuffers.of(values.get(p), true, false));
                tensors.add(tensor);
                runner.feed(initialFeeds.get(p), tensor);
            }
            runner.run();
        } finally {
            tensors.forEach(TFloat32::close);
        }
    }

    /**
     * One optimizer step; {@code rows} holds {@code M} rows of {@code batchSize} train indices.
     * Returns each probe's loss before the step.
     */
    float[] step(int[] rows, int batchSize, TFloat32 learningRate) {
        try (TInt32 indices = TInt32.tensorOf(Shape.of(members, batchSize), DataBuffers.of(rows, true, false));
             Result result = session.runner().feed(batch, indices).feed(adam.learningRate(), learningRate)
                     .fetch(memberLosses).addTarget(adam.step()).run()) {
            float[] losses = new float[members];
            ((TFloat32) result.get(0)).copyTo(DataBuffers.of(losses, false, false));
            return losses;
        }
    }

    /** Each probe's predicted class for every dev row: {@code [M][devRows]}. */
    int[][] predictDev() {
        int[][] predictions = new int[members][devRowCount];
        for (int start = 0; start < devRowCount; start += DEV_CHUNK) {
            int size = Math.min(DEV_CHUNK, devRowCount - start);
            int[] rows = new int[size];
            for (int i = 0; i < size; i++) {
                rows[i] = start + i;
            }
            int[] chunk = new int[members * size];
            try (TInt32 indices = TInt32.vectorOf(rows);
                 Result result = session.runner().feed(devRows, indices).fetch(devPredictions).run()) {
                ((TInt32) result.get(0)).copyTo(DataBuffers.of(chunk, false, false));
            }
            for (int m = 0; m < members; m++) {
                System.arraycopy(chunk, m * size, predictions[m], start, size);
            }
        }
        return predictions;
    }

    /** Copies the current parameters of the probes flagged in {@code better} into their best-so-far copies. */
    void keepBest(boolean[] better) {
        try (TBool flags = TBool.vectorOf(better)) {
            session.runner().feed(improved, flags).addTarget(keepBest).run();
        }
    }

    /** The best-so-far parameters, in the order of {@link #initialise}, each for all probes. */
    List<float[]> bestParameters() {
        Session.Runner runner = session.runner();
        best.forEach(runner::fetch);
        List<float[]> values = new ArrayList<>();
        try (Result result = runner.run()) {
            for (int p = 0; p < best.size(); p++) {
                float[] value = new float[(int) parameterShape(p).size()];
                ((TFloat32) result.get(p)).copyTo(DataBuffers.of(value, false, false));
                values.add(value);
            }
        }
        return values;
    }

    int layers() {
        return widths.size() - 1;
    }

    /** Parameter p: kernels first (one per layer), then biases. */
    Shape parameterShape(int p) {
        int layers = layers();
        int layer = p % layers;
        return p < layers ? Shape.of(members, widths.get(layer), widths.get(layer + 1))
                : Shape.of(members, 1, widths.get(layer + 1));
    }

    private static TFloat32 matrix(LabelledVectors data) {
        FloatBuffer values = data.vectors().slice(0, data.rows() * data.dim());
        return TFloat32.tensorOf(Shape.of(data.rows(), data.dim()), DataBuffers.of(values));
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
