#!/usr/bin/python3
"""Puts the benchmark JSON lines side by side: throughput of every extraction peer (probelab in float32
and bf16, each PyTorch variant), their forward GFLOP/s (one FLOP formula, bench/flops.py, for all) and how
close each comes to the MatMul peak; then the ratios against the best PyTorch variant of each precision.

Usage: compare.py [--record COMMAND] MATMUL.json PEER.json...
Each file holds a peer's JSON lines, one per round; every peer's best round is used, the same rule for
all. --record writes the headline ratios to bench/results.json (results_json.py), naming COMMAND.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from flops import bert_forward_flops  # noqa: E402  (sits next to this script)
from results_json import record  # noqa: E402

REQUIRED = ("peer", "precision", "tokens", "words", "seconds", "forward_seconds", "tokens_per_s",
            "padded_tokens", "padded_token_squares", "peak_rss_mb")
OURS = {"float32": "probelab-float32", "bf16": "probelab-bf16"}


def read_lines(path, required):
    """The JSON lines of a file, each checked for the keys compare needs."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = [json.loads(line) for line in f.read().splitlines() if line.startswith("{")]
    except (OSError, json.JSONDecodeError) as e:
        raise SystemExit(f"compare: {path}: cannot read benchmark figures ({e})")
    if not lines:
        raise SystemExit(f"compare: {path}: no JSON line of benchmark figures")
    for figures in lines:
        missing = [key for key in required if key not in figures]
        if missing:
            raise SystemExit(f"compare: {path}: JSON line lacks {', '.join(missing)}")
    return lines


def forward_gflop_per_s(peer, model):
    flops = bert_forward_flops(model["layers"], model["hidden"], model["intermediate"],
                               peer["padded_tokens"], peer["padded_token_squares"])
    return flops / peer["forward_seconds"] / 1e9


def best_rounds(paths):
    """Each peer's fastest round (tokens/s), by peer name."""
    best = {}
    for path in paths:
        for line in read_lines(path, REQUIRED):
            if line["peer"] not in best or line["tokens_per_s"] > best[line["peer"]]["tokens_per_s"]:
                best[line["peer"]] = line
    return best


def fastest_torch(peers, precision):
    torch = [p for name, p in peers.items() if name.startswith("pytorch-") and p["precision"] == precision]
    return max(torch, key=lambda p: p["tokens_per_s"], default=None)


def main(argv):
    command = None
    if argv[:1] == ["--record"]:
        command, argv = argv[1], argv[2:]
    if len(argv) < 2:
        raise SystemExit(__doc__.split("\n\n")[1])
    peak = max(line["gflop_per_s"] for line in read_lines(argv[0], ("gflop_per_s", "n")))
    n = read_lines(argv[0], ("n",))[0]["n"]
    peers = best_rounds(argv[1:])
    model = next((p for p in peers.values() if "layers" in p and "intermediate" in p), None)
    if model is None:
        raise SystemExit("compare: no peer line names layers, hidden and intermediate (the PyTorch peer does)")
    work = {(p["tokens"], p["words"]) for p in peers.values()}
    if len(work) > 1:
        print(f"WARNING: the peers did different work (tokens, words): {sorted(work)}\n")

    print(f"TF MatMul peak ({n}^3 float32, best round): {peak:.1f} GFLOP/s\n")
    print("| peer | precision | words | tokens | seconds | tokens/s | forward s | forward GFLOP/s "
          "| of MatMul peak | peak RSS MB |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    gflops = {}
    for name, peer in sorted(peers.items(), key=lambda e: (e[1]["precision"], -e[1]["tokens_per_s"])):
        gflops[name] = forward_gflop_per_s(peer, model)
        print(f"| {name} | {peer['precision']} | {peer['words']} | {peer['tokens']} | {peer['seconds']:.2f} "
              f"| {peer['tokens_per_s']:.0f} | {peer['forward_seconds']:.2f} | {gflops[name]:.1f} "
              f"| {gflops[name] / peak:.0%} | {peer['peak_rss_mb']:.0f} |")

    figures = []
    for precision, ours_name in OURS.items():
        ours, theirs = peers.get(ours_name), fastest_torch(peers, precision)
        if ours and theirs:
            ratio = ours["tokens_per_s"] / theirs["tokens_per_s"]
            print(f"\n{precision}: tokens/s ours / best PyTorch variant ({theirs['peer']}): {ratio:.2f}x")
            suffix = "fp32" if precision == "float32" else precision
            figures.append((f"extraction_ratio_vs_best_peer_{suffix}", ratio, "x", "> 1.0"))
    if OURS["float32"] in peers:
        share = gflops[OURS["float32"]] / peak
        print(f"forward GFLOP/s ours (float32) / MatMul peak: {share:.2f}")
        figures.append(("forward_share_of_matmul_peak", share, "fraction", ">= 0.80"))
    if all(name in peers for name in OURS.values()):
        speedup = peers[OURS["bf16"]]["tokens_per_s"] / peers[OURS["float32"]]["tokens_per_s"]
        print(f"bf16 / float32, ours, tokens/s: {speedup:.2f}x")
        figures.append(("bf16_speedup_vs_fp32", speedup, "x", ">= 1.4"))
    if command:
        for name, value, unit, target in figures:
            record(name, round(value, 3), unit, target, command)


if __name__ == "__main__":
    main(sys.argv[1:])
