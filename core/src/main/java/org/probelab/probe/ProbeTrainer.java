package org.probelab.probe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.probelab.Progress;
import org.probelab.represent.LabelledVectors;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Trains probes on one layer's vectors: mini-batch Adam, early stopping on dev accuracy, the
 * parameters of the best dev epoch kept. Probes see the raw vectors (no standardisation), as in
 * the probing papers. The label set is the sorted set of training labels; dev labels never seen in
 * training simply count as errors.
 */
public final class ProbeTrainer {
    private final String subject;
    private final Progress progress;

    /**
     * @param subject  what is probed, e.g. "layer 7", named in progress and in error messages
     * @param progress receives one update per epoch
     */
    public ProbeTrainer(String subject, Progress progress) {
        this.subject = subject;
        this.progress = progress;
    }

    public TrainedProbe train(ProbeConfig config, LabelledVectors train, LabelledVectors dev) {
        return trainTogether(List.of(config), train, dev).get(0);
    }

    /**
     * Trains several probes of the same shape (kind, hidden sizes, learning rate, batch size) in one
     * graph, one step updating all of them; they may differ in L2 weight, seed, epochs and patience.
     * Returns them in the order of {@code configs}.
     */
    public List<TrainedProbe> trainTogether(List<ProbeConfig> configs, LabelledVectors train, LabelledVectors dev) {
        return trainTogether(configs, train, dev, LabelSet.ofTraining(train.labels()));
    }

