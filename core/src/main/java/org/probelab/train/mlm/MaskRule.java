package org.probelab.train.mlm;

import java.util.SplittableRandom;

/**
 * How many positions a mask chooses and what becomes of them (Devlin et al. 2019, §3.1): a share
 * {@code rate} of the subwords is predicted; of those, {@code toMask} are replaced by [MASK],
 * {@code toRandom} by a random token, and the rest are left unchanged.
 */
public record MaskRule(double rate, double toMask, double toRandom) {
    /** BERT's rule: 15% of the subwords, 80% of them [MASK], 10% a random token, 10% unchanged. */
    public static final MaskRule BERT = new MaskRule(0.15, 0.8, 0.1);

    public MaskRule {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException("maskRate must be between 0 and 1 (exclusive), not " + rate);
        }
        if (!(toMask >= 0 && toRandom >= 0 && toMask + toRandom <= 1)) {
            throw new IllegalArgumentException("the [MASK] share (" + toMask + ") and the random-token share ("
                    + toRandom + ") must be >= 0 and add up to at most 1");
        }
    }

    /** Share of the chosen positions left unchanged. */
    public double unchanged() {
        return 1 - toMask - toRandom;
    }

    /**
     * Positions to predict among {@code candidates}: {@code rate × candidates}, rounded up or down at random in
     * proportion (so the expected share is exactly the rate, also for short sequences), and at least one.
     */
    int count(int candidates, SplittableRandom random) {
        if (candidates == 0) {
            return 0;
        }
        double exact = rate * candidates;
        int whole = (int) Math.floor(exact);
        int count = whole + (random.nextDouble() < exact - whole ? 1 : 0);
        return Math.max(1, Math.min(candidates, count));
    }
}
