#!/usr/bin/python3
"""The reference side of the DirectProbe benchmark: utahnlp/DirectProbe's sklearn fallback, re-run here on
the very vectors probelab reads (DirectProbeBench extract), with the reference's own solver settings:

- overlap of two clusters (Space.hardSVM): StandardScaler on both, SVC(kernel=linear, C=1e4, tol=1e-5,
  max_iter=500000); overlap iff the training score is not 1. Pairs are first filtered by bounding spheres.
- hull-to-hull distance (Space.hull2hull): SVC(kernel=linear, C=1e6, tol=1e-5, max_iter=50000) on raw
  vectors; 0 if the score is not 1, else 2 * min |w.x + b| / ||w||.
- prediction (Space.point2hull): one SVC(C=1e4, max_iter=20000) per test point and cluster.

The reference merges every label to one cluster without checks, then checks that end state (one cluster
per label: 136 pairs for 17 labels). That end-state check, the distances and the prediction are what this
script times, in the reference's order, with joblib on --threads workers (the reference asks for 30).
Not timed, so the figure is a lower bound on the reference: building its O(n^2) centroid-distance heaps
and the merge-to-end pass, and the search back through the merge track that an overlapping end state
starts. Prediction runs on --test-sample test points and is extrapolated linearly to the whole test set
(one solve per point and cluster, so the cost is linear in test points).

usage: directprobe_reference.py VECTOR_DIR LAYER [--threads 2] [--test-sample 100] [--limit N]
Prints one JSON line.
"""
import argparse
import json
import os
import resource
import time

import numpy as np
import psutil
from joblib import Parallel, delayed
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC


def cpu_seconds():
    """User + system CPU of this process and its live workers (joblib's loky processes)."""
    total = 0.0
    me = psutil.Process()
    for p in [me] + me.children(recursive=True):
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def load(directory, layer, split, limit=None):
    with open(os.path.join(directory, f"{split}-labels.txt"), encoding="utf-8") as f:
        labels = [line.rstrip("\n") for line in f if line.strip()]
    data = np.fromfile(os.path.join(directory, f"l{layer}-{split}.f32"), dtype="<f4")
    vectors = data.reshape(len(labels), -1)
    if limit:
        vectors, labels = vectors[:limit], labels[:limit]
    return vectors.astype(np.float64), np.array(labels)


def hard_svm_overlap(x1, x2):
    """Space.hardSVM: 1 when x1 and x2 are not separable."""
    clf = SVC(tol=1e-5, C=10000, kernel="linear", max_iter=500000)
    xx = np.concatenate((x1, x2))
    yy = np.concatenate((np.zeros(len(x1)), np.ones(len(x2))))
    xx = StandardScaler().fit(xx).transform(xx)
    clf.fit(xx, yy)
    return int(clf.score(xx, yy) != 1)


def hull2hull(x1, x2):
    """Space.hull2hull: twice the hard-margin half-width, 0 when the score is not 1."""
    clf = SVC(tol=1e-5, C=1000000, kernel="linear", max_iter=50000)
    xx = np.concatenate((x1, x2))
    yy = np.concatenate((np.ones(len(x1)), -np.ones(len(x2))))
    clf.fit(xx, yy)
    if clf.score(xx, yy) != 1:
        return 0.0
    w = clf.coef_.reshape(-1)
    b = clf.intercept_[0]
    return float(np.min(2 * np.abs(xx @ w + b) / np.linalg.norm(w)))


def point2hull(x, p):
    """Space.point2hull."""
    clf = SVC(tol=1e-5, C=10000, kernel="linear", max_iter=20000)
    xx = np.concatenate((x, p.reshape(1, -1)))
    yy = np.array([0] * len(x) + [1])
    clf.fit(xx, yy)
    if clf.score(xx, yy) != 1.0:
        return 0.0
    w = clf.coef_.reshape(-1)
    return float(2 * abs(np.dot(w, p) + clf.intercept_[0]) / np.linalg.norm(w))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("directory")
    parser.add_argument("layer", type=int)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--test-sample", type=int, default=100)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    x, y = load(args.directory, args.layer, "train", args.limit)
    xt, yt = load(args.directory, args.layer, "test")
    names = sorted(set(y))
    clusters = [x[y == name] for name in names]
    centres = [c.mean(axis=0) for c in clusters]
    radii = [np.max(np.linalg.norm(c - m, axis=1)) for c, m in zip(clusters, centres)]
    pairs = [(i, j) for i in range(len(names)) for j in range(i + 1, len(names))]
    pool = Parallel(n_jobs=args.threads, prefer="processes")

    cpu_start = cpu_seconds()
    start = time.time()
    candidates = [(i, j) for i, j in pairs if radii[i] + radii[j] > np.linalg.norm(centres[i] - centres[j])]
    overlaps = pool(delayed(hard_svm_overlap)(clusters[i], clusters[j]) for i, j in candidates)
    check_seconds = time.time() - start

    start = time.time()
    distances = pool(delayed(hull2hull)(clusters[i], clusters[j]) for i, j in pairs)
    distance_seconds = time.time() - start

    rng = np.random.default_rng(0)
    sample = rng.choice(len(xt), size=min(args.test_sample, len(xt)), replace=False)
    start = time.time()
    correct = 0
    for t in sample:
        d = pool(delayed(point2hull)(c, xt[t]) for c in clusters)
        correct += names[int(np.argmin(d))] == yt[t]
    sample_seconds = time.time() - start
    predict_seconds = sample_seconds * len(xt) / len(sample)
    cpu_sample = cpu_seconds() - cpu_start

    print(json.dumps({
        "peer": "reference-sklearn",
        "layer": args.layer,
        "train_rows": len(x),
        "test_rows": len(xt),
        "threads": args.threads,
        "end_state_pairs": len(pairs),
        "end_state_candidates": len(candidates),
        "end_state_overlapping_pairs": [f"{names[i]}:{names[j]}" for (i, j), o in zip(candidates, overlaps) if o],
        "check_seconds": check_seconds,
        "distance_seconds": distance_seconds,
        "predict_sample": len(sample),
        "predict_sample_seconds": sample_seconds,
        "predict_seconds_extrapolated": predict_seconds,
        "sample_accuracy": correct / len(sample),
        "seconds": check_seconds + distance_seconds + predict_seconds,
        # CPU of the checks, distances and sampled prediction (workers alive at the end; loky keeps them)
        "cpu_seconds_without_full_prediction": cpu_sample,
        "label_pair_distance": {f"{names[i]}:{names[j]}": d for (i, j), d in zip(pairs, distances)},
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }))


if __name__ == "__main__":
    main()
