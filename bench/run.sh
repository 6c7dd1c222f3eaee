#!/usr/bin/env bash
# Runs the benchmarks interleaved on one machine and prints the figures and ratios:
#   1. TF MatMul peak (MatMulPeak, Java): the GEMM ceiling for a BERT forward on this machine
#   2. probelab extraction (ExtractionBench, Java, TF graph), float32 and bf16 compute
#   3. PyTorch extraction (reference_extract.py): same job, same batching, same weights, in every
#      variant of VARIANTS (eager, TorchScript freeze, MKL-DNN, autocast bf16, ...)
# Each round runs every peer once, the next round in reverse order (ABBA), so load that drifts hits
# all peers alike; each peer's best round is compared. The load average before each peer is logged.
#
# Usage: bench/run.sh CONLLU [MODEL_ID_OR_DIR] [OUT_DIR]    (model default: bert-base-uncased)
# Env:   LIMIT=N (first N sentences), TOKEN_BUDGET (padded tokens per batch, default 2048),
#        MATMUL_N (default 3072), ROUNDS (default 1), VARIANTS (PyTorch variants, default all),
#        SKIP_BUILD=1 (reuse the last build), RECORD=1 (write the ratios to bench/results.json)
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    sed -n '2,13p' "$0" >&2
    exit 2
fi
CONLLU=$1 MODEL_SOURCE=${2:-bert-base-uncased}
[ -r "$CONLLU" ] || { echo "run.sh: cannot read $CONLLU" >&2; exit 2; }
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
OUT=${3:-$BENCH/target/results-$(date +%Y%m%d-%H%M%S)}
TOKEN_BUDGET=${TOKEN_BUDGET:-2048}
MATMUL_N=${MATMUL_N:-3072}
ROUNDS=${ROUNDS:-1}
VARIANTS=${VARIANTS:-eager jit jit-opt mkldnn eager-bf16 jit-bf16 mkldnn-bf16}
LIMIT_ARGS=()
[ -n "${LIMIT:-}" ] && LIMIT_ARGS=(--limit "$LIMIT")
. "$BENCH/peers.sh"
prepare_run "$MODEL_SOURCE"
MODEL=$MODEL_DIR/model.safetensors VOCAB=$MODEL_DIR/vocab.txt

PEERS=(matmul probelab-float32 probelab-bf16)
for variant in $VARIANTS; do PEERS+=("pytorch-$variant"); done
run_named() {
    case $1 in
        matmul) run_peer matmul java -cp "$JAVA_CP" org.probelab.bench.MatMulPeak --n "$MATMUL_N" ;;
        probelab-*) run_peer "$1" java -Xmx4g -cp "$JAVA_CP" org.probelab.bench.ExtractionBench \
            "$CONLLU" "$MODEL_DIR" --token-budget "$TOKEN_BUDGET" --precision "${1#probelab-}" "${LIMIT_ARGS[@]}" ;;
        pytorch-*) run_peer "$1" /usr/bin/python3 "$BENCH/reference_extract.py" "$CONLLU" "$MODEL" "$VOCAB" \
            --token-budget "$TOKEN_BUDGET" --variant "${1#pytorch-}" "${LIMIT_ARGS[@]}" ;;
    esac
}
for ((round = 1; round <= ROUNDS; round++)); do
    order=("${PEERS[@]}")
    if ((round % 2 == 0)); then
        order=(); for ((i = ${#PEERS[@]} - 1; i >= 0; i--)); do order+=("${PEERS[i]}"); done
    fi
    for name in "${order[@]}"; do run_named "$name"; done
done

RECORD_ARGS=()
[ "${RECORD:-}" = 1 ] && RECORD_ARGS=(--record "ROUNDS=$ROUNDS LIMIT=${LIMIT:-} bench/run.sh $*")
FILES=()
for name in "${PEERS[@]:1}"; do FILES+=("$OUT/$name.json"); done
/usr/bin/python3 "$BENCH/compare.py" "${RECORD_ARGS[@]}" "$OUT/matmul.json" "${FILES[@]}" | tee "$OUT/summary.md.tmp"
mv "$OUT/summary.md.tmp" "$OUT/summary.md"
echo "run.sh: figures in $OUT (load before each peer: load.log)" >&2
