#!/usr/bin/python3
"""The bf16 fidelity table from Bf16Fidelity's JSON line: per task and layer, the vectors' max and mean
|bf16 - float32| and the probe test accuracy from each; then the largest and the mean accuracy difference.

Usage: fidelity_summary.py FIDELITY.json [--record COMMAND]   (--record: into bench/results.json)
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_json import record  # noqa: E402


def main(argv):
    if not argv or (len(argv) > 1 and (argv[1] != "--record" or len(argv) != 3)):
        raise SystemExit(__doc__.split("\n\n")[1])
    try:
        with open(argv[0], encoding="utf-8") as f:
            line = json.loads([text for text in f.read().splitlines() if text.startswith("{")][-1])
    except (OSError, IndexError, json.JSONDecodeError) as e:
        raise SystemExit(f"fidelity_summary: {argv[0]}: no JSON line from Bf16Fidelity ({e})")
    if not line["cpu_has_bf16"]:
        raise SystemExit("fidelity_summary: this CPU has no bf16 instructions, so both runs were float32")
    print(f"{line['data']}, MLP probes, quick mode, {line['seeds']} seeds\n")
    for task in ("pos", "dep"):
        print(f"{task.upper()} ({line[task + '_test_words']} test rows)\n")
        print("| layer | max abs diff | mean abs diff | max abs value | acc float32 | acc bf16 | diff (points) |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for row in line[task]:
            diff = (row["accuracy_bf16"] - row["accuracy_float32"]) * 100
            print(f"| {row['layer']} | {row['max_abs_diff']:.3g} | {row['mean_abs_diff']:.2g} | {row['max_abs_value']:.3g} "
                  f"| {row['accuracy_float32']:.4f} | {row['accuracy_bf16']:.4f} | {diff:+.2f} |")
        print()
    print(f"largest |accuracy difference|: {line['probe_max_abs_diff_points']:.2f} points; "
          f"mean: {line['probe_mean_abs_diff_points']:.3f} points")
    if len(argv) == 3:
        record("bf16_probe_max_abs_diff_points", round(line["probe_max_abs_diff_points"], 3), "points", "<= 0.2",
               argv[2])
        record("bf16_probe_mean_abs_diff_points", round(line["probe_mean_abs_diff_points"], 3), "points", None,
               argv[2])


if __name__ == "__main__":
    main(sys.argv[1:])
