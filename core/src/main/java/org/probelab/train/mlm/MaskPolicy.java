package org.probelab.train.mlm;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which positions of a sequence a masked-LM stage predicts, and when the choice is drawn again. A policy
 * is a named value (serialized with its {@code policy} name and its fields) that decides two things:
 * which draw a sequence gets in an epoch ({@link #draw}: static masks repeat, dynamic ones are new every
 * epoch) and which positions a draw chooses ({@link #choose}: single subwords, whole words, marked tokens
 * first). The {@link MaskRule} then replaces them (80% [MASK], 10% random, 10% unchanged by default).
 *
 * <p>Every mask is a pure function of (stage seed, draw, sequence index): a resumed stage, or another
 * process, masks every sequence exactly as before.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "policy")
@JsonSubTypes({
        @JsonSubTypes.Type(value = StaticMasking.class, name = StaticMasking.NAME),
        @JsonSubTypes.Type(value = DynamicMasking.class, name = DynamicMasking.NAME),
        @JsonSubTypes.Type(value = WholeWordMasking.class, name = WholeWordMasking.NAME)})
public interface MaskPolicy {
    /** How many positions and what becomes of them. */
    MaskRule rule();

    /** The policy's name in specs, tables and figure legends, e.g. {@code static}. */
    @JsonIgnore
    String name();

    /** How many times an epoch feeds each sequence (static masking duplicates the data; others 1). */
    @JsonIgnore
    default int copies() {
        return 1;
    }

    /** Which draw copy {@code copy} (from 0, below {@link #copies()}) gets in epoch {@code epoch}. */
    long draw(int epoch, int copy);

    /**
     * Chooses {@code count} positions among the sequence's candidates (positions of words, never [CLS] or
     * [SEP]) with {@code random}; fewer only when no more fit the policy's unit.
     */
    int[] choose(PackedSequence sequence, int count, SplittableRandom random);

    /** The sequence under copy {@code copy}'s mask in epoch {@code epoch}. */
    default MaskedSequence mask(PackedSequence sequence, int epoch, int copy, long seed, MaskTokens tokens) {
        SplittableRandom random = new SplittableRandom(mix(mix(seed, draw(epoch, copy)), sequence.index()));
        int[] positions = choose(sequence, rule().count(sequence.candidates(), random), random).clone();
        Arrays.sort(positions);
        int[] input = sequence.ids().clone();
        int[] targets = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            int p = positions[i];
            if (sequence.words()[p] < 0) {
                throw new IllegalStateException("policy " + name() + " chose position " + p + " of sequence "
                        + sequence.index() + ", a [CLS] or [SEP]");
            }
            targets[i] = input[p];
            double u = random.nextDouble();
            if (u < rule().toMask()) {
                input[p] = tokens.maskId();
            } else if (u < rule().toMask() + rule().toRandom()) {
                input[p] = random.nextInt(tokens.vocabSize());
            }
        }
        return new MaskedSequence(input, positions, targets);
    }

    /** One 64-bit seed from two, so that nearby (seed, draw, index) triples give unrelated streams. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The candidate positions of {@code sequence}, shuffled with {@code random}. */
    static int[] shuffledCandidates(PackedSequence sequence, SplittableRandom random) {
        int[] candidates = new int[sequence.candidates()];
        int n = 0;
        for (int p = 0; p < sequence.length(); p++) {
            if (sequence.words()[p] >= 0) {
                candidates[n++] = p;
            }
        }
        for (int i = candidates.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = candidates[i];
            candidates[i] = candidates[j];
            candidates[j] = t;
        }
        return candidates;
    }
}
