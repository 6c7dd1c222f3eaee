#!/usr/bin/python3
"""Summarises an mlm-step.sh output directory and records mlm_step_ratio_vs_faster_peer in bench/results.json.

Usage: compare_mlm.py OUT_DIR
Reads ours-N.json, full-N.json and gathered-N.json: the median over rounds of each peer's median step time; the
faster PyTorch peer's time divided by ours.
"""
import glob
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_json import record  # noqa: E402

PEERS = (("ours", "probelab (TF Java, gathered)"), ("full", "PyTorch, logits at every position"),
         ("gathered", "PyTorch, masked positions gathered"))


def last_line(path):
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f.read().splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"compare_mlm: {path}: no JSON line")
    return json.loads(lines[-1])


def main(argv):
    if len(argv) != 1:
        raise SystemExit(__doc__.split("\n\n")[1])
    out = argv[0]
    runs = {key: [last_line(p) for p in sorted(glob.glob(os.path.join(out, f"{key}-*.json")))] for key, _ in PEERS}
    missing = [key for key, lines in runs.items() if not lines]
    if missing:
        raise SystemExit(f"compare_mlm: {out}: no {', '.join(k + '-N.json' for k in missing)}")
    seconds = {key: statistics.median(p["step_seconds"] for p in lines) for key, lines in runs.items()}
    first = runs["ours"][0]
    print(f"batch {first['batch']} x {first['seq']} tokens, {first['masked']} masked; "
          f"{len(runs['ours'])} round(s), median over rounds\n")
    print("| peer | step s | steps/s | rounds | peak RSS MB |")
    print("| --- | ---: | ---: | --- | ---: |")
    for key, name in PEERS:
        rounds = ", ".join(f"{p['step_seconds']:.2f}" for p in runs[key])
        print(f"| {name} | {seconds[key]:.2f} | {1 / seconds[key]:.3f} | {rounds} "
              f"| {max(p['peak_rss_mb'] for p in runs[key]):.0f} |")
    faster = min(("full", "gathered"), key=lambda k: seconds[k])
    ratio = seconds[faster] / seconds["ours"]
    print(f"\nsteps/s ours / faster PyTorch peer ({faster}): {ratio:.2f}x (target >= 1.3x)")
    record("mlm_step_ratio_vs_faster_peer", round(ratio, 3), "x", ">= 1.3", "bench/mlm-step.sh")


if __name__ == "__main__":
    main(sys.argv[1:])
