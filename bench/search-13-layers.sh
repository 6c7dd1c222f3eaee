#!/usr/bin/env bash
# The paper's protocol for one word-level task over all 13 layers of BERT-base on UD EWT train
# (204,577 words): MLP grid by successive halving, 5 seeds, through the CLI. The extraction of the
# vectors (or their reuse from the cache) is not counted: the figure is the probe step alone
# (results.json: provenance.seconds.probe), recorded as probe_search_13_layers_ewt_train_minutes
# (target < 30).
# Run it on a quiet machine: it is the product's speed figure, not a side-by-side ratio.
# Usage: bench/search-13-layers.sh EWT_DIR [RUNS_DIR]
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,8p' "$0" >&2; exit 2; }
EWT=$(readlink -f "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${2:-$ROOT/bench/target/search-13-layers}
uptime
out=$("$ROOT/probelab" probe --data "conllu:$EWT" --task pos --layers all --probes mlp --runs "$RUNS" | tee /dev/stderr)
uptime
results=$(echo "$out" | sed -n 's/^results: //p')
minutes=$(/usr/bin/python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["provenance"]["seconds"]["probe"] / 60, 1))' "$results")
echo "paper protocol, MLP, POS, 13 layers, EWT train: $minutes min"
/usr/bin/python3 "$ROOT/bench/results_json.py" probe_search_13_layers_ewt_train_minutes "$minutes" min "< 30" \
    "bench/search-13-layers.sh $1"
