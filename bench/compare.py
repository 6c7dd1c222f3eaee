#!/usr/bin/python3
"""Puts the benchmark JSON lines side by side: throughput of both extraction peers, their forward
GFLOP/s (one FLOP formula, bench/flops.py, for both) and how close each comes to the MatMul peak.

Usage: compare.py MATMUL.json REFERENCE.json [OURS.json]   (each file: the peer's JSON line)
Prints a markdown summary; OURS may be absent until the Java extraction bench is wired in.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from flops import bert_forward_flops  # noqa: E402  (sits next to this script)

REQUIRED = ("tokens", "words", "seconds", "forward_seconds", "tokens_per_s", "padded_tokens",
            "padded_token_squares", "peak_rss_mb")


def read_line(path, required):
    try:
        with open(path, encoding="utf-8") as f:
            lines = [line for line in f.read().splitlines() if line.startswith("{")]
        figures = json.loads(lines[-1])
    except (OSError, IndexError, json.JSONDecodeError) as e:
        raise SystemExit(f"compare: {path}: no JSON line of benchmark figures ({e})")
    missing = [key for key in required if key not in figures]
    if missing:
        raise SystemExit(f"compare: {path}: JSON line lacks {', '.join(missing)}")
    return figures


def forward_gflop_per_s(peer, model):
    flops = bert_forward_flops(model["layers"], model["hidden"], model["intermediate"],
                               peer["padded_tokens"], peer["padded_token_squares"])
    return flops / peer["forward_seconds"] / 1e9


def main(argv):
    if len(argv) not in (2, 3):
        raise SystemExit(__doc__.split("\n\n")[1])
    matmul = read_line(argv[0], ("gflop_per_s", "n"))
    reference = read_line(argv[1], REQUIRED + ("layers", "hidden", "intermediate"))
    peers = {"PyTorch reference": reference}
    if len(argv) == 3:
        peers = {"probelab (TF Java)": read_line(argv[2], REQUIRED), **peers}
    peak = matmul["gflop_per_s"]
    print(f"TF MatMul peak ({matmul['n']}^3 float32): {peak:.1f} GFLOP/s\n")
    print("| peer | sentences | words | tokens | seconds | tokens/s | forward s | forward GFLOP/s "
          "| of MatMul peak | peak RSS MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    gflops = {}
    for name, peer in peers.items():
        gflops[name] = forward_gflop_per_s(peer, reference)
        print(f"| {name} | {peer.get('sentences', '?')} | {peer['words']} | {peer['tokens']} "
              f"| {peer['seconds']:.2f} | {peer['tokens_per_s']:.0f} | {peer['forward_seconds']:.2f} "
              f"| {gflops[name]:.1f} | {gflops[name] / peak:.0%} | {peer['peak_rss_mb']:.0f} |")
    if len(peers) == 1:
        print("\n(no probelab figures: the Java extraction bench is not wired into run.sh yet)")
        return
    ours = peers["probelab (TF Java)"]
    if (ours["tokens"], ours["words"]) != (reference["tokens"], reference["words"]):
        print(f"\nWARNING: the peers did different work: tokens {ours['tokens']} vs {reference['tokens']}, "
              f"words {ours['words']} vs {reference['words']}")
    print(f"\ntokens/s ours / reference: {ours['tokens_per_s'] / reference['tokens_per_s']:.2f}x")
    print(f"forward GFLOP/s ours / MatMul peak: {gflops['probelab (TF Java)'] / peak:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
