package org.probelab.train;

/** The learning rate to feed to {@link AdamW} before optimizer step {@code step} (counted from 0). */
@FunctionalInterface
public interface LearningRateSchedule {

    float at(long step);

    /** The same rate at every step. */
    static LearningRateSchedule constant(float rate) {
        requirePositive(rate);
        return step -> rate;
    }

    /**
     * Rises linearly from 0 at step 0 to {@code peak} at step {@code warmupSteps}, then falls linearly
     * to 0 at step {@code totalSteps} and stays there (BERT's and Hugging Face's fine-tuning schedule).
     */
    static LearningRateSchedule linearWarmupDecay(float peak, long warmupSteps, long totalSteps) {
        requirePositive(peak);
        if (warmupSteps < 0 || totalSteps <= 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("need 0 <= warmupSteps <= totalSteps and totalSteps > 0, got warmup "
                    + warmupSteps + ", total " + totalSteps);
        }
        return step -> {
            if (step < warmupSteps) {
                return peak * step / warmupSteps;
            }
            if (step >= totalSteps) {
                return 0f;
            }
            return peak * (totalSteps - step) / (totalSteps - warmupSteps);
        };
    }

    private static void requirePositive(float rate) {
        if (!(rate > 0f) || Float.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be a positive finite number, got " + rate);
        }
    }
}
