package org.probelab.train;

import org.probelab.train.mlm.DynamicMasking;
import org.probelab.train.mlm.MaskPolicy;
import org.probelab.train.mlm.SequencePacker;

/**
 * How a masked-LM stage trains. The defaults are named once: {@link #PRETRAINING} follows BERT's
 * pre-training (Devlin et al. 2019: Adam rate 1e-4, weight decay 0.01, warm-up over the first 1% of steps
 * then linear decay, 128-subword sequences); {@link #FURTHER_PRETRAINING} follows Sun et al. (2019, §5.2)
 * for within-task and in-domain further pre-training of a pre-trained BERT (rate 5e-5, batch 32, 128
 * subwords, warm-up over 10% of the steps). Both mask dynamically (RoBERTa, Liu et al. 2019), pack documents
 * joined with [SEP] (RoBERTa's FULL-SENTENCES) and clip gradients at global norm 1.0 (as BERT's optimizer).
 *
 * @param epochs               passes over the training sequences (static masking's copies count as part of one pass)
 * @param batchSize            sequences per optimizer step
 * @param learningRate         peak rate, reached after warm-up, then falling linearly to 0 at the last step
 * @param warmupFraction       share of all steps over which the rate rises from 0
 * @param weightDecay          decoupled decay of every weight except biases and LayerNorm parameters
 * @param clipNorm             global gradient norm clipped to (0: none)
 * @param maxSequenceLength    subwords per sequence including [CLS] and [SEP]
 * @param documents            whether a sequence may join the end of one document and the start of the next
 * @param maskPolicy           which positions are predicted, and when masks are drawn again
 * @param heldOutFraction      share of the corpus's documents held out for the masked-LM loss
 * @param microBatchTokens     padded tokens one forward/backward pass may hold; larger batches are split and their
 *                             gradients summed before the step
 * @param evalEverySteps       held-out evaluation interval in steps; 0 = at the end of every epoch
 * @param patience             evaluations without a lower held-out loss before training stops early
 * @param checkpointEverySteps steps between resumable checkpoints (also written at every evaluation)
 * @param divergenceFactor     a step loss above this many times the first step's loss stops the stage
 * @param seed                 masks, data order, dropout and (from scratch) the initial weights
 */
