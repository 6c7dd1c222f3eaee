#!/usr/bin/python3
"""Reads SearchBench's JSON lines and prints the product-vs-reference table (markdown) and the
largest gap of a product result from the reference, in the reference's standard deviations over
seeds; records that gap in bench/results.json as search_vs_reference_max_gap_in_std.

A reference std of 0 (all seeds equal) would make any gap infinite; only then is the gap measured
against 0.001 (a tenth of a point), and the table says so.

Usage: bench/search_compare.py SEARCH.jsonl COMMAND
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_json import record  # noqa: E402

STD_FLOOR = 0.001


def main(argv):
    if len(argv) < 2:
        raise SystemExit(__doc__.strip().splitlines()[-1])
    rows = [json.loads(line) for line in open(argv[0], encoding="utf-8") if line.startswith("{")]
    by_key = {(r["set"], r["layer"], r["search"]): r for r in rows}
    print("| set | layer | train rows | search | chosen | test acc ± std (5 seeds) | best/epochs per seed | epochs trained (all probes) | seconds (CPU s) | gap in ref. std |")
    print("| --- | ---: | ---: | --- | --- | ---: | --- | ---: | ---: | ---: |")
    gaps = []
    for (name, layer, search), r in sorted(by_key.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] != "reference")):
        ref = by_key.get((name, layer, "reference"))
        gap = ""
        if search == "product" and ref is not None:
            std = ref["test_std"] if ref["test_std"] > 0 else STD_FLOOR
            value = abs(r["test_mean"] - ref["test_mean"]) / std
            gaps.append(value)
            gap = f"{value:.2f}" + (" (std floor)" if ref["test_std"] == 0 else "")
        print(f"| {name} | {layer} | {r['train_rows']:,} | {search} | `{r['chosen']}` | "
              f"{r['test_mean']:.4f} ± {r['test_std']:.4f} | {', '.join(r['seed_best_of_epochs'])} | "
              f"{r['epochs_trained']:,} | {r['seconds']:.0f} ({r['cpu_seconds']:.0f}) | {gap} |")
    if gaps:
        worst = max(gaps)
        print(f"\nlargest product-vs-reference gap: {worst:.2f} reference std over {len(gaps)} comparisons")
        record("search_vs_reference_max_gap_in_std", round(worst, 3), "reference std", "<= 1", argv[1])


if __name__ == "__main__":
    main(sys.argv[1:])
