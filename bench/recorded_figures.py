#!/usr/bin/python3
"""The figures of bench/RESULTS.md measured before bench/results.json existed, recorded into it once.

These were measured on 2026-11-23 by the commands named with each figure, on the machine that
RESULTS.md describes; this script does not re-measure them, it copies the measured values so that
results.json holds every headline figure. A benchmark run of the named command replaces its entry
with a fresh measurement (results_json.record replaces by name).

Usage: bench/recorded_figures.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from results_json import record  # noqa: E402

MEASURED = "2026-11-23"
MACHINE = "Intel(R) Xeon(R) Processor (AVX-512), 2 cores, 24 GiB (recorded from bench/RESULTS.md)"
EWT = "../shared/data/ud-english-ewt"

FIGURES = [
    # name, value, unit, target, command
    ("extraction_tokens_per_s", 1030, "tokens/s", None, f"bench/run.sh {EWT}/en_ewt-ud-dev.conllu"),
    ("extraction_tokens_per_s_torch_reference", 968, "tokens/s", None, f"bench/run.sh {EWT}/en_ewt-ud-dev.conllu"),
    ("extraction_speedup_vs_torch", 1.06, "ratio", ">= 1.8", f"bench/run.sh {EWT}/en_ewt-ud-dev.conllu"),
    ("forward_gflops", 225, "GFLOP/s", None, f"bench/run.sh {EWT}/en_ewt-ud-dev.conllu"),
    ("forward_share_of_matmul_peak", 0.67, "fraction", ">= 0.75", f"bench/run.sh {EWT}/en_ewt-ud-dev.conllu"),
    ("matmul_peak_gflops", 335.8, "GFLOP/s", None, f"bench/run.sh {EWT}/en_ewt-ud-dev.conllu"),
    ("extraction_ewt_train_peak_rss_mb", 2461, "MB", "< 3072",
     f"java -cp ... org.probelab.bench.ExtractionBench {EWT}/en_ewt-ud-train.conllu bench/target/model-bert-base-uncased_"),
    ("extraction_ewt_train_seconds", 225, "s", None,
     f"java -cp ... org.probelab.bench.ExtractionBench {EWT}/en_ewt-ud-train.conllu bench/target/model-bert-base-uncased_"),
    ("probe_quick_mlp_13_layers_ewt_dev_seconds", 27, "s", None, f"bench/probe-time.sh {EWT}/en_ewt-ud-dev.conllu"),
    ("probe_grid_mlp_one_layer_ewt_dev_seconds", 221, "s", None, f"bench/probe-time.sh {EWT}/en_ewt-ud-dev.conllu"),
    ("quickstart_notebook_seconds", 79.2, "s", None, "./probelab notebook notebooks/01-quickstart.ipynb"),
]


def main():
    for name, value, unit, target, command in FIGURES:
        record(name, value, unit, target, command, date=MEASURED, machine=MACHINE)


if __name__ == "__main__":
    main()
