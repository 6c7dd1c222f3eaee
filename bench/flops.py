"""The FLOP count of a BERT encoder forward, the one formula both peers' GFLOP/s are computed with.

Both peers batch sentences the same way and report, over all their batches of B rows padded to T
positions, padded_tokens = sum(B*T) and padded_token_squares = sum(B*T*T). Those two sums fix the
work exactly, so the count is of the work the hardware did, padding included.
"""


def bert_forward_flops(layers, hidden, intermediate, padded_tokens, padded_token_squares):
    """Multiply-adds x2 of the encoder layers (embedding lookups, LayerNorm, softmax, GELU ignored).

    Per token and layer: the four H x H projections (Q, K, V, attention output) and the two FFN
    matmuls, 2 * (4*H^2 + 2*H*I); plus attention, Q.K^T and probs.V over T positions, 2 * 2*T*H.
    """
    dense = 2 * (4 * hidden * hidden + 2 * hidden * intermediate) * padded_tokens
    attention = 2 * 2 * hidden * padded_token_squares
    return layers * (dense + attention)
