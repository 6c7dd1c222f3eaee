package org.probelab.train;

import org.probelab.model.ComputePrecision;
import org.probelab.represent.WordPooling;

/**
 * How a fine-tuning stage trains. Every default is named once in {@link #DEFAULTS}, from the papers:
 * BERT (Devlin et al. 2019) for the optimizer, schedule, clipping, dropout and batch size; Sun et al.
 * (2019) for layer-wise decay ξ = 0.95. {@link #toBuilder()} changes fields.
 *
 * @param epochs               passes over the training data (BERT-base: 3)
 * @param batchSize            sentences per optimizer step
 * @param learningRate         peak rate, reached after warm-up
 * @param warmupFraction       share of all steps over which the rate rises linearly from 0; it then falls
 *                             linearly to 0 at the last step
 * @param weightDecay          decoupled decay of every weight except biases and LayerNorm parameters
 * @param clipNorm             global gradient norm clipped to (0: none)
 * @param layerDecay           ξ: each layer learns at ξ times the rate of the layer above (embeddings at ξ^L,
 *                             the head and pooler at the full rate); 1 for one rate everywhere
 * @param freezeEmbeddings     whether the embedding tables and their LayerNorm stay as they are
 * @param frozenLayers         how many of the lowest transformer layers stay as they are
 * @param maxSequenceLength    subwords per sentence including [CLS] and [SEP]; longer sentences are left out
 *                             of training and counted
 * @param microBatchTokens     padded tokens one forward/backward pass may hold; larger batches are split
 *                             and their gradients accumulated before the step
 * @param evalEverySteps       dev evaluation interval in steps; 0 = at the end of every epoch
 * @param patience             evaluations without a better dev accuracy before training stops early
 * @param checkpointEverySteps steps between resumable checkpoints (also written at every evaluation)
 * @param divergenceFactor     a step loss above this many times the first step's loss stops the stage
 * @param wordPooling          how the token and edge heads pool a word's subwords (as the probes do)
 * @param sentenceFeature      what the sentence head reads
 * @param lastLayers           k for {@link SentenceFeature#CONCAT_LAST}
 * @param seed                 data order, dropout masks and head initialisation
 * @param precision            the arithmetic of forward and backward: float32 (the default) or bf16, TensorFlow's
 *                             mixed-precision rewrite as extraction uses it (weights and Adam's moments stay
 *                             float32); bf16 on a CPU without bfloat16 instructions runs in float32
 */
public record FineTuneSettings(int epochs, int batchSize, float learningRate, float warmupFraction,
                               float weightDecay, float clipNorm, float layerDecay, boolean freezeEmbeddings,
                               int frozenLayers, int maxSequenceLength, int microBatchTokens, int evalEverySteps,
                               int patience, int checkpointEverySteps, float divergenceFactor,
                               WordPooling wordPooling, SentenceFeature sentenceFeature, int lastLayers,
                               long seed, ComputePrecision precision) {

    public static final FineTuneSettings DEFAULTS = new FineTuneSettings(3, 32, 2e-5f, 0.1f, 0.01f, 1f, 0.95f,
            false, 0, 128, 2048, 0, 2, 200, 10f, WordPooling.MEAN, SentenceFeature.POOLER, 4, 42L, ComputePrecision.FLOAT32);

    public FineTuneSettings {
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
        if (!(layerDecay > 0f && layerDecay <= 1f)) {
            throw invalid("layerDecay", layerDecay, "in (0, 1]");
        }
        if (frozenLayers < 0) {
            throw invalid("frozenLayers", frozenLayers, ">= 0");
        }
        if (maxSequenceLength < 3) {
            throw invalid("maxSequenceLength", maxSequenceLength, "at least 3 ([CLS], a word, [SEP])");
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
        positive("lastLayers", lastLayers);
        if (wordPooling == null || sentenceFeature == null || precision == null) {
            throw new IllegalArgumentException("wordPooling, sentenceFeature and precision must be set");
        }
    }

    /** The learning rate at every optimizer step of a stage of {@code totalSteps} steps. */
    public LearningRateSchedule schedule(long totalSteps) {
        return LearningRateSchedule.linearWarmupDecay(learningRate, (long) Math.floor(warmupFraction * totalSteps),
                totalSteps);
    }

    /** A builder starting from these settings. */
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
        private float layerDecay;
        private boolean freezeEmbeddings;
        private int frozenLayers;
        private int maxSequenceLength;
        private int microBatchTokens;
        private int evalEverySteps;
        private int patience;
        private int checkpointEverySteps;
        private float divergenceFactor;
        private WordPooling wordPooling;
        private SentenceFeature sentenceFeature;
        private int lastLayers;
        private long seed;
        private ComputePrecision precision;

        private Builder(FineTuneSettings s) {
            epochs = s.epochs;
            batchSize = s.batchSize;
            learningRate = s.learningRate;
            warmupFraction = s.warmupFraction;
            weightDecay = s.weightDecay;
            clipNorm = s.clipNorm;
            layerDecay = s.layerDecay;
            freezeEmbeddings = s.freezeEmbeddings;
            frozenLayers = s.frozenLayers;
            maxSequenceLength = s.maxSequenceLength;
            microBatchTokens = s.microBatchTokens;
            evalEverySteps = s.evalEverySteps;
            patience = s.patience;
            checkpointEverySteps = s.checkpointEverySteps;
            divergenceFactor = s.divergenceFactor;
            wordPooling = s.wordPooling;
            sentenceFeature = s.sentenceFeature;
            lastLayers = s.lastLayers;
            seed = s.seed;
            precision = s.precision;
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

        public Builder layerDecay(float value) {
            layerDecay = value;
            return this;
        }

        public Builder freezeEmbeddings(boolean value) {
            freezeEmbeddings = value;
            return this;
        }

        public Builder frozenLayers(int value) {
            frozenLayers = value;
            return this;
        }

        public Builder maxSequenceLength(int value) {
            maxSequenceLength = value;
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

        public Builder wordPooling(WordPooling value) {
            wordPooling = value;
            return this;
        }

        public Builder sentenceFeature(SentenceFeature value) {
            sentenceFeature = value;
            return this;
        }

        public Builder lastLayers(int value) {
            lastLayers = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder precision(ComputePrecision value) {
            precision = value;
            return this;
        }

        public FineTuneSettings build() {
            return new FineTuneSettings(epochs, batchSize, learningRate, warmupFraction, weightDecay, clipNorm,
                    layerDecay, freezeEmbeddings, frozenLayers, maxSequenceLength, microBatchTokens, evalEverySteps,
                    patience, checkpointEverySteps, divergenceFactor, wordPooling, sentenceFeature, lastLayers, seed,
                    precision);
        }
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw invalid(field, value, "at least 1");
        }
    }

    private static IllegalArgumentException invalid(String field, Object value, String expected) {
        return new IllegalArgumentException("fine-tuning setting " + field + " must be " + expected + ", got " + value);
    }
}
