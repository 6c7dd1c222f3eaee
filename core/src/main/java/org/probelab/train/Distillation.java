package org.probelab.train;

/**
 * How a student mixes its teacher's soft labels with the gold ones: per row, α·T²·KL(softmax(z_t/T) ‖
 * softmax(z_s/T)) + (1 − α)·CE(gold). Hinton et al. (2015, "Distilling the Knowledge in a Neural
 * Network") soften both distributions with a temperature T and scale the soft term by T², so that its
 * gradients keep their size when T changes. The defaults, named once in {@link #DEFAULTS}: T = 2, the
 * temperature DistilBERT distils BERT with (Sanh et al. 2019), and α = 0.5, the soft and the gold
 * objective weighted equally as in BERT self-distillation (Xu et al. 2020, "Improving BERT Fine-Tuning
 * via Self-Ensemble and Self-Distillation", λ = 1).
 *
 * @param temperature T, at least 1 is usual; any positive finite value is accepted
 * @param alpha       the weight of the teacher's term, in [0, 1]: 1 learns from the teacher only, 0 is plain
 *                    fine-tuning
 */
public record Distillation(float temperature, float alpha) {
    public static final Distillation DEFAULTS = new Distillation(2f, 0.5f);

    public Distillation {
        if (!(temperature > 0f) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("self-distillation setting temperature must be a positive finite"
                    + " number, got " + temperature);
        }
        if (!(alpha >= 0f && alpha <= 1f)) {
            throw new IllegalArgumentException("self-distillation setting alpha must be in [0, 1], got " + alpha);
        }
    }
}
