package org.probelab.probe;

import java.util.List;

/** The classifier a probe puts on top of frozen vectors. */
public enum ProbeKind {
    /** Softmax regression: one affine map to the label logits. */
    LINEAR,
    /** Two ReLU hidden layers of sizes {@code h1}, {@code h2}, then an affine map to the logits. */
    MLP;

    /** Widths of the probe's layers, input first and label count last. */
    List<Integer> widths(ProbeConfig config, int inputDim, int labels) {
        return switch (this) {
            case LINEAR -> List.of(inputDim, labels);
            case MLP -> List.of(inputDim, config.h1(), config.h2(), labels);
        };
    }
}
