#!/usr/bin/python3
"""Summarises a train-step.sh output directory and records its figures in bench/results.json.

Usage: compare_train.py OUT_DIR MODEL.safetensors
Reads matmul-N.json, ours-N.json, reference-N.json (and epoch.json when present): the medians over rounds of
each peer's median step time; steps/s ours / reference; the step's GFLOP/s (3 x the forward FLOPs of
bench/flops.py: every weight trains, so the backward pass is two matmuls per forward matmul) as a share of
the MatMul peak measured in the same round, median over rounds; our peak RSS; the extrapolated epoch.
"""
import glob
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from flops import bert_forward_flops  # noqa: E402
from reference_extract import load_bert  # noqa: E402
from results_json import record  # noqa: E402


def last_line(path):
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f.read().splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"compare_train: {path}: no JSON line")
    return json.loads(lines[-1])


def main(argv):
    if len(argv) != 2:
        raise SystemExit(__doc__.split("\n\n")[1])
    out, model = argv
    def rounds(peer):
        return [last_line(p) for p in sorted(glob.glob(os.path.join(out, f"{peer}-*.json")))]

    matmul, ours, reference = rounds("matmul"), rounds("ours"), rounds("reference")
    if not ours or not reference or len(matmul) != len(ours):
        raise SystemExit("compare_train: need matmul-N.json, ours-N.json and reference-N.json for every round")
    ours_s = statistics.median(p["step_seconds"] for p in ours)
    ref_s = statistics.median(p["step_seconds"] for p in reference)
    bert = load_bert(model, 0)
    forward = bert_forward_flops(bert.layers, bert.hidden, bert.intermediate, ours[0]["padded_tokens"], ours[0]["padded_token_squares"])
    ratio = ref_s / ours_s
    peaks = [m["gflop_per_s"] for m in matmul]
    peak = statistics.median(peaks)
    share = statistics.median(3 * forward / o["step_seconds"] / 1e9 / m["gflop_per_s"] for o, m in zip(ours, matmul))
    rss = max(p["peak_rss_mb"] for p in ours)
    print(f"TF MatMul peak per round: {', '.join(f'{p:.1f}' for p in peaks)} GFLOP/s; "
          f"batch {ours[0]['batch']} x {ours[0]['seq']} tokens, {3 * forward / 1e9:.0f} GFLOP per step\n")
    print("| peer | step s (median over rounds) | steps/s | GFLOP/s (3x forward) | of MatMul peak | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, peers, seconds in (("probelab (TF Java)", ours, ours_s), ("PyTorch reference", reference, ref_s)):
        g = 3 * forward / seconds / 1e9
        print(f"| {name} | {seconds:.2f} | {1 / seconds:.3f} | {g:.1f} | {g / peak:.0%} "
              f"| {max(p['peak_rss_mb'] for p in peers):.0f} |")
    print(f"\nsteps/s ours / reference: {ratio:.2f}x (target >= 1.3x); ours of the same round's MatMul peak, "
          f"median over rounds: {share:.0%}")
    command = "bench/train-step.sh"
    record("train_step_ratio_vs_tuned_peer", round(ratio, 3), "x", ">= 1.3", command)
    record("train_step_share_of_matmul_peak", round(share, 3), "share", None, command)
    record("train_step_peak_rss_mb", round(rss), "MB", "< 6000", command)
    epoch_path = os.path.join(out, "epoch.json")
    if os.path.exists(epoch_path):
        epoch = last_line(epoch_path)
        print(f"\nfine-tuning epoch, EWT train POS: {epoch['epoch_minutes']:.1f} min, extrapolated from "
              f"{epoch['timed_steps']} of {epoch['steps_per_epoch']} steps")
        record("finetune_epoch_ewt_pos_minutes", round(epoch["epoch_minutes"], 1), "min", None, command)


if __name__ == "__main__":
    main(sys.argv[1:])
