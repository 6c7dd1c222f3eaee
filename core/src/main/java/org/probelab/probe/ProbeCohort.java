package org.probelab.probe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.probelab.Progress;
import org.probelab.represent.LabelledVectors;
import org.tensorflow.types.TFloat32;

/**
 * MLP probes of one layer training side by side, possibly over several rounds: {@link #trainTo} trains
 * some of them until the cohort has taken a given number of optimizer steps, and a later call
 * continues those it names from exactly where they stopped — parameters, best-so-far copies, Adam's
 * moments and step count, batch order, position in the epoch and early-stopping record — in a graph
 * holding only them (a probe that has stopped by patience or at its epoch limit is left out of it and
 * returned as it was). A successive-halving search thus trains each survivor once over its whole budget
 * instead of again from scratch every round; a single call with an unlimited budget is plain training.
 *
 * <p>All probes take their steps in lockstep (one step updates every probe of the graph), so the
 * cohort keeps one step count and one position in the epoch. Dev is scored after each epoch and where
 * a round's budget ends; a score within an epoch can keep a better probe but does not count towards
 * patience, so continuing a probe stops it exactly where training it in one go would have.
 */
final class ProbeCohort {
    private final String subject;
    private final String task;
    private final Progress progress;
    private final List<ProbeConfig> configs;
    private final LabelledVectors train;
    private final LabelledVectors dev;
    private final LabelSet labels;
    private final int[] trainGold;
    private final int[] devGold;
    private final List<EarlyStopping> stopping = new ArrayList<>();
    private final List<Random> orderRandom = new ArrayList<>();
    private final List<int[]> orders = new ArrayList<>();
    /** Members whose training state lives outside a graph between rounds, by member index. */
    private final Map<Integer, MemberState> saved = new HashMap<>();
    /** The share of a graph's parameters in stopped probes that makes the rest move to a smaller graph. */
    static final double SHRINK_SHARE = 0.25;
    private long steps;
    private int epoch = 1;
    private int graphsBuilt;
    private int nextRow;

    /** One probe's training state, per parameter (kernels first, then biases). */
    private record MemberState(List<float[]> values, List<float[]> best, List<float[]> firstMoments,
                               List<float[]> secondMoments) {
    }

    ProbeCohort(String subject, String task, Progress progress, List<ProbeConfig> configs, LabelledVectors train,
                LabelledVectors dev, LabelSet labels) {
        this.subject = subject;
        this.task = task;
        this.progress = progress;
        this.configs = List.copyOf(configs);
        this.train = train;
        this.dev = dev;
        this.labels = labels;
        this.trainGold = labels.indices(train.labels());
        this.devGold = labels.indices(dev.labels());
        for (ProbeConfig config : configs) {
            stopping.add(new EarlyStopping(config.maxEpochs(), config.patience()));
            orderRandom.add(new Random(config.seed() ^ 0x5DEECE66DL));
            orders.add(identity(train.rows()));
        }
    }

    /**
     * Trains {@code members} (indices into the configs) until the cohort's step count reaches
     * {@code totalSteps} or each has stopped by patience or its epoch limit; members left out are
     * dropped for good. Returns the members' probes at their best dev score so far, in the order given.
     */
    List<TrainedProbe> trainTo(int[] members, long totalSteps) {
        saved.keySet().retainAll(Arrays.stream(members).boxed().toList());
        for (int m : members) {
            stopping.get(m).resume();
        }
        // A probe that stopped by patience or at its epoch limit never trains again: it stays out of the graph.
        int[] training = Arrays.stream(members).filter(m -> stopping.get(m).active()).toArray();
        Map<Integer, TrainedProbe> probes = new HashMap<>();
        while (training.length > 0 && train(training, totalSteps, probes)) {
            training = Arrays.stream(training).filter(m -> stopping.get(m).active()).toArray();
        }
        for (int m : members) {
            probes.computeIfAbsent(m, k -> probe(k, configs.get(k).kind().widths(configs.get(k), train.dim(),
                    labels.size()), saved.get(k).best()));
        }
        return Arrays.stream(members).mapToObj(probes::get).toList();
    }

