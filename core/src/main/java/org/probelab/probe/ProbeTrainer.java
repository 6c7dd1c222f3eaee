package org.probelab.probe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.probelab.Progress;
import org.probelab.model.NativeLibraries;
import org.probelab.represent.LabelledVectors;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Trains probes on one layer's vectors. MLPs: mini-batch Adam, early stopping on dev accuracy, the
 * parameters of the best dev epoch kept. Linear probes: the convex optimum of L2-regularised
 * softmax regression ({@link SoftmaxRegression}). Probes see the raw vectors (no standardisation),
 * as in the probing papers. The label set is the sorted set of training labels; dev labels never
 * seen in training simply count as errors.
 */
public final class ProbeTrainer {
    private final String subject;
    private final Progress progress;

    /**
     * @param subject  what is probed, e.g. "layer 7", named in progress and in error messages
     * @param progress receives one update per epoch
     */
    public ProbeTrainer(String subject, Progress progress) {
        NativeLibraries.keepInConfiguredCache();
        this.subject = subject;
        this.progress = progress;
    }

    public TrainedProbe train(ProbeConfig config, LabelledVectors train, LabelledVectors dev) {
        return trainTogether(List.of(config), train, dev).get(0);
    }

    /**
     * Trains several probes of one kind side by side, one step updating all of them: MLPs of any
     * hidden sizes (grouped by shape in one graph) that share learning rate and batch size, differing
     * in L2 weight, seed, epochs and patience; or linear probes. Returns them in the order of
     * {@code configs}.
     */
    public List<TrainedProbe> trainTogether(List<ProbeConfig> configs, LabelledVectors train, LabelledVectors dev) {
        return trainTogether(configs, train, dev, LabelSet.ofTraining(train.labels()), Long.MAX_VALUE);
    }

    /**
     * As {@link #trainTogether(List, LabelledVectors, LabelledVectors)}, but every MLP stops after
     * {@code stepBudget} optimizer steps at the latest, scored on dev where it stops (the rungs of a
     * successive-halving search). Linear probes ignore the budget: they are solved to their optimum.
     */
    List<TrainedProbe> trainTogether(List<ProbeConfig> configs, LabelledVectors train, LabelledVectors dev,
                                     long stepBudget) {
        return trainTogether(configs, train, dev, LabelSet.ofTraining(train.labels()), stepBudget);
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
        return trainTogether(configs, train, dev, LabelSet.ofTraining(labels), Long.MAX_VALUE);
    }

