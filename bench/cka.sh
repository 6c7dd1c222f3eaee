#!/usr/bin/env bash
# CKA benchmark (issue 9): linear CKA, biased and debiased, for all 13 x 13 hidden states of BERT-base
# on the words of UD EWT dev (~25k), probelab (LinearCka, feature-space form in float32 chunks through
# TensorFlow) and a numpy peer (cka_reference.py, the same formulas with OpenBLAS) on the same cached
# vectors, alternating ROUNDS times. Records cka_13x13_seconds (probelab, median) and
# cka_13x13_reference_seconds (numpy, median) through results_json.py; the agreement of the two
# matrices (largest absolute difference) goes to the summary.
#
# Usage: bench/cka.sh [EWT_DEV_CONLLU] [OUT_DIR]
# Env:   PROBELAB_DATA (the data home holding ud-english-ewt/, default ../shared/data), ROUNDS (default 2), SKIP_BUILD=1, PROBELAB_CACHE (default /tmp/cache-geometry; BERT-base is copied
#        there from ~/.cache/probelab/models when missing)
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
DEV=${1:-${PROBELAB_DATA:-$ROOT/../shared/data}/ud-english-ewt/en_ewt-ud-dev.conllu}
OUT=${2:-$BENCH/target/cka-$(date +%Y%m%d-%H%M%S)}
ROUNDS=${ROUNDS:-2}
export PROBELAB_CACHE=${PROBELAB_CACHE:-/tmp/cache-geometry}
export TF_CPP_MIN_LOG_LEVEL=2
mkdir -p "$OUT" "$PROBELAB_CACHE"
[ -d "$PROBELAB_CACHE/models" ] || cp -r "$HOME/.cache/probelab/models" "$PROBELAB_CACHE/models"

# Built in the reactor (core from this checkout, nothing installed into ~/.m2).
CLASSPATH_FILE=$BENCH/target/cka-classpath.txt
if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f "$CLASSPATH_FILE" ]; then
    (cd "$ROOT" && mvn -B -q -pl bench -am package -DskipTests \
        && mvn -B -q -pl bench -am dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE")
fi
DEPENDENCIES=$(tr ':' '\n' < "$CLASSPATH_FILE" | grep -v '/probelab-core' | paste -sd:)
JAVA=(java -Xmx6g -cp "$BENCH/target/classes:$ROOT/core/target/classes:$DEPENDENCIES" org.probelab.bench.CkaBench)

"${JAVA[@]}" extract "$DEV" | tee "$OUT/extract.json"
ENTRY=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["entry"])' "$OUT/extract.json")

uptime | tee "$OUT/load.txt"
for round in $(seq "$ROUNDS"); do
    "${JAVA[@]}" cka "$ENTRY" > "$OUT/probelab-$round.json"
    OPENBLAS_NUM_THREADS=$(nproc) /usr/bin/python3 "$BENCH/cka_reference.py" "$ENTRY" > "$OUT/numpy-$round.json"
    uptime | tee -a "$OUT/load.txt"
done

/usr/bin/python3 - "$OUT" "$ROUNDS" "$BENCH" <<'PY'
import json, statistics, sys
out, rounds, bench = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sys.path.insert(0, bench)
from results_json import record
ours = [json.load(open(f"{out}/probelab-{r}.json")) for r in range(1, rounds + 1)]
peer = [json.load(open(f"{out}/numpy-{r}.json")) for r in range(1, rounds + 1)]
def diff(key):
    return max(abs(a - b) for ra, rb in zip(ours[0][key], peer[0][key]) for a, b in zip(ra, rb))
mine = statistics.median(o["seconds"] for o in ours)
theirs = statistics.median(p["seconds"] for p in peer)
summary = {"items": ours[0]["items"], "layers": ours[0]["layers"],
           "probelab_seconds": [o["seconds"] for o in ours], "numpy_seconds": [p["seconds"] for p in peer],
           "probelab_peak_rss_mb": ours[0]["peak_rss_mb"],
           "max_abs_diff_biased": diff("biased"), "max_abs_diff_debiased": diff("debiased")}
print(json.dumps(summary))
json.dump(summary, open(f"{out}/summary.json", "w"), indent=1)
command = f"bench/cka.sh (EWT dev, {ours[0]['items']} words, 13 x 13, biased + debiased, median of {rounds})"
record("cka_13x13_seconds", round(mine, 1), "s", "-", command)
record("cka_13x13_reference_seconds", round(theirs, 1), "s", "-", command + ", numpy peer")
PY
echo "cka.sh: results in $OUT" >&2
