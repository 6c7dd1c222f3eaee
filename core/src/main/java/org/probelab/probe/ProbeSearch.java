package org.probelab.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.probelab.Progress;
import org.probelab.represent.LabelledVectors;

/**
 * Chooses a probe config by dev accuracy over a list of candidates, retrains it with several seeds
 * and scores each on test. Candidates of the same shape are trained together in one graph (e.g. the
 * eight L2 weights of one MLP size), which is what makes the full grid affordable on a CPU.
 */
public final class ProbeSearch {
    private final List<ProbeConfig> candidates;
    private final int seeds;
    private final Progress progress;

    /**
     * @param candidates configs to choose from, all of one kind; with a single candidate no search is run
     * @param seeds      how many seeds (from the chosen config's seed upwards) to retrain the choice with
     */
    public ProbeSearch(List<ProbeConfig> candidates, int seeds, Progress progress) {
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
        this.progress = progress;
    }

    /** Probes {@code subject} (e.g. "layer 7"): search on train/dev, then seeds scored on test. */
    public ProbeResult run(String subject, LabelledVectors train, LabelledVectors dev, LabelledVectors test) {
        ProbeTrainer trainer = new ProbeTrainer(subject, progress);
        List<GridPoint> grid = candidates.size() == 1 ? List.of() : search(subject, trainer, train, dev);
        ProbeConfig best = grid.isEmpty() ? candidates.get(0)
                : grid.stream().max(Comparator.comparingDouble(GridPoint::devAccuracy)).orElseThrow().config();
        List<ProbeConfig> reruns = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            reruns.add(best.withSeed(best.seed() + s));
        }
        progress.update("probe " + subject + " seeds", 0, seeds);
        List<GridPoint> seedRuns = new ArrayList<>();
        List<Evaluation> evaluations = new ArrayList<>();
        for (TrainedProbe probe : trainer.trainTogether(reruns, train, dev)) {
            seedRuns.add(probe.point());
            evaluations.add(probe.evaluate(test));
        }
        progress.update("probe " + subject + " seeds", seeds, seeds);
        return new ProbeResult(subject, best.kind(), best, grid, seedRuns, evaluations,
                Summary.of(evaluations.stream().mapToDouble(Evaluation::accuracy).toArray()),
                Summary.of(evaluations.stream().mapToDouble(Evaluation::macroF1).toArray()));
    }

    /** Dev accuracy of every candidate, in candidate order; ties go to the earlier candidate. */
    private List<GridPoint> search(String subject, ProbeTrainer trainer, LabelledVectors train, LabelledVectors dev) {
        List<List<ProbeConfig>> groups = sameShapeGroups();
        List<GridPoint> points = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            progress.update("probe " + subject + " grid", g, groups.size());
            for (TrainedProbe probe : trainer.trainTogether(groups.get(g), train, dev)) {
                points.add(probe.point());
            }
        }
        progress.update("probe " + subject + " grid", groups.size(), groups.size());
        List<GridPoint> inCandidateOrder = new ArrayList<>();
        for (ProbeConfig candidate : candidates) {
            inCandidateOrder.add(points.stream().filter(p -> p.config().equals(candidate)).findFirst().orElseThrow());
        }
        return inCandidateOrder;
    }

    private List<List<ProbeConfig>> sameShapeGroups() {
        List<List<ProbeConfig>> groups = new ArrayList<>();
        for (ProbeConfig candidate : candidates) {
            groups.stream().filter(g -> g.get(0).sameShapeAs(candidate)).findFirst()
                    .ifPresentOrElse(g -> g.add(candidate), () -> groups.add(new ArrayList<>(List.of(candidate))));
        }
        return groups;
    }
}