    /**
     * Trains {@code members} in one graph until {@code totalSteps}; puts their probes into {@code probes}.
     * Returns true when it left early at an epoch's end so that the probes still training continue in a
     * smaller graph, without the ones that stopped meanwhile.
     */
    private boolean train(int[] members, long totalSteps, Map<Integer, TrainedProbe> probes) {
        List<ProbeConfig> alive = Arrays.stream(members).mapToObj(configs::get).toList();
        Shapes shapes = Shapes.of(alive, train.dim(), labels.size());
        try (ProbeGroupGraph graph = new ProbeGroupGraph(shapes.widths(), shapes.l2(), train.rows(), dev.rows());
             TFloat32 learningRate = TFloat32.scalarOf((float) alive.get(0).learningRate())) {
            graphsBuilt++;
            graph.upload(train, trainGold, dev);
            List<ProbeGroupGraph.GroupState> states = new ArrayList<>();
            for (int g = 0; g < shapes.size(); g++) {
                states.add(groupState(shapes, g, members));
            }
            graph.restore(states, steps);
            boolean shrinking = run(graph, shapes, members, learningRate, totalSteps);
            for (int g = 0; g < shapes.size(); g++) {
                ProbeGroupGraph.GroupState state = graph.state(g);
                int[] slots = shapes.members(g);
                for (int slot = 0; slot < slots.length; slot++) {
                    int m = members[slots[slot]];
                    MemberState member = new MemberState(slice(state.values(), graph, g, slot),
                            slice(state.best(), graph, g, slot), slice(state.firstMoments(), graph, g, slot),
                            slice(state.secondMoments(), graph, g, slot));
                    saved.put(m, member);
                    probes.put(m, probe(m, shapes.widths().get(g), member.best()));
                }
            }
            return shrinking;
        }
    }

    private TrainedProbe probe(int member, List<Integer> widths, List<float[]> best) {
        return new TrainedProbe(subject, configs.get(member), labels.labels(), widths, best,
                stopping.get(member).bestAccuracy(), stopping.get(member).outcome());
    }

    /**
     * Steps, dev scores and best-keeping until the budget, the epoch limit or early stopping ends it; or until
     * an epoch ends with at least {@value #SHRINK_SHARE} of the graph's parameters in stopped probes, which
     * would otherwise keep computing steps nobody uses: then it returns true and the rest continue in a
     * smaller graph (at an epoch's end, so they train exactly as they would have in this one).
     */
    private boolean run(ProbeGroupGraph graph, Shapes shapes, int[] members, TFloat32 learningRate, long totalSteps) {
        int maxEpochs = 0;
        for (int m : members) {
            maxEpochs = Math.max(maxEpochs, configs.get(m).maxEpochs());
        }
        int touched = 0;
        while (epoch <= maxEpochs && steps < totalSteps && anyActive(members)) {
            if (nextRow == 0) {
                for (int m : members) {
                    shuffle(orders.get(m), orderRandom.get(m));
                }
            }
            steps += trainSteps(graph, shapes, members, learningRate, totalSteps - steps);
            boolean epochEnded = nextRow >= train.rows();
            int[][][] predictions = graph.predictDev();
            boolean[][] better = new boolean[shapes.size()][];
            for (int g = 0; g < shapes.size(); g++) {
                int[] slots = shapes.members(g);
                better[g] = new boolean[slots.length];
                for (int slot = 0; slot < slots.length; slot++) {
                    EarlyStopping record = stopping.get(members[slots[slot]]);
                    double accuracy = accuracy(predictions[g][slot], devGold);
                    better[g][slot] = epochEnded ? record.record(epoch, accuracy) : record.recordWithin(epoch, accuracy);
                }
            }
            graph.keepBest(better);
            progress.update(task, epoch, maxEpochs);
            touched = epoch;
            if (epochEnded) {
                epoch++;
                nextRow = 0;
                if (steps < totalSteps && anyActive(members) && stoppedShare(members) >= SHRINK_SHARE) {
                    return true;
                }
            }
        }
        if (steps >= totalSteps) {
            for (int m : members) {
                stopping.get(m).stopForBudget();
            }
        }
        // Early stopping or the budget ended training before maxEpochs: report it finished at the epochs it
        // took, so a display does not keep an unfinished "4/6" bar.
        if (touched > 0 && touched < maxEpochs) {
            progress.update(task, touched, touched);
        }
        return false;
    }

    /** How many graphs the cohort has built so far: one per round, and one more each time a graph shrank. */
    int graphsBuilt() {
        return graphsBuilt;
    }

    /** The share of {@code members}' parameters that belong to probes no longer training. */
    private double stoppedShare(int[] members) {
        long stopped = 0;
        long all = 0;
        for (int m : members) {
            long size = parameters(m);
            all += size;
            stopped += stopping.get(m).active() ? 0 : size;
        }
        return (double) stopped / all;
    }

    private long parameters(int member) {
        List<Integer> widths = configs.get(member).kind().widths(configs.get(member), train.dim(), labels.size());
        long size = 0;
        for (int i = 0; i + 1 < widths.size(); i++) {
            size += (long) widths.get(i) * widths.get(i + 1);
        }
        return size;
    }