    private List<TrainedProbe> trainTogether(List<ProbeConfig> configs, LabelledVectors train, LabelledVectors dev,
                                             LabelSet labels, long stepBudget) {
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("no probe configs to train");
        }
        ProbeConfig first = configs.get(0);
        for (ProbeConfig config : configs) {
            if (!config.trainsAlongside(first)) {
                throw new IllegalArgumentException("probes trained together need one kind, learning rate and batch"
                        + " size: " + first.describe() + " vs " + config.describe());
            }
        }
        InputChecks.requireUsable(subject, "train", train, train.dim());
        InputChecks.requireUsable(subject, "dev", dev, train.dim());
        String task = "probe " + subject + " " + first.describe()
                + (configs.size() > 1 ? " +" + (configs.size() - 1) : "");
        if (first.kind() == ProbeKind.LINEAR) {
            progress.update(task, 0, 1);
            List<TrainedProbe> probes = SoftmaxRegression.fit(subject, configs, train, labels, dev);
            progress.update(task, 1, 1);
            return probes;
        }
        Shapes shapes = Shapes.of(configs, train.dim(), labels.size());
        try (ProbeGroupGraph graph = new ProbeGroupGraph(shapes.widths(), shapes.l2(), train.rows(), dev.rows());
             TFloat32 learningRate = TFloat32.scalarOf((float) first.learningRate())) {
            graph.upload(train, labels.indices(train.labels()), dev);
            graph.initialise(initialParameters(shapes, graph));
            List<EarlyStopping> stopping = new Epochs(configs, shapes, graph, learningRate, train.rows(),
                    labels.indices(dev.labels()), task).run(stepBudget);
            TrainedProbe[] probes = new TrainedProbe[configs.size()];
            for (int g = 0; g < shapes.size(); g++) {
                List<float[]> parameters = graph.bestParameters(g);
                int[] members = shapes.members(g);
                for (int slot = 0; slot < members.length; slot++) {
                    int m = members[slot];
                    probes[m] = new TrainedProbe(subject, configs.get(m), labels.labels(), shapes.widths().get(g),
                            memberSlices(parameters, graph, g, slot), stopping.get(m).bestAccuracy(),
                            stopping.get(m).outcome());
                }
            }
            return List.of(probes);
        }
    }

    /** The epoch loop over every probe of a graph: shuffles, steps, dev scores and best-keeping. */
    private final class Epochs {
        final List<ProbeConfig> configs;
        final Shapes shapes;
        final ProbeGroupGraph graph;
        final TFloat32 learningRate;
        final int[] devGold;
        final String task;
        final List<EarlyStopping> stopping = new ArrayList<>();
        final List<Random> orderRandom = new ArrayList<>();
        final List<int[]> orders = new ArrayList<>();

        Epochs(List<ProbeConfig> configs, Shapes shapes, ProbeGroupGraph graph, TFloat32 learningRate, int trainRows,
               int[] devGold, String task) {
            this.configs = configs;
            this.shapes = shapes;
            this.graph = graph;
            this.learningRate = learningRate;
            this.devGold = devGold;
            this.task = task;
            for (ProbeConfig config : configs) {
                stopping.add(new EarlyStopping(config.maxEpochs(), config.patience()));
                orderRandom.add(new Random(config.seed() ^ 0x5DEECE66DL));
                orders.add(identity(trainRows));
            }
        }

        /** Epochs until every probe has stopped or {@code stepBudget} steps are spent; each probe's record. */
        List<EarlyStopping> run(long stepBudget) {
            int maxEpochs = configs.stream().mapToInt(ProbeConfig::maxEpochs).max().orElseThrow();
            long stepsLeft = stepBudget;
            int epochsRun = 0;
            for (int epoch = 1; epoch <= maxEpochs && stepsLeft > 0 && stopping.stream().anyMatch(EarlyStopping::active);
                 epoch++) {
                for (int m = 0; m < configs.size(); m++) {
                    shuffle(orders.get(m), orderRandom.get(m));
                }
                stepsLeft -= trainEpoch(epoch, stepsLeft);
                int[][][] predictions = graph.predictDev();
                boolean[][] better = new boolean[shapes.size()][];
                for (int g = 0; g < shapes.size(); g++) {
                    int[] members = shapes.members(g);
                    better[g] = new boolean[members.length];
                    for (int slot = 0; slot < members.length; slot++) {
                        better[g][slot] = stopping.get(members[slot]).record(epoch,
                                accuracy(predictions[g][slot], devGold));
                    }
                }
                graph.keepBest(better);
                if (stepsLeft <= 0) {
                    stopping.forEach(EarlyStopping::stopForBudget);
                }
                progress.update(task, epoch, maxEpochs);
                epochsRun = epoch;
            }
            // Early stopping ends training before maxEpochs: report it finished at the epochs it took, so a
            // display does not keep an unfinished "4/6" bar.
            if (epochsRun < maxEpochs) {
                progress.update(task, epochsRun, epochsRun);
            }
            return stopping;
        }

        /** One pass over the training rows (or what the budget allows), each probe in its own order; the steps taken. */
        private long trainEpoch(int epoch, long stepsLeft) {
            int batchSize = configs.get(0).batchSize();
            int trainRows = orders.get(0).length;
            long step = 0;
            for (int start = 0; start < trainRows && step < stepsLeft; start += batchSize, step++) {
                int size = Math.min(batchSize, trainRows - start);
                int[][] rows = new int[shapes.size()][];
                for (int g = 0; g < shapes.size(); g++) {
                    int[] members = shapes.members(g);
                    rows[g] = new int[members.length * size];
                    for (int slot = 0; slot < members.length; slot++) {
                        System.arraycopy(orders.get(members[slot]), start, rows[g], slot * size, size);
                    }
                }
                float[][] losses = graph.step(rows, size, learningRate);
                for (int g = 0; g < shapes.size(); g++) {
                    int[] members = shapes.members(g);
                    for (int slot = 0; slot < members.length; slot++) {
                        // A stopped probe's parameters are already kept; only a still-active one can be spoilt.
                        if (stopping.get(members[slot]).active() && !Float.isFinite(losses[g][slot])) {
                            throw new ProbeTrainingException("training the probe " + configs.get(members[slot])
                                    .describe() + " on " + subject + ": the loss became " + losses[g][slot]
                                    + " at epoch " + epoch + ", step " + step + " although the inputs are finite;"
                                    + " the vectors are too large in magnitude for this learning rate - lower it or"
                                    + " scale the vectors");
                        }
                    }
                }
            }
            return step;
        }
    }

    /** Glorot-uniform kernels and zero biases, drawn per probe from its own seed. */
    private static List<List<float[]>> initialParameters(Shapes shapes, ProbeGroupGraph graph) {
        List<List<float[]>> all = new ArrayList<>();
        for (int g = 0; g < shapes.size(); g++) {
            int[] members = shapes.members(g);
            List<Random> random = new ArrayList<>();
            for (int m : members) {
                random.add(new Random(shapes.seed(m)));
            }
            List<float[]> values = new ArrayList<>();
            for (int p = 0; p < 2 * graph.layers(g); p++) {
                Shape shape = graph.parameterShape(g, p);
                float[] value = new float[(int) shape.size()];
                if (p < graph.layers(g)) {
                    int perProbe = (int) (shape.get(1) * shape.get(2));
                    float limit = (float) Math.sqrt(6.0 / (shape.get(1) + shape.get(2)));
                    for (int slot = 0; slot < members.length; slot++) {
                        Random r = random.get(slot);
                        for (int i = slot * perProbe; i < (slot + 1) * perProbe; i++) {
                            value[i] = (2 * r.nextFloat() - 1) * limit;
                        }
                    }
                }
                values.add(value);
            }
            all.add(values);
        }
        return all;
    }

    private static List<float[]> memberSlices(List<float[]> parameters, ProbeGroupGraph graph, int group, int slot) {
        List<float[]> slices = new ArrayList<>();
        for (int p = 0; p < parameters.size(); p++) {
            Shape shape = graph.parameterShape(group, p);
            int size = (int) (shape.size() / shape.get(0));
            float[] slice = new float[size];
            System.arraycopy(parameters.get(p), slot * size, slice, 0, size);
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
