#!/usr/bin/env bash
# DirectProbe benchmark (issue 9): UD EWT dev as training rows, test as test rows, BERT-base UPOS word
# vectors, probelab's engine and the reference's sklearn fallback side by side on the same points.
#   1. vectors of layers 0 and 12 through the product's extraction and cache (DirectProbeBench extract)
#   2. layer 12: probelab (clusters + distances + test prediction), then the reference peer
#   3. layer 0: probelab (the merge search runs in earnest)
#   4. scaling: probelab on the first 1k, 5k, 25k training rows of layer 12 (no prediction)
# Figures go to bench/results.json (results_json.py) and, as JSON lines, to the output directory.
#
# Usage: bench/directprobe.sh [UD_EWT_DIR] [OUT_DIR]
# Env:   THREADS (default 2), REFERENCE_SAMPLE (test points the reference predicts, default 100),
#        SKIP_BUILD=1, PROBELAB_CACHE (default /tmp/cache-directprobe),
#        STEPS (default "l12 reference l0 scaling": which of the steps 2-4 to run; a reused OUT_DIR keeps
#        the vectors, so steps can be run one after another into one directory)
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
EWT=${1:-$ROOT/../shared/data/ud-english-ewt}
OUT=${2:-$BENCH/target/directprobe-$(date +%Y%m%d-%H%M%S)}
THREADS=${THREADS:-2}
export PROBELAB_CACHE=${PROBELAB_CACHE:-/tmp/cache-directprobe}
export TF_CPP_MIN_LOG_LEVEL=2
mkdir -p "$OUT"

# Built in the reactor (core from this checkout, nothing installed into ~/.m2).
CLASSPATH_FILE=$BENCH/target/directprobe-classpath.txt
if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f "$CLASSPATH_FILE" ]; then
    (cd "$ROOT" && mvn -B -q -pl bench -am package -DskipTests \
        && mvn -B -q -pl bench -am dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE")
fi
DEPENDENCIES=$(tr ':' '\n' < "$CLASSPATH_FILE" | grep -v '/probelab-core' | paste -sd:)
JAVA=(java -Xmx8g -cp "$BENCH/target/classes:$ROOT/core/target/classes:$DEPENDENCIES"
    org.probelab.bench.DirectProbeBench)
RECORD=("$BENCH/results_json.py")

VECTORS=$OUT/vectors
[ -f "$VECTORS/vectors.json" ] || "${JAVA[@]}" extract "$EWT/en_ewt-ud-dev.conllu" "$EWT/en_ewt-ud-test.conllu" \
    "$VECTORS" 0 12 > "$OUT/extract.json"
uptime | tee -a "$OUT/load.txt"
STEPS=" ${STEPS:-l12 reference l0 scaling} "
step() { [[ "$STEPS" == *" $1 "* ]]; }

seconds() { python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])["seconds"])' "$1"; }

# ours LAYER TARGET: probelab on one layer, prediction of the test set included, recorded.
ours() {
    "${JAVA[@]}" run "$VECTORS" "$1" --threads "$THREADS" | tee "$OUT/probelab-l$1.json"
    "${RECORD[@]}" "directprobe_layer$1_seconds" "$(seconds "$OUT/probelab-l$1.json")" s "$2" \
        "bench/directprobe.sh (layer $1, $THREADS threads, prediction of the test set included)"
    uptime | tee -a "$OUT/load.txt"
}

step l12 && ours 12 "< 300"

if step reference; then
    OMP_NUM_THREADS=1 /usr/bin/python3 "$BENCH/directprobe_reference.py" "$VECTORS" 12 --threads "$THREADS" \
        --test-sample "${REFERENCE_SAMPLE:-100}" | tee "$OUT/reference-l12.json"
    "${RECORD[@]}" directprobe_reference_layer12_seconds "$(seconds "$OUT/reference-l12.json")" s - \
        "bench/directprobe.sh (reference sklearn fallback, layer 12 end state, $THREADS workers, prediction extrapolated)"
    uptime | tee -a "$OUT/load.txt"
fi

step l0 && ours 0 "< 1800"

if step scaling; then
    for n in 1000 5000 25000; do
        "${JAVA[@]}" run "$VECTORS" 12 --threads "$THREADS" --limit "$n" --no-test | tee "$OUT/scaling-$n.json"
    done
    uptime | tee -a "$OUT/load.txt"
fi
echo "directprobe.sh: results in $OUT" >&2