    /**
     * {@link #trainTogether(List, LabelledVectors, LabelledVectors)} with an output for every label of
     * {@code labels} (a superset of the training labels), e.g. all labels of a task when the probe sees only
     * a first block of its items and must still give the later ones a probability.
     */
    public List<TrainedProbe> trainTogether(List<ProbeConfig> configs, LabelledVectors train, LabelledVectors dev,
                                            Collection<String> labels) {
        Set<String> known = Set.copyOf(labels);
        List<String> missing = train.labels().stream().filter(l -> !known.contains(l)).distinct().toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("training labels " + missing + " of " + subject
                    + " are not among the probe's labels " + labels);
        }
        return trainTogether(configs, train, dev, LabelSet.ofTraining(labels));
    }

    private List<TrainedProbe> trainTogether(List<ProbeConfig> configs, LabelledVectors train, LabelledVectors dev,
                                             LabelSet labels) {
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("no probe configs to train");
        }
        ProbeConfig first = configs.get(0);
        for (ProbeConfig config : configs) {
            if (!config.sameShapeAs(first)) {
                throw new IllegalArgumentException("probes trained together need one shape, learning rate and batch"
                        + " size: " + first.describe() + " vs " + config.describe());
            }
        }
        InputChecks.requireUsable(subject, "train", train, train.dim());
        InputChecks.requireUsable(subject, "dev", dev, train.dim());
        List<Integer> widths = first.kind().widths(first, train.dim(), labels.size());
        float[] l2 = new float[configs.size()];
        for (int m = 0; m < l2.length; m++) {
            l2[m] = (float) configs.get(m).l2();
        }
        try (ProbeGroupGraph graph = new ProbeGroupGraph(widths, l2, train.rows(), dev.rows());
             TFloat32 learningRate = TFloat32.scalarOf((float) first.learningRate())) {
            graph.upload(train, labels.indices(train.labels()), dev);
            graph.initialise(initialParameters(configs, graph));
            List<EarlyStopping> stopping = run(configs, graph, learningRate, train.rows(),
                    labels.indices(dev.labels()));
            List<float[]> parameters = graph.bestParameters();
            List<TrainedProbe> probes = new ArrayList<>();
            for (int m = 0; m < configs.size(); m++) {
                probes.add(new TrainedProbe(subject, configs.get(m), labels.labels(), widths,
                        memberSlices(parameters, graph, m), stopping.get(m).bestAccuracy(),
                        stopping.get(m).bestEpoch()));
            }
            return probes;
        }
    }

    /** Epochs until every probe has stopped; returns each probe's early-stopping record. */
    private List<EarlyStopping> run(List<ProbeConfig> configs, ProbeGroupGraph graph, TFloat32 learningRate,
                                    int trainRows, int[] devGold) {
        List<EarlyStopping> stopping = new ArrayList<>();
        List<Random> orderRandom = new ArrayList<>();
        List<int[]> orders = new ArrayList<>();
        for (ProbeConfig config : configs) {
            stopping.add(new EarlyStopping(config.maxEpochs(), config.patience()));
            orderRandom.add(new Random(config.seed() ^ 0x5DEECE66DL));
            orders.add(identity(trainRows));
        }
        int maxEpochs = configs.stream().mapToInt(ProbeConfig::maxEpochs).max().orElseThrow();
        String task = "probe " + subject + " " + configs.get(0).describe()
                + (configs.size() > 1 ? " +" + (configs.size() - 1) : "");
        for (int epoch = 1; epoch <= maxEpochs && stopping.stream().anyMatch(EarlyStopping::active); epoch++) {
            for (int m = 0; m < configs.size(); m++) {
                shuffle(orders.get(m), orderRandom.get(m));
            }
            trainEpoch(configs, graph, learningRate, orders, stopping, epoch);
            int[][] predictions = graph.predictDev();
            boolean[] better = new boolean[configs.size()];
            for (int m = 0; m < configs.size(); m++) {
                better[m] = stopping.get(m).record(epoch, accuracy(predictions[m], devGold));
            }
            graph.keepBest(better);
            progress.update(task, epoch, maxEpochs);
        }
        return stopping;
    }

    /** One pass over the training rows, each probe in its own order, all probes stepping together. */
    private void trainEpoch(List<ProbeConfig> configs, ProbeGroupGraph graph, TFloat32 learningRate,
                            List<int[]> orders, List<EarlyStopping> stopping, int epoch) {
        int members = configs.size();
        int batchSize = configs.get(0).batchSize();
        int trainRows = orders.get(0).length;
        int step = 0;
        for (int start = 0; start < trainRows; start += batchSize, step++) {
            int size = Math.min(batchSize, trainRows - start);
            int[] rows = new int[members * size];
            for (int m = 0; m < members; m++) {
                System.arraycopy(orders.get(m), start, rows, m * size, size);
            }
            float[] losses = graph.step(rows, size, learningRate);
            for (int m = 0; m < members; m++) {
                // A stopped probe's parameters are already kept; only a still-active one can be spoilt.
                if (stopping.get(m).active() && !Float.isFinite(losses[m])) {
                    throw new ProbeTrainingException("training the probe " + configs.get(m).describe() + " on "
                            + subject + ": the loss became " + losses[m] + " at epoch " + epoch + ", step " + step
                            + " although the inputs are finite; the vectors are too large in magnitude for"
                            + " this learning rate - lower it or scale the vectors");
                }
            }
        }
    }

    /** Glorot-uniform kernels and zero biases, drawn per probe from its own seed. */
    private static List<float[]> initialParameters(List<ProbeConfig> configs, ProbeGroupGraph graph) {
        List<Random> random = configs.stream().map(c -> new Random(c.seed())).toList();
        List<float[]> values = new ArrayList<>();
        for (int p = 0; p < 2 * graph.layers(); p++) {
            Shape shape = graph.parameterShape(p);
            float[] value = new float[(int) shape.size()];
            if (p < graph.layers()) {
                int perProbe = (int) (shape.get(1) * shape.get(2));
                float limit = (float) Math.sqrt(6.0 / (shape.get(1) + shape.get(2)));
                for (int m = 0; m < configs.size(); m++) {
                    Random r = random.get(m);
                    for (int i = m * perProbe; i < (m + 1) * perProbe; i++) {
                        value[i] = (2 * r.nextFloat() - 1) * limit;
                    }
                }
            }
            values.add(value);
        }
        return values;
    }

    private static List<float[]> memberSlices(List<float[]> parameters, ProbeGroupGraph graph, int member) {
        List<float[]> slices = new ArrayList<>();
        for (int p = 0; p < parameters.size(); p++) {
            int size = (int) (graph.parameterShape(p).size() / graph.parameterShape(p).get(0));
            float[] slice = new float[size];
            System.arraycopy(parameters.get(p), member * size, slice, 0, size);
            slices.add(slice);
        }
        return slices;
    }

    private static double accuracy(int[] predicted, int[] gold) {
        int correct = 0;
        for (int i = 0; i < gold.length; i++) {
            correct += predicted[i] == gold[i] ? 1 : 0;
        }
        return (double) correct / gold.length;
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
