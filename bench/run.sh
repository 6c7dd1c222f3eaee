#!/usr/bin/env bash
# Runs the benchmarks back to back on one machine and prints the figures and ratios:
#   1. TF MatMul peak (MatMulPeak, Java): the GEMM ceiling for a BERT forward on this machine
#   2. probelab extraction (Java, TF graph)         <- wired in by the lead, see the marked block
#   3. PyTorch reference extraction (reference_extract.py): same job, same batching, same weights
#
# Usage: bench/run.sh CONLLU [MODEL_ID_OR_DIR] [OUT_DIR]    (model default: bert-base-uncased)
# Env:   LIMIT=N (first N sentences), TOKEN_BUDGET (padded tokens per batch, default 2048),
#        MATMUL_N (default 3072), SKIP_BUILD=1 (reuse the last build)
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    sed -n '2,9p' "$0" >&2
    exit 2
fi
CONLLU=$1 MODEL_SOURCE=${2:-bert-base-uncased}
[ -r "$CONLLU" ] || { echo "run.sh: cannot read $CONLLU" >&2; exit 2; }
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
OUT=${3:-$BENCH/target/results-$(date +%Y%m%d-%H%M%S)}
TOKEN_BUDGET=${TOKEN_BUDGET:-2048}
MATMUL_N=${MATMUL_N:-3072}
LIMIT_ARGS=()
[ -n "${LIMIT:-}" ] && LIMIT_ARGS=(--limit "$LIMIT")
export TF_CPP_MIN_LOG_LEVEL=2
mkdir -p "$OUT"
# A reused output directory must not feed an earlier run's figures into this summary.
rm -f "$OUT/matmul.json" "$OUT/ours.json" "$OUT/reference.json" "$OUT/summary.md"

"$BENCH/setup.sh"

. "$BENCH/peers.sh"
build_java_classpath

run_peer matmul java -cp "$JAVA_CP" org.probelab.bench.MatMulPeak --n "$MATMUL_N"

export_model "$MODEL_SOURCE"
MODEL=$MODEL_DIR/model.safetensors VOCAB=$MODEL_DIR/vocab.txt

run_peer ours java -Xmx4g -cp "$JAVA_CP" org.probelab.bench.ExtractionBench \
    "$CONLLU" "$MODEL_DIR" --token-budget "$TOKEN_BUDGET" "${LIMIT_ARGS[@]}"

run_peer reference /usr/bin/python3 "$BENCH/reference_extract.py" "$CONLLU" "$MODEL" "$VOCAB" \
    --token-budget "$TOKEN_BUDGET" "${LIMIT_ARGS[@]}"

PEERS=("$OUT/matmul.json" "$OUT/reference.json")
[ -f "$OUT/ours.json" ] && PEERS+=("$OUT/ours.json")
/usr/bin/python3 "$BENCH/compare.py" "${PEERS[@]}" | tee "$OUT/summary.md.tmp"
mv "$OUT/summary.md.tmp" "$OUT/summary.md"
echo "run.sh: figures in $OUT" >&2
