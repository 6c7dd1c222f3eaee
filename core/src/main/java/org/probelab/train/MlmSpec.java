package org.probelab.train;

import org.probelab.train.mlm.DynamicMasking;
import org.probelab.train.mlm.SelectiveMasking;
import org.probelab.train.selective.SelectiveMaskingSpec;

/**
 * A masked-LM stage as declared.
 *
 * @param kind         which of the three stages of the recipe (Sun et al. 2019; Gururangan et al. 2020)
 * @param corpus       a {@code Corpora.open} source; {@code null} for task transfer, which reads the text of the
 *                     task data's train split
 * @param architecture for general pre-training, the shape of the model trained from scratch ({@code null}: the
 *                     input model's shape); always {@code null} for the transfer stages, which continue the input
 * @param settings     how to train
 * @param selective    selective masking's declaration (Gu et al. 2020), or {@code null}: with it the stage makes
 *                     its marks first and masks with {@link SelectiveMasking} under the rule of the settings'
 *                     policy, which must be dynamic, as selective masks are
 * @param downstream   where the recipe ends in fine-tuning, the probe on that task scored at every evaluation, or
 *                     {@code null}; with it, its dev accuracy picks the best checkpoint and counts patience
 */
public record MlmSpec(Kind kind, String corpus, Architecture architecture, MlmSettings settings,
                      SelectiveMaskingSpec selective, DownstreamProbe downstream) {
    /** The masked-LM stages of a recipe. */
    public enum Kind {
        /** General pre-training from freshly initialised weights. */
        PRETRAIN("pretrain"),
        /** Further pre-training of the input model on in-domain text (DAPT). */
        DOMAIN_TRANSFER("domain-transfer"),
        /** Further pre-training on the task's own training text (TAPT, within-task pre-training). */
        TASK_TRANSFER("task-transfer");

        private final String stageName;

        Kind(String stageName) {
            this.stageName = stageName;
        }

        public String stageName() {
            return stageName;
        }
    }

    /** The shape of a BERT trained from scratch; its vocabulary is the input model's. */
    public record Architecture(int layers, int hiddenSize, int attentionHeads, int intermediateSize) {
        public Architecture {
            if (layers < 1 || hiddenSize < 1 || attentionHeads < 1 || intermediateSize < 1) {
                throw new IllegalArgumentException("a from-scratch architecture needs positive sizes, got " + layers
                        + " layers, hidden " + hiddenSize + ", " + attentionHeads + " heads, intermediate "
                        + intermediateSize);
            }
            if (hiddenSize % attentionHeads != 0) {
                throw new IllegalArgumentException("hidden size " + hiddenSize + " is not a multiple of the "
                        + attentionHeads + " attention heads");
            }
        }
    }

    public MlmSpec {
        if (kind == null || settings == null) {
            throw new IllegalArgumentException("a masked-LM stage needs a kind and settings");
        }
        if ((corpus == null) != (kind == Kind.TASK_TRANSFER)) {
            throw new IllegalArgumentException(kind == Kind.TASK_TRANSFER
                    ? "task transfer reads the task's own training text and takes no corpus"
                    : kind.stageName() + " needs a corpus");
        }
        if (architecture != null && kind != Kind.PRETRAIN) {
            throw new IllegalArgumentException(kind.stageName() + " continues the input model; only pretrain trains"
                    + " an architecture from scratch");
        }
        if (selective != null && kind == Kind.PRETRAIN) {
            throw new IllegalArgumentException("selective masking fine-tunes the stage's input model into a"
                    + " classifier, and pretrain starts from fresh weights; use it in domain or task transfer");
        }
        if (selective != null && !(settings.maskPolicy() instanceof DynamicMasking)) {
            throw new IllegalArgumentException("selective masking draws its masks afresh every epoch among the"
                    + " marked words; it takes the rule of a dynamic policy, not " + settings.maskPolicy().name());
        }
    }

    /** A stage that masks as its settings' policy says. */
    public MlmSpec(Kind kind, String corpus, Architecture architecture, MlmSettings settings) {
        this(kind, corpus, architecture, settings, null, null);
    }
}
