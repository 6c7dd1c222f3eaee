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
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One graph and session training several groups of MLP probes side by side: a group is {@code M}
 * probes of one shape (the leading "model" axis of {@link ProbeNetwork}), and the groups may differ
 * in shape, so the whole grid of a search trains in one session, one step updating every probe. The
 * train and dev vectors are uploaded once into variables that all groups read; a step feeds only a
 * {@code [M, B]} block of row indices per group, one row of it per probe, so each probe sees its own
 * batch order. Every probe's training state (parameters, best-so-far copies, Adam's moments and step
 * counter) can be read out ({@link #state}) and set ({@link #restore}), so that training continues in
 * another graph holding fewer probes: the rounds of a successive-halving search.
 */
final class ProbeGroupGraph implements AutoCloseable {
    private static final int DEV_CHUNK = 8192;
    /**
     * Ops run in the thread that runs the step, one after the other, each op's work spread over TensorFlow's
     * intra-op threads. Left to TensorFlow, a session's ops go to the process's one inter-op pool, sized by the
     * first session made: BERT's extraction session, with one inter-op thread, so the searches of layers probed
     * side by side ({@link ConcurrentLayers}) took turns op by op on that one thread. Measured with two
     * searches of the 128-config grid side by side after a BERT-like session (2 cores, loaded machine, two
     * rounds): 1.7× the steps per second (bench/RESULTS.md).
     */
    private static final ConfigProto SESSION_CONFIG = ConfigProto.newBuilder().setInterOpParallelismThreads(-1)
            .build();

    private final Graph graph = new Graph();
    private final Session session;
    private final int devRowCount;
    private final List<Group> groups = new ArrayList<>();

    // The shared pieces, set once by the build methods the constructor calls.
    private Variable<TFloat32> trainVectors;
    private Variable<TInt32> trainLabels;
    private Variable<TFloat32> devVectors;
    private Placeholder<TFloat32> trainVectorsFeed;
    private Placeholder<TInt32> trainLabelsFeed;
    private Placeholder<TFloat32> devVectorsFeed;
    private Op upload;
    private Op restore;
    private Placeholder<TFloat32> stepFeed;
    private AdamW adam;
    private Placeholder<TInt32> devRows;
    private Op keepBest;

    /** One shape's probes: their layer widths, variables and per-group feeds and outputs. */
    private static final class Group {
        final int members;
        final List<Integer> widths;
        final List<Variable<TFloat32>> parameters = new ArrayList<>();
        final List<Variable<TFloat32>> best = new ArrayList<>();
        final List<Variable<TFloat32>> firstMoments = new ArrayList<>();
        final List<Variable<TFloat32>> secondMoments = new ArrayList<>();
        /** Per parameter, the feeds of {@link #restore}: value, best copy, first and second moment. */
        final List<List<Placeholder<TFloat32>>> stateFeeds = new ArrayList<>();
        List<Operand<TFloat32>> kernelValues;
        List<Operand<TFloat32>> biasValues;
        Placeholder<TInt32> batch;
        Operand<TFloat32> memberLosses;
        Operand<TInt32> devPredictions;
        Placeholder<TBool> improved;

        Group(List<Integer> widths, int members) {
            this.widths = List.copyOf(widths);
            this.members = members;
        }

        int layers() {
            return widths.size() - 1;
        }

        /** Parameter p: kernels first (one per layer), then biases. */
        Shape parameterShape(int p) {
            int layer = p % layers();
            return p < layers() ? Shape.of(members, widths.get(layer), widths.get(layer + 1))
                    : Shape.of(members, 1, widths.get(layer + 1));
        }
    }

    /**
     * @param widths per group, the layer widths of its probes (input first, label count last)
     * @param l2     per group, one L2 weight per probe
     */
    ProbeGroupGraph(List<List<Integer>> widths, List<float[]> l2, int trainRows, int devRows) {
        this.devRowCount = devRows;
        for (int g = 0; g < widths.size(); g++) {
            groups.add(new Group(widths.get(g), l2.get(g).length));
        }
        try {
            Ops tf = Ops.create(graph);
            buildData(tf.withSubScope("data"), trainRows, devRows, widths.get(0).get(0));
            List<Variable<TFloat32>> variables = new ArrayList<>();
            List<Operand<TFloat32>> gradients = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                Ops scope = tf.withSubScope("group_" + g);
                Group group = groups.get(g);
                buildParameters(scope, group);
                gradients.addAll(buildTraining(scope, group, l2.get(g)));
                variables.addAll(group.parameters);
            }
            // The probes' L2 penalty is in their gradients, so the optimizer itself decays nothing.
            adam = AdamW.create(tf, List.of(new ParameterGroup("probes", variables, 0f)), AdamW.Settings.adam(), 0f);
            adam.update(gradients);
            buildRestore(tf);
            buildDevPrediction(tf);
            buildBestKeeping(tf);
            session = new Session(graph, SESSION_CONFIG);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /**
     * One op setting every probe's parameters, best copies and Adam moments, and Adam's step counter,
     * from feeds. Adam's slots follow the order of the variables it was given: group by group.
     */
    private void buildRestore(Ops tf) {
        List<Op> assignments = new ArrayList<>();
        int slot = 0;
        for (Group group : groups) {
            for (int p = 0; p < group.parameters.size(); p++, slot++) {
                AdamW.Slot moments = adam.slots().get(slot);
                group.firstMoments.add(moments.m());
                group.secondMoments.add(moments.v());
                List<Placeholder<TFloat32>> feeds = new ArrayList<>();
                for (Variable<TFloat32> target : List.of(group.parameters.get(p), group.best.get(p), moments.m(),
                        moments.v())) {
                    Placeholder<TFloat32> feed = tf.placeholder(TFloat32.class, Placeholder.shape(group.parameterShape(p)));
                    feeds.add(feed);
                    assignments.add(tf.assign(target, feed));
                }
                group.stateFeeds.add(feeds);
            }
        }
        stepFeed = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        assignments.add(tf.assign(adam.stepCounter(), stepFeed));
        restore = tf.withControlDependencies(assignments).noOp();
    }

    /** Variables holding the train and dev split, filled once by {@link #upload}. */
    private void buildData(Ops tf, int trainRows, int devRows, int dim) {
        trainVectors = tf.variable(Shape.of(trainRows, dim), TFloat32.class);
        trainLabels = tf.variable(Shape.of(trainRows), TInt32.class);
        devVectors = tf.variable(Shape.of(devRows, dim), TFloat32.class);
        trainVectorsFeed = tf.placeholder(TFloat32.class);
        trainLabelsFeed = tf.placeholder(TInt32.class);
        devVectorsFeed = tf.placeholder(TFloat32.class);
        upload = tf.withControlDependencies(List.of(tf.assign(trainVectors, trainVectorsFeed),
                tf.assign(trainLabels, trainLabelsFeed), tf.assign(devVectors, devVectorsFeed))).noOp();
    }

    /** Kernels then biases of every layer, each with a best-so-far copy, set by {@link #restore}. */
    private static void buildParameters(Ops tf, Group group) {
        for (int p = 0; p < 2 * group.layers(); p++) {
            String name = (p < group.layers() ? "kernel_" : "bias_") + p % group.layers();
            Shape shape = group.parameterShape(p);
            group.parameters.add(tf.withName(name).variable(shape, TFloat32.class));
            group.best.add(tf.withName(name + "_best").variable(shape, TFloat32.class));
        }
        // Ops read reference variables through Identity: several kernels reject float_ref inputs.
        List<Operand<TFloat32>> values = group.parameters.stream().<Operand<TFloat32>>map(tf::identity).toList();
        group.kernelValues = values.subList(0, group.layers());
        group.biasValues = values.subList(group.layers(), 2 * group.layers());
    }

    /**
     * The gradients, in parameter order, for a fed {@code [M, B]} block of train rows, or a {@code [1, B]}
     * block that all probes of the group share (gathered once and broadcast by the batched products); the
     * probes' losses go to {@link Group#memberLosses}.
     */
    private List<Operand<TFloat32>> buildTraining(Ops tf, Group group, float[] l2) {
        group.batch = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, -1)));
        Operand<TFloat32> x = tf.gather(tf.identity(trainVectors), group.batch, tf.constant(0));
        Operand<TInt32> gold = tf.gather(tf.identity(trainLabels), group.batch, tf.constant(0));
        ProbeNetwork.Forward forward = ProbeNetwork.forward(tf, x, group.kernelValues, group.biasValues);
        int labels = group.widths.get(group.widths.size() - 1);
        Operand<TFloat32> oneHot = tf.broadcastTo(
                tf.oneHot(gold, tf.constant(labels), tf.constant(1f), tf.constant(0f)), tf.shape(forward.logits()));
        ProbeGradients training = ProbeGradients.of(tf, forward, group.kernelValues, oneHot, l2);
        group.memberLosses = training.losses();
        return training.gradients();
    }

    /** Every probe's predicted class for a fed list of dev rows (all probes see the same rows). */
    private void buildDevPrediction(Ops tf) {
        devRows = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> x = tf.expandDims(tf.gather(tf.identity(devVectors), devRows, tf.constant(0)),
                tf.constant(0));
        for (Group group : groups) {
            group.devPredictions = tf.math.argMax(ProbeNetwork.logits(tf, x, group.kernelValues, group.biasValues),
                    tf.constant(2), TInt32.class);
        }
    }

    /** Copies the parameters of the probes flagged in a fed {@code [M]} mask per group into their best-so-far copies. */
    private void buildBestKeeping(Ops tf) {
        List<Op> keep = new ArrayList<>();
        for (Group group : groups) {
            group.improved = tf.placeholder(TBool.class, Placeholder.shape(Shape.of(group.members)));
            // tf.select is SelectV2, which broadcasts: one flag per probe spans all of its parameters.
            Operand<TBool> perProbe = tf.reshape(group.improved, tf.constant(new int[] {group.members, 1, 1}));
            for (int p = 0; p < group.parameters.size(); p++) {
                Variable<TFloat32> snapshot = group.best.get(p);
                Operand<TFloat32> kept = tf.select(perProbe, tf.identity(group.parameters.get(p)),
                        tf.identity(snapshot));
                keep.add(tf.assign(snapshot, kept));
            }
        }
        keepBest = tf.withControlDependencies(keep).noOp();
    }

    void upload(LabelledVectors train, int[] trainLabels, LabelledVectors dev) {
        try (TFloat32 trainX = matrix(train); TInt32 trainY = TInt32.vectorOf(trainLabels);
             TFloat32 devX = matrix(dev)) {
            session.runner().feed(trainVectorsFeed, trainX).feed(trainLabelsFeed, trainY)
                    .feed(devVectorsFeed, devX).addTarget(upload).run();
        }
    }

    /**
     * The training state of all probes of one group: per parameter ({@link #parameterShape} order), its
     * current value, its best-so-far copy and Adam's two moments, each for all probes of the group.
     */
    record GroupState(List<float[]> values, List<float[]> best, List<float[]> firstMoments,
                      List<float[]> secondMoments) {
        /** The four lists in the order of {@link Group#stateFeeds}. */
        List<List<float[]>> parts() {
            return List.of(values, best, firstMoments, secondMoments);
        }
    }

    /**
     * Sets every probe's training state, {@code states.get(g)} for group g, and Adam's step counter
     * (the steps taken so far, which scale Adam's bias correction).
     */
    void restore(List<GroupState> states, long steps) {
        List<TFloat32> tensors = new ArrayList<>();
        try {
            TFloat32 step = TFloat32.scalarOf(steps);
            tensors.add(step);
            Session.Runner runner = session.runner().addTarget(restore).feed(stepFeed, step);
            for (int g = 0; g < groups.size(); g++) {
                Group group = groups.get(g);
                List<List<float[]>> parts = states.get(g).parts();
                for (int p = 0; p < group.stateFeeds.size(); p++) {
                    for (int part = 0; part < parts.size(); part++) {
                        TFloat32 tensor = TFloat32.tensorOf(group.parameterShape(p),
                                DataBuffers.of(parts.get(part).get(p), true, false));
                        tensors.add(tensor);
                        runner.feed(group.stateFeeds.get(p).get(part), tensor);
                    }
                }
            }
            runner.run();
        } finally {
            tensors.forEach(TFloat32::close);
        }
    }

    /** The training state of every probe of group {@code g}, as {@link #restore} takes it. */
    GroupState state(int g) {
        Group group = groups.get(g);
        List<List<Variable<TFloat32>>> parts = List.of(group.parameters, group.best, group.firstMoments,
                group.secondMoments);
        Session.Runner runner = session.runner();
        parts.forEach(variables -> variables.forEach(runner::fetch));
        List<List<float[]>> values = new ArrayList<>();
        try (Result result = runner.run()) {
            int fetched = 0;
            for (List<Variable<TFloat32>> variables : parts) {
                List<float[]> arrays = new ArrayList<>();
                for (int p = 0; p < variables.size(); p++) {
                    float[] value = new float[(int) group.parameterShape(p).size()];
                    ((TFloat32) result.get(fetched++)).copyTo(DataBuffers.of(value, false, false));
                    arrays.add(value);
                }
                values.add(arrays);
            }
        }
        return new GroupState(values.get(0), values.get(1), values.get(2), values.get(3));
    }

    /**
     * One optimizer step of every probe; {@code rows[g]} holds group g's {@code M} rows of
     * {@code batchSize} train indices, or a single row that all its probes share. Returns each probe's
     * mean cross-entropy before the step (without the L2 term), per group.
     */
    float[][] step(int[][] rows, int batchSize, TFloat32 learningRate) {
        List<TInt32> indices = new ArrayList<>();
        try {
            Session.Runner runner = session.runner().feed(adam.learningRate(), learningRate).addTarget(adam.step());
            for (int g = 0; g < groups.size(); g++) {
                Group group = groups.get(g);
                TInt32 block = TInt32.tensorOf(Shape.of(rows[g].length / batchSize, batchSize),
                        DataBuffers.of(rows[g], true, false));
                indices.add(block);
                runner.feed(group.batch, block).fetch(group.memberLosses);
            }
            try (Result result = runner.run()) {
                float[][] losses = new float[groups.size()][];
                for (int g = 0; g < groups.size(); g++) {
                    losses[g] = new float[groups.get(g).members];
                    ((TFloat32) result.get(g)).copyTo(DataBuffers.of(losses[g], false, false));
                }
                return losses;
            }
        } finally {
            indices.forEach(TInt32::close);
        }
    }

    /** Each probe's predicted class for every dev row: {@code [group][member][devRow]}. */
    int[][][] predictDev() {
        int[][][] predictions = new int[groups.size()][][];
        for (int g = 0; g < groups.size(); g++) {
            predictions[g] = new int[groups.get(g).members][devRowCount];
        }
        for (int start = 0; start < devRowCount; start += DEV_CHUNK) {
            int size = Math.min(DEV_CHUNK, devRowCount - start);
            int[] rows = new int[size];
            for (int i = 0; i < size; i++) {
                rows[i] = start + i;
            }
            try (TInt32 indices = TInt32.vectorOf(rows)) {
                Session.Runner runner = session.runner().feed(devRows, indices);
                groups.forEach(group -> runner.fetch(group.devPredictions));
                try (Result result = runner.run()) {
                    for (int g = 0; g < groups.size(); g++) {
                        int members = groups.get(g).members;
                        int[] chunk = new int[members * size];
                        ((TInt32) result.get(g)).copyTo(DataBuffers.of(chunk, false, false));
                        for (int m = 0; m < members; m++) {
                            System.arraycopy(chunk, m * size, predictions[g][m], start, size);
                        }
                    }
                }
            }
        }
        return predictions;
    }

    /** Copies the current parameters of the probes flagged in {@code better[g]} into their best-so-far copies. */
    void keepBest(boolean[][] better) {
        List<TBool> flags = new ArrayList<>();
        try {
            Session.Runner runner = session.runner().addTarget(keepBest);
            for (int g = 0; g < groups.size(); g++) {
                TBool flag = TBool.vectorOf(better[g]);
                flags.add(flag);
                runner.feed(groups.get(g).improved, flag);
            }
            runner.run();
        } finally {
            flags.forEach(TBool::close);
        }
    }

    int layers(int g) {
        return groups.get(g).layers();
    }

    /** Parameter p of group g: kernels first (one per layer), then biases. */
    Shape parameterShape(int g, int p) {
        return groups.get(g).parameterShape(p);
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
