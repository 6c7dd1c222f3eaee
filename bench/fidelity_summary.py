#!/usr/bin/python3
"""The bf16 fidelity table from Bf16Fidelity's JSON line: per task and layer, the vectors' max and mean
|bf16 - float32| and the test accuracy of the MLP probe (with its std over seeds) and of the linear
probe from each; then the largest and the mean accuracy difference of each probe.

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
    print(f"{line['data']}, quick mode: MLP probes with {line['seeds']} seeds (std over seeds beside), "
          f"and the linear probe (convex, solved to its optimum: no seed noise)\n")
    mlp, linear = [], []
    for task in ("pos", "dep"):
        print(f"{task.upper()} ({line[task + '_test_words']} test rows)\n")
        print("| layer | max abs diff | mean abs diff | max abs value | MLP float32 (std) | MLP bf16 (std) "
              "| MLP diff (points) | linear float32 | linear bf16 | linear diff (points) |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for row in line[task]:
            diff = (row["accuracy_bf16"] - row["accuracy_float32"]) * 100
            linear_diff = (row["linear_accuracy_bf16"] - row["linear_accuracy_float32"]) * 100
            mlp.append((abs(diff), task, row))
            linear.append(abs(linear_diff))
            print(f"| {row['layer']} | {row['max_abs_diff']:.3g} | {row['mean_abs_diff']:.2g} | {row['max_abs_value']:.3g} "
                  f"| {row['accuracy_float32']:.4f} ({row['seed_std_float32'] * 100:.2f}) "
                  f"| {row['accuracy_bf16']:.4f} ({row['seed_std_bf16'] * 100:.2f}) | {diff:+.2f} "
                  f"| {row['linear_accuracy_float32']:.4f} | {row['linear_accuracy_bf16']:.4f} | {linear_diff:+.2f} |")
        print()
    over = [(d, task, row) for d, task, row in mlp if d > 0.2]
    within_noise = sum(1 for d, _, row in over if d <= 100 * max(row["seed_std_float32"], row["seed_std_bf16"]))
    print(f"MLP: largest |accuracy difference| {line['probe_max_abs_diff_points']:.2f} points, mean "
          f"{line['probe_mean_abs_diff_points']:.3f}; {len(over)} of {len(mlp)} layer-task pairs over 0.2 points, "
          f"{within_noise} of them within that layer's std over seeds")
    print(f"linear: largest |accuracy difference| {max(linear):.2f} points, mean {sum(linear) / len(linear):.3f}")
    if len(argv) == 3:
        record("bf16_probe_max_abs_diff_points", round(line["probe_max_abs_diff_points"], 3), "points", "<= 0.2",
               argv[2])
        record("bf16_probe_mean_abs_diff_points", round(line["probe_mean_abs_diff_points"], 3), "points", None,
               argv[2])
        record("bf16_linear_probe_max_abs_diff_points", round(max(linear), 3), "points", "<= 0.2", argv[2])
        record("bf16_linear_probe_mean_abs_diff_points", round(sum(linear) / len(linear), 3), "points", None,
               argv[2])


if __name__ == "__main__":
    main(sys.argv[1:])
