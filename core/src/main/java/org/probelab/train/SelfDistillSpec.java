package org.probelab.train;

/**
 * A self-distillation stage as declared. The stage's input model is the teacher (the snapshot of a
 * fine-tuning stage, with its task head); the student has the same architecture and starts from
 * {@code student}.
 *
 * @param student      the model the student starts from, as {@code ModelStore.load} names it (an id or a
 *                     directory); null for the model the teacher itself was fine-tuned from, so that teacher
 *                     and student differ only in what they learnt from
 * @param distillation temperature and mixing weight
 * @param settings     how the student trains (as fine-tuning); the head's pooling, sentence feature and
 *                     k of the last layers are the teacher's
 */
public record SelfDistillSpec(String student, Distillation distillation, FineTuneSettings settings) {
    public SelfDistillSpec {
        if (distillation == null || settings == null) {
            throw new IllegalArgumentException("self-distillation needs its distillation and training settings");
        }
    }
}
