package org.probelab.probe;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.probelab.Progress;
import org.probelab.model.NativeLibraries;
import org.probelab.represent.LabelledVectors;

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
        return trainTogether(configs, train, dev, LabelSet.ofTraining(train.labels()));
    }

    /**
     * MLP probes that train together in rounds, each round continuing the probes it names from where
     * the last one stopped (the rounds of a successive-halving search); see {@link ProbeCohort}.
     */
    ProbeCohort cohort(List<ProbeConfig> configs, LabelledVectors train, LabelledVectors dev) {
        String task = checked(configs, train, dev);
        if (configs.get(0).kind() != ProbeKind.MLP) {
            throw new IllegalArgumentException("only MLP probes train in rounds; linear probes are solved to their"
                    + " optimum at once");
        }
        return new ProbeCohort(subject, task, progress, configs, train, dev, LabelSet.ofTraining(train.labels()));
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
        String task = checked(configs, train, dev);
        if (configs.get(0).kind() == ProbeKind.LINEAR) {
            progress.update(task, 0, 1);
            List<TrainedProbe> probes = SoftmaxRegression.fit(subject, configs, train, labels, dev);
            progress.update(task, 1, 1);
            return probes;
        }
        int[] all = new int[configs.size()];
        Arrays.setAll(all, i -> i);
        return new ProbeCohort(subject, task, progress, configs, train, dev, labels).trainTo(all, Long.MAX_VALUE);
    }

    /** Checks that {@code configs} can train together on the splits; the progress task naming them. */
    private String checked(List<ProbeConfig> configs, LabelledVectors train, LabelledVectors dev) {
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
        return "probe " + subject + " " + first.describe() + (configs.size() > 1 ? " +" + (configs.size() - 1) : "");
    }
}
