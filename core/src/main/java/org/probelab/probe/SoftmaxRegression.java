package org.probelab.probe;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.probelab.represent.LabelledVectors;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Linear probes: multinomial logistic regression, mean cross-entropy plus {@code l2} times the
 * squared weights (not the biases), minimised over the full training set by {@link Lbfgs} from zero.
 * The objective is strictly convex, so the result is its unique optimum whatever the seed and
 * whatever the scale of the vectors; the L2 weights of one search are fitted side by side, one graph
 * run evaluating all of them.
 */
final class SoftmaxRegression implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final int members;
    private final int dim;
    private final int labels;
    private Placeholder<TFloat32> vectorsFeed;
    private Placeholder<TInt32> labelsFeed;
    private Op upload;
    private Placeholder<TFloat32> kernels;
    private Placeholder<TFloat32> biases;
    private Operand<TFloat32> losses;
    private Output<TFloat32> kernelGradient;
    private Output<TFloat32> biasGradient;

    private SoftmaxRegression(int rows, int dim, int labels, float[] l2) {
        this.members = l2.length;
        this.dim = dim;
        this.labels = labels;
        try {
            build(Ops.create(graph), rows, l2);
            session = new Session(graph);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    /**
     * Fits one linear probe per config on {@code train}. Configs differ only in L2 weight (and seed,
     * which changes nothing here): each distinct weight is fitted once.
     */
    static List<TrainedProbe> fit(String subject, List<ProbeConfig> configs, LabelledVectors train, LabelSet labelSet,
                                  LabelledVectors dev) {
        List<Double> weights = configs.stream().map(ProbeConfig::l2).distinct().toList();
        float[] l2 = new float[weights.size()];
        for (int m = 0; m < l2.length; m++) {
            l2[m] = weights.get(m).floatValue();
        }
        int maxIterations = configs.stream().mapToInt(ProbeConfig::maxEpochs).max().orElseThrow();
        int labels = labelSet.size();
        Lbfgs.Result[] results;
        try (SoftmaxRegression objective = new SoftmaxRegression(train.rows(), train.dim(), labels, l2)) {
            objective.upload(train, labelSet.indices(train.labels()));
            results = Lbfgs.minimize((points, gradients) -> {
                double[] values = objective.evaluate(points, gradients);
                requireFinite(subject, configs, weights, values, gradients);
                return values;
            }, new double[l2.length][(train.dim() + 1) * labels], maxIterations);
        }
        List<TrainedProbe> fitted = new ArrayList<>();
        for (int m = 0; m < results.length; m++) {
            Lbfgs.Result result = results[m];
            if (result.stalled() && result.iterations() == 0) {
                throw new ProbeTrainingException("training the probe " + configs.get(0).withL2(weights.get(m)).describe()
                        + " on " + subject + ": not one step lowered the loss from its start, although the inputs are"
                        + " finite; the vectors are too large in magnitude for float32 - scale them down");
            }
            float[] kernel = new float[train.dim() * labels];
            float[] bias = new float[labels];
            for (int i = 0; i < kernel.length; i++) {
                kernel[i] = (float) result.x()[i];
            }
            for (int c = 0; c < labels; c++) {
                bias[c] = (float) result.x()[kernel.length + c];
            }
            TrainingOutcome outcome = new TrainingOutcome(result.iterations(), result.iterations(),
                    result.budgetRanOut());
            TrainedProbe unscored = new TrainedProbe(subject, configs.get(0), labelSet.labels(),
                    List.of(train.dim(), labels), List.of(kernel, bias), Double.NaN, outcome);
            fitted.add(unscored.withDevAccuracy(unscored.evaluate(dev).accuracy()));
        }
        return configs.stream().map(c -> fitted.get(weights.indexOf(c.l2())).withConfig(c)).toList();
    }

    private static void requireFinite(String subject, List<ProbeConfig> configs, List<Double> weights,
                                      double[] values, double[][] gradients) {
        for (int m = 0; m < values.length; m++) {
            boolean finite = Double.isFinite(values[m]);
            for (int i = 0; finite && i < gradients[m].length; i++) {
                finite = Double.isFinite(gradients[m][i]);
            }
            if (!finite) {
                ProbeConfig config = configs.get(0).withL2(weights.get(m));
                throw new ProbeTrainingException("training the probe " + config.describe() + " on " + subject
                        + ": the loss or its gradient became " + values[m] + " although the inputs are finite; the"
                        + " vectors are too large in magnitude for float32 - scale them down");
            }
        }
    }

    private void build(Ops tf, int rows, float[] l2) {
        Variable<TFloat32> vectors = tf.variable(Shape.of(rows, dim), TFloat32.class);
        Variable<TInt32> gold = tf.variable(Shape.of(rows), TInt32.class);
        vectorsFeed = tf.placeholder(TFloat32.class);
        labelsFeed = tf.placeholder(TInt32.class);
        upload = tf.withControlDependencies(List.of(tf.assign(vectors, vectorsFeed), tf.assign(gold, labelsFeed)))
                .noOp();
        kernels = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(members, dim, labels)));
        biases = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(members, 1, labels)));
        Operand<TFloat32> x = tf.expandDims(tf.identity(vectors), tf.constant(0));
        Operand<TFloat32> logits = ProbeNetwork.logits(tf, x, List.of(kernels), List.of(biases));
        // Every probe is scored against the same gold labels: [members * rows] class indices.
        Operand<TInt32> everyProbesGold = tf.tile(tf.identity(gold), tf.constant(new int[] {members}));
        Operand<TFloat32> oneHot = tf.oneHot(everyProbesGold, tf.constant(labels), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> crossEntropy = tf.nn.softmaxCrossEntropyWithLogits(
                tf.reshape(logits, tf.constant(new int[] {-1, labels})), oneHot).loss();
        Operand<TFloat32> mean = tf.math.mean(tf.reshape(crossEntropy, tf.constant(new int[] {members, -1})),
                tf.constant(1));
        Operand<TFloat32> squared = tf.reduceSum(tf.math.square(kernels), tf.constant(new int[] {1, 2}));
        losses = tf.math.add(mean, tf.math.mul(tf.constant(l2), squared));
        Gradients gradients = tf.gradients(tf.reduceSum(losses, tf.constant(0)), List.of(kernels, biases));
        kernelGradient = gradients.dy(0);
        biasGradient = gradients.dy(1);
    }

    private void upload(LabelledVectors train, int[] gold) {
        FloatBuffer values = train.vectors().slice(0, train.rows() * train.dim());
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(train.rows(), train.dim()), DataBuffers.of(values));
             TInt32 y = TInt32.vectorOf(gold)) {
            session.runner().feed(vectorsFeed, x).feed(labelsFeed, y).addTarget(upload).run();
        }
    }

    /** Objective values at {@code points} (each: the kernel row-major, then the biases); gradients likewise. */
    private double[] evaluate(double[][] points, double[][] gradients) {
        int kernelSize = dim * labels;
        float[] kernelValues = new float[members * kernelSize];
        float[] biasValues = new float[members * labels];
        for (int m = 0; m < members; m++) {
            for (int i = 0; i < kernelSize; i++) {
                kernelValues[m * kernelSize + i] = (float) points[m][i];
            }
            for (int c = 0; c < labels; c++) {
                biasValues[m * labels + c] = (float) points[m][kernelSize + c];
            }
        }
        float[] loss = new float[members];
        float[] kernelGradients = new float[kernelValues.length];
        float[] biasGradients = new float[biasValues.length];
        try (TFloat32 k = TFloat32.tensorOf(Shape.of(members, dim, labels), DataBuffers.of(kernelValues, true, false));
             TFloat32 b = TFloat32.tensorOf(Shape.of(members, 1, labels), DataBuffers.of(biasValues, true, false));
             Result result = session.runner().feed(kernels, k).feed(biases, b)
                     .fetch(losses).fetch(kernelGradient).fetch(biasGradient).run()) {
            ((TFloat32) result.get(0)).copyTo(DataBuffers.of(loss, false, false));
            ((TFloat32) result.get(1)).copyTo(DataBuffers.of(kernelGradients, false, false));
            ((TFloat32) result.get(2)).copyTo(DataBuffers.of(biasGradients, false, false));
        }
        double[] values = new double[members];
        for (int m = 0; m < members; m++) {
            values[m] = loss[m];
            for (int i = 0; i < kernelSize; i++) {
                gradients[m][i] = kernelGradients[m * kernelSize + i];
            }
            for (int c = 0; c < labels; c++) {
                gradients[m][kernelSize + c] = biasGradients[m * labels + c];
            }
        }
        return values;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
