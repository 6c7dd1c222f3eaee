package org.probelab.model;

/** The two GELU forms BERT checkpoints were trained with; the original TF release used {@code TANH}. */
public enum GeluKind {
    /** 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))) */
    TANH,
    /** 0.5 x (1 + erf(x / sqrt 2)) */
    ERF
}
