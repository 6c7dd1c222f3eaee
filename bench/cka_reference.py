#!/usr/bin/python3
"""The numpy peer of CkaBench: linear CKA, biased and debiased, between all hidden states stored in one
probelab vector cache entry (split 'train'), by the feature-space formulas of Kornblith et al.'s reference
code (feature_space_linear_cka and its debiased helper), with each layer's own product computed once.
Layers are centred in float64 and multiplied in float32 (OpenBLAS sgemm), as probelab multiplies in
float32 chunks; the Frobenius norms are taken in float64. Prints one JSON line.

Usage: cka_reference.py ENTRY_DIR
"""
import json
import os
import sys
import time

import numpy as np


def debiased_dot(xty, rows_x, rows_y, norm_x, norm_y, n):
    # Kornblith et al.'s _debiased_dot_product_similarity_helper: n(n-3) times the unbiased HSIC.
    return xty - n / (n - 2.0) * rows_x.dot(rows_y) + norm_x * norm_y / ((n - 1) * (n - 2))


def main():
    entry = sys.argv[1]
    with open(os.path.join(entry, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    n = manifest["splits"]["train"]["rows"]
    d = manifest["dim"]
    layers = manifest["layers"]
    start = time.perf_counter()
    xs, rows = [], []
    for layer in layers:
        raw = np.fromfile(os.path.join(entry, "train.layer-%02d.f32" % layer), dtype="<f4").reshape(n, d)
        centred = raw - raw.mean(axis=0, dtype=np.float64)
        rows.append(np.einsum("ij,ij->i", centred, centred))
        xs.append(centred.astype(np.float32))
    hsic = np.zeros((len(layers), len(layers)))
    for a in range(len(layers)):
        for b in range(a, len(layers)):
            product = (xs[a].T @ xs[b]).astype(np.float64)
            hsic[a, b] = hsic[b, a] = np.sum(product * product)
    norms = [r.sum() for r in rows]
    biased = hsic / np.sqrt(np.outer(np.diag(hsic), np.diag(hsic)))
    unbiased = np.array([[debiased_dot(hsic[a, b], rows[a], rows[b], norms[a], norms[b], n)
                          for b in range(len(layers))] for a in range(len(layers))])
    debiased = unbiased / np.sqrt(np.outer(np.diag(unbiased), np.diag(unbiased)))
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": "numpy", "seconds": seconds, "items": n, "layers": len(layers),
                      "biased": biased.tolist(), "debiased": debiased.tolist()}))


if __name__ == "__main__":
    main()
