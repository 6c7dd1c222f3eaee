#!/usr/bin/env bash
# bf16 fidelity: BERT-base probed for POS and DEP on every layer from float32 and from bf16 vectors
# (Bf16Fidelity, the engine's own runs, MLP probes, quick mode, SEEDS seeds), then the table of vector
# differences and accuracy differences; RECORD=1 writes the headline figures to bench/results.json.
# Usage: bench/bf16-fidelity.sh CONLLU [WORK_DIR]   (the file is split 80/10/10 by sentence position)
# Env:   SEEDS (default 3), SKIP_BUILD=1 (reuse the last build), RECORD=1
set -euo pipefail
[ $# -ge 1 ] && [ $# -le 2 ] || { sed -n '2,7p' "$0" >&2; exit 2; }
CONLLU=$(readlink -f "$1")
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
WORK=${2:-$BENCH/target/bf16-fidelity}
CLASSPATH_FILE=$BENCH/target/classpath.txt
if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f "$CLASSPATH_FILE" ]; then
    (cd "$ROOT" && mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests \
        -Dmdep.outputFile=target/classpath.txt)
fi
mkdir -p "$WORK"
TF_CPP_MIN_LOG_LEVEL=2 java -Xmx6g -cp "$BENCH/target/classes:$(cat "$CLASSPATH_FILE")" \
    org.probelab.bench.Bf16Fidelity "$CONLLU" "$WORK" --seeds "${SEEDS:-3}" | grep '^{' > "$WORK/fidelity.json"
RECORD_ARGS=()
[ "${RECORD:-}" = 1 ] && RECORD_ARGS=(--record "SEEDS=${SEEDS:-3} bench/bf16-fidelity.sh $*")
/usr/bin/python3 "$BENCH/fidelity_summary.py" "$WORK/fidelity.json" "${RECORD_ARGS[@]}" | tee "$WORK/summary.md"