public record MlmSettings(int epochs, int batchSize, float learningRate, float warmupFraction, float weightDecay,
                          float clipNorm, int maxSequenceLength, SequencePacker.Documents documents,
                          MaskPolicy maskPolicy, double heldOutFraction, int microBatchTokens, int evalEverySteps,
                          int patience, int checkpointEverySteps, float divergenceFactor, long seed) {

    public static final MlmSettings PRETRAINING = new MlmSettings(1, 32, 1e-4f, 0.01f, 0.01f, 1f,
            SequencePacker.MAX_LENGTH, SequencePacker.Documents.JOIN_WITH_SEP, new DynamicMasking(), 0.1, 2048, 0, 2,
            200, 10f, 42L);
    public static final MlmSettings FURTHER_PRETRAINING = PRETRAINING.toBuilder().learningRate(5e-5f)
            .warmupFraction(0.1f).build();

    public MlmSettings {
        positive("epochs", epochs);
        positive("batchSize", batchSize);
        if (!(learningRate > 0f) || Float.isInfinite(learningRate)) {
            throw invalid("learningRate", learningRate, "a positive finite number");
        }
        if (!(warmupFraction >= 0f && warmupFraction < 1f)) {
            throw invalid("warmupFraction", warmupFraction, "in [0, 1)");
        }
        if (!(weightDecay >= 0f) || Float.isInfinite(weightDecay)) {
            throw invalid("weightDecay", weightDecay, ">= 0");
        }
        if (!(clipNorm >= 0f) || Float.isInfinite(clipNorm)) {
            throw invalid("clipNorm", clipNorm, ">= 0 (0 = no clipping)");
        }
        if (maxSequenceLength < 3) {
            throw invalid("maxSequenceLength", maxSequenceLength, "at least 3 ([CLS], a word, [SEP])");
        }
        if (documents == null || maskPolicy == null) {
            throw new IllegalArgumentException("masked-LM settings documents and maskPolicy must be set");
        }
        if (!(heldOutFraction > 0 && heldOutFraction < 1)) {
            throw invalid("heldOutFraction", heldOutFraction, "between 0 and 1");
        }
        positive("microBatchTokens", microBatchTokens);
        if (evalEverySteps < 0) {
            throw invalid("evalEverySteps", evalEverySteps, ">= 0 (0 = every epoch)");
        }
        positive("patience", patience);
        positive("checkpointEverySteps", checkpointEverySteps);
        if (!(divergenceFactor > 1f)) {
            throw invalid("divergenceFactor", divergenceFactor, "greater than 1");
        }
    }

    /** The learning rate at every optimizer step of a stage of {@code totalSteps} steps. */
    public LearningRateSchedule schedule(long totalSteps) {
        return LearningRateSchedule.linearWarmupDecay(learningRate, (long) Math.floor(warmupFraction * totalSteps),
                totalSteps);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes fields one by one; {@link #build()} validates them together. */
    public static final class Builder {
        private int epochs;
        private int batchSize;
        private float learningRate;
        private float warmupFraction;
        private float weightDecay;
        private float clipNorm;
        private int maxSequenceLength;
        private SequencePacker.Documents documents;
        private MaskPolicy maskPolicy;
        private double heldOutFraction;
        private int microBatchTokens;
        private int evalEverySteps;
        private int patience;
        private int checkpointEverySteps;
        private float divergenceFactor;
        private long seed;

        private Builder(MlmSettings s) {
            epochs = s.epochs;
            batchSize = s.batchSize;
            learningRate = s.learningRate;
            warmupFraction = s.warmupFraction;
            weightDecay = s.weightDecay;
            clipNorm = s.clipNorm;
            maxSequenceLength = s.maxSequenceLength;
            documents = s.documents;
            maskPolicy = s.maskPolicy;
            heldOutFraction = s.heldOutFraction;
            microBatchTokens = s.microBatchTokens;
            evalEverySteps = s.evalEverySteps;
            patience = s.patience;
            checkpointEverySteps = s.checkpointEverySteps;
            divergenceFactor = s.divergenceFactor;
            seed = s.seed;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder learningRate(float value) {
            learningRate = value;
            return this;
        }

        public Builder warmupFraction(float value) {
            warmupFraction = value;
            return this;
        }

        public Builder weightDecay(float value) {
            weightDecay = value;
            return this;
        }

        public Builder clipNorm(float value) {
            clipNorm = value;
            return this;
        }

        public Builder maxSequenceLength(int value) {
            maxSequenceLength = value;
            return this;
        }

        public Builder documents(SequencePacker.Documents value) {
            documents = value;
            return this;
        }

        public Builder maskPolicy(MaskPolicy value) {
            maskPolicy = value;
            return this;
        }

        public Builder heldOutFraction(double value) {
            heldOutFraction = value;
            return this;
        }

        public Builder microBatchTokens(int value) {
            microBatchTokens = value;
            return this;
        }

        public Builder evalEverySteps(int value) {
            evalEverySteps = value;
            return this;
        }

        public Builder patience(int value) {
            patience = value;
            return this;
        }

        public Builder checkpointEverySteps(int value) {
            checkpointEverySteps = value;
            return this;
        }

        public Builder divergenceFactor(float value) {
            divergenceFactor = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public MlmSettings build() {
            return new MlmSettings(epochs, batchSize, learningRate, warmupFraction, weightDecay, clipNorm,
                    maxSequenceLength, documents, maskPolicy, heldOutFraction, microBatchTokens, evalEverySteps,
                    patience, checkpointEverySteps, divergenceFactor, seed);
        }
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw invalid(field, value, "at least 1");
        }
    }

    private static IllegalArgumentException invalid(String field, Object value, String expected) {
        return new IllegalArgumentException("masked-LM setting " + field + " must be " + expected + ", got " + value);
    }
}
