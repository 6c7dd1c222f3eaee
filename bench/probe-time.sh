#!/usr/bin/env bash
# Times MLP probes per layer on a CoNLL-U file's POS tags, through the CLI: first the quick mode on
# all 13 layers, then the paper's full grid on the layers in GRID_LAYERS (default: 6). The file is
# split 80/10/10 by sentence position; vectors are extracted once and cached, so the figures printed
# are the probe step alone (results.json: provenance.seconds.probe).
# Usage: bench/probe-time.sh CONLLU [RUNS_DIR]
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,7p' "$0" >&2; exit 2; }
CONLLU=$(readlink -f "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${2:-$ROOT/bench/target/probe-runs}
GRID_LAYERS=${GRID_LAYERS:-6}

probe_seconds() {
    local out
    out=$("$ROOT/probelab" probe --data "conllu:$CONLLU" --task pos --probes mlp --runs "$RUNS" "$@" | tee /dev/stderr)
    /usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["provenance"]["seconds"]["probe"], len(r["scores"]), r["provenance"]["rows"]["train"])' \
        "$(echo "$out" | sed -n 's/^results: //p')"
}

rm -rf "$RUNS"
read -r quick_s quick_n rows < <(probe_seconds --quick)
read -r grid_s grid_n _ < <(probe_seconds --layers "$GRID_LAYERS")
echo "MLP probes, POS, $rows training rows:"
echo "  quick mode, $quick_n layers: ${quick_s} s"
echo "  paper grid (128 configs + 5 seeds), $grid_n layer(s) [$GRID_LAYERS]: ${grid_s} s ($(/usr/bin/python3 -c "print(round($grid_s/$grid_n))") s per layer)"
