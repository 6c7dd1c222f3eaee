package org.probelab.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.probelab.Progress;
import org.probelab.represent.LabelledVectors;

/**
 * Chooses a probe config by dev accuracy over a list of candidates, trains it with several seeds
 * (the search's own probe of the choice is the first) and scores each on test. All candidates of a round train together in one graph, one step updating
 * every probe, on vectors uploaded once per round.
 *
 * <p>MLP candidates are searched by successive halving by default: every candidate trains for a
 * short step budget, the better half by dev accuracy continues where it stopped until twice the
 * budget, and so on until two remain, which continue to the full budget; the better of those is
 * chosen. A survivor is thus trained once over its whole budget, never again from scratch.
 * {@link Strategy#EXHAUSTIVE} trains every candidate with the full budget instead. Linear candidates
 * are solved to their optimum, all of them: that is cheap and exact.
 */
public final class ProbeSearch {
    /** How the candidates are compared. */
    public enum Strategy {
        /** Halving rounds with doubling step budgets, the full budget for the last two. */
        SUCCESSIVE_HALVING,
        /** Every candidate trained with the full budget. */
        EXHAUSTIVE
    }

    private final List<ProbeConfig> candidates;
    private final int seeds;
    private final Strategy strategy;
    private final Progress progress;

    /**
     * @param candidates configs to choose from, all of one kind; with a single candidate no search is run
     * @param seeds      how many seeds (from the chosen config's seed upwards) to retrain the choice with
     */
    public ProbeSearch(List<ProbeConfig> candidates, int seeds, Strategy strategy, Progress progress) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no candidate probe configs to search");
        }
        if (candidates.stream().map(ProbeConfig::kind).distinct().count() > 1) {
            throw new IllegalArgumentException("a search covers one probe kind; split LINEAR and MLP candidates");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("need at least one seed, got " + seeds);
        }
        this.candidates = List.copyOf(candidates);
        this.seeds = seeds;
        this.strategy = strategy;
        this.progress = progress;
    }

    /** Probes {@code subject} (e.g. "layer 7"): search on train/dev, then seeds scored on test. */
    public ProbeResult run(String subject, LabelledVectors train, LabelledVectors dev, LabelledVectors test) {
        ProbeTrainer trainer = new ProbeTrainer(subject, progress);
        Choice choice = candidates.size() == 1 ? new Choice(List.of(), candidates.get(0), null)
                : search(subject, trainer, train, dev);
        ProbeConfig best = choice.best();
        List<GridPoint> grid = choice.grid();
        // The search's own probe of the chosen config is its first seed: trained on the same rows in the same
        // order with the same budget, it need not be trained again.
        List<TrainedProbe> seedProbes = new ArrayList<>();
        if (choice.trained() != null) {
            seedProbes.add(choice.trained());
        }
        List<ProbeConfig> reruns = new ArrayList<>();
        for (int s = seedProbes.size(); s < seeds; s++) {
            reruns.add(best.withSeed(best.seed() + s));
        }
        progress.update("probe " + subject + " seeds", seedProbes.size(), seeds);
        if (!reruns.isEmpty()) {
            seedProbes.addAll(trainer.trainTogether(reruns, train, dev));
        }
        List<GridPoint> seedRuns = new ArrayList<>();
        List<Evaluation> evaluations = new ArrayList<>();
        for (TrainedProbe probe : seedProbes) {
            seedRuns.add(probe.point());
            evaluations.add(probe.evaluate(test));
        }
        progress.update("probe " + subject + " seeds", seeds, seeds);
        return new ProbeResult(subject, best.kind(), best, grid, seedRuns, evaluations,
                Summary.of(evaluations.stream().mapToDouble(Evaluation::accuracy).toArray()),
                Summary.of(evaluations.stream().mapToDouble(Evaluation::macroF1).toArray()));
    }

    /**
     * Every candidate's dev accuracy (at its last round), in candidate order, the config chosen and the search's
     * probe of it trained to its full budget (null when no search ran).
     */
    private record Choice(List<GridPoint> grid, ProbeConfig best, TrainedProbe trained) {
    }

    /** The best dev accuracy of {@code trained}; ties go to the earlier candidate. */
    private TrainedProbe best(List<TrainedProbe> trained) {
        return trained.stream().sorted(Comparator.comparingDouble(TrainedProbe::devAccuracy).reversed()
                .thenComparingInt(p -> candidates.indexOf(p.config()))).findFirst().orElseThrow();
    }

    private Choice search(String subject, ProbeTrainer trainer, LabelledVectors train, LabelledVectors dev) {
        Map<ProbeConfig, GridPoint> points = new LinkedHashMap<>();
        candidates.forEach(c -> points.put(c, null));
        if (strategy == Strategy.EXHAUSTIVE || candidates.get(0).kind() == ProbeKind.LINEAR) {
            progress.update("probe " + subject + " grid", 0, 1);
            List<TrainedProbe> trained = trainer.trainTogether(candidates, train, dev);
            trained.forEach(p -> points.put(p.config(), p.point()));
            progress.update("probe " + subject + " grid", 1, 1);
            TrainedProbe chosen = best(trained);
            return new Choice(List.copyOf(points.values()), chosen.config(), chosen);
        }
        ProbeConfig first = candidates.get(0);
        long stepsPerEpoch = (train.rows() + first.batchSize() - 1) / first.batchSize();
        long fullBudget = first.maxEpochs() * stepsPerEpoch;
        int rounds = Math.max(1, 32 - Integer.numberOfLeadingZeros(candidates.size() - 1));
        ProbeCohort cohort = trainer.cohort(candidates, train, dev);
        int[] alive = IntStream.range(0, candidates.size()).toArray();
        TrainedProbe best = null;
        for (int round = 0; round < rounds; round++) {
            progress.update("probe " + subject + " halving", round, rounds);
            long budget = round == rounds - 1 ? Long.MAX_VALUE : Math.max(1, fullBudget >> (rounds - 1 - round));
            List<TrainedProbe> trained = cohort.trainTo(alive, budget);
            trained.forEach(p -> points.put(p.config(), p.point()));
            best = best(trained);
            alive = trained.stream()
                    .sorted(Comparator.comparingDouble(TrainedProbe::devAccuracy).reversed()
                            .thenComparingInt(p -> candidates.indexOf(p.config())))
                    .mapToInt(p -> candidates.indexOf(p.config())).limit((trained.size() + 1) / 2).toArray();
        }
        progress.update("probe " + subject + " halving", rounds, rounds);
        return new Choice(List.copyOf(points.values()), best.config(), best);
    }
}
