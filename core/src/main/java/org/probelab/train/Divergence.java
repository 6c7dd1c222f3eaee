package org.probelab.train;

import java.nio.file.Path;
import java.util.Locale;

/** Stops a training stage whose loss became NaN or infinite, or grew far beyond its first step's. */
final class Divergence {
    private Divergence() {
    }

    /**
     * @throws TrainingDivergedException naming the stage, step and learning rate, and the checkpoint kept
     */
    static void check(String stage, TrainerState s, double loss, double norm, float rate, float factor,
                      Checkpoints checkpoints, Path workDir) {
        String what = null;
        if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
            what = "the loss became " + (Double.isFinite(loss) ? "finite but the gradient norm " + norm : loss);
        } else if (s.firstLoss() > 0 && loss > factor * s.firstLoss()) {
            what = String.format(Locale.ROOT, "the loss rose to %.4g, over %.0f times the first step's %.4g",
                    loss, factor, s.firstLoss());
        }
        if (what != null) {
            long kept = checkpoints.latestStep();
            throw new TrainingDivergedException(String.format(Locale.ROOT,
                    "stage %s stopped at step %d (learning rate %.3g): %s; %s", stage, s.step(), rate, what,
                    kept >= 0 ? "the last good checkpoint (step " + kept + ") is kept in " + workDir
                            : "no checkpoint was written yet; lower the learning rate"));
        }
    }
}