    /** Steps from the current position to the end of the epoch, at most {@code limit}; the steps taken. */
    private long trainSteps(ProbeGroupGraph graph, Shapes shapes, int[] members, TFloat32 learningRate, long limit) {
        int batchSize = configs.get(members[0]).batchSize();
        long taken = 0;
        for (; nextRow < train.rows() && taken < limit; nextRow += batchSize, taken++) {
            int size = Math.min(batchSize, train.rows() - nextRow);
            int[][] rows = new int[shapes.size()][];
            for (int g = 0; g < shapes.size(); g++) {
                int[] slots = shapes.members(g);
                int blocks = sharedOrder(slots, members) ? 1 : slots.length;
                rows[g] = new int[blocks * size];
                for (int slot = 0; slot < blocks; slot++) {
                    System.arraycopy(orders.get(members[slots[slot]]), nextRow, rows[g], slot * size, size);
                }
            }
            float[][] losses = graph.step(rows, size, learningRate);
            for (int g = 0; g < shapes.size(); g++) {
                int[] slots = shapes.members(g);
                for (int slot = 0; slot < slots.length; slot++) {
                    int m = members[slots[slot]];
                    // A stopped probe's parameters are already kept; only a still-active one can be spoilt.
                    if (stopping.get(m).active() && !Float.isFinite(losses[g][slot])) {
                        throw new ProbeTrainingException("training the probe " + configs.get(m).describe() + " on "
                                + subject + ": the loss became " + losses[g][slot] + " at epoch " + epoch + ", step "
                                + (steps + taken) + " although the inputs are finite; the vectors are too large in"
                                + " magnitude for this learning rate - lower it or scale the vectors");
                    }
                }
            }
        }
        return taken;
    }

    /**
     * Whether the probes in {@code slots} see their rows in one order: they have one seed, so their
     * orders were shuffled alike since the cohort began (a search's candidates, not a choice's seeds).
     */
    private boolean sharedOrder(int[] slots, int[] members) {
        long seed = configs.get(members[slots[0]]).seed();
        for (int slot : slots) {
            if (configs.get(members[slot]).seed() != seed) {
                return false;
            }
        }
        return true;
    }

    private boolean anyActive(int[] members) {
        for (int m : members) {
            if (stopping.get(m).active()) {
                return true;
            }
        }
        return false;
    }

    /** Group g's state assembled from its members' saved states, or their initial ones. */
    private ProbeGroupGraph.GroupState groupState(Shapes shapes, int g, int[] members) {
        int[] slots = shapes.members(g);
        List<MemberState> states = new ArrayList<>();
        for (int slot : slots) {
            int m = members[slot];
            states.add(saved.computeIfAbsent(m, k -> initialState(configs.get(k), shapes.widths().get(g))));
        }
        List<List<float[]>> parts = new ArrayList<>();
        for (int part = 0; part < 4; part++) {
            List<float[]> joined = new ArrayList<>();
            for (int p = 0; p < states.get(0).values().size(); p++) {
                int size = states.get(0).values().get(p).length;
                float[] all = new float[size * states.size()];
                for (int slot = 0; slot < states.size(); slot++) {
                    MemberState s = states.get(slot);
                    List<float[]> source = switch (part) {
                        case 0 -> s.values();
                        case 1 -> s.best();
                        case 2 -> s.firstMoments();
                        default -> s.secondMoments();
                    };
                    System.arraycopy(source.get(p), 0, all, slot * size, size);
                }
                joined.add(all);
            }
            parts.add(joined);
        }
        return new ProbeGroupGraph.GroupState(parts.get(0), parts.get(1), parts.get(2), parts.get(3));
    }

    /** Glorot-uniform kernels drawn from the probe's own seed, zero biases, zero moments. */
    private static MemberState initialState(ProbeConfig config, List<Integer> widths) {
        Random random = new Random(config.seed());
        int layers = widths.size() - 1;
        List<float[]> values = new ArrayList<>();
        List<float[]> zeros = new ArrayList<>();
        for (int p = 0; p < 2 * layers; p++) {
            int in = widths.get(p % layers);
            int out = widths.get(p % layers + 1);
            float[] value = new float[p < layers ? in * out : out];
            if (p < layers) {
                float limit = (float) Math.sqrt(6.0 / (in + out));
                for (int i = 0; i < value.length; i++) {
                    value[i] = (2 * random.nextFloat() - 1) * limit;
                }
            }
            values.add(value);
            zeros.add(new float[value.length]);
        }
        return new MemberState(values, values, zeros, zeros);
    }

    private static List<float[]> slice(List<float[]> parameters, ProbeGroupGraph graph, int group, int slot) {
        List<float[]> slices = new ArrayList<>();
        for (int p = 0; p < parameters.size(); p++) {
            int size = (int) (graph.parameterShape(group, p).size() / graph.parameterShape(group, p).get(0));
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
