#!/usr/bin/env bash
# The masked-LM step benchmark, peers alternating in one run so that all see the same machine load:
# one MLM training step (forward, backward, AdamW) of BERT, batch 16 x 128 tokens, 15% masked, by
#   probelab (MlmStepBench: logits at the masked positions only),
#   PyTorch computing logits at every position (reference_mlm_step.py --logits full, BertForMaskedLM's way),
#   PyTorch gathering the masked positions first (reference_mlm_step.py --logits gathered),
# ROUNDS times each, every round in the reverse order of the one before; then records
# mlm_step_ratio_vs_faster_peer (the faster PyTorch peer's step time / ours) in bench/results.json.
#
# Usage: bench/mlm-step.sh [MODEL_ID_OR_DIR] [OUT_DIR]    (model default: bert-base-uncased)
# Env:   ROUNDS (default 2), STEPS (timed steps per peer and round, default 3), SKIP_BUILD=1
set -euo pipefail

if [ $# -gt 2 ]; then
    sed -n '2,13p' "$0" >&2
    exit 2
fi
MODEL_SOURCE=${1:-bert-base-uncased}
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
OUT=${2:-$BENCH/target/mlm-step-$(date +%Y%m%d-%H%M%S)}
ROUNDS=${ROUNDS:-2} STEPS=${STEPS:-3}
. "$BENCH/peers.sh"
prepare_run "$MODEL_SOURCE"

peers=(ours full gathered)
run() {
    case $1 in
        ours) run_peer "ours-$2" java -Xmx6g -cp "$JAVA_CP" org.probelab.bench.MlmStepBench "$MODEL_DIR" --steps "$STEPS" ;;
        *) run_peer "$1-$2" /usr/bin/python3 "$BENCH/reference_mlm_step.py" "$MODEL_DIR/model.safetensors" \
               --logits "$1" --steps "$STEPS" ;;
    esac
}
uptime | tee "$OUT/load-before.txt"
for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then order=("${peers[@]}"); else order=(gathered full ours); fi
    for peer in "${order[@]}"; do
        run "$peer" "$round"
    done
done
uptime | tee "$OUT/load-after.txt"

/usr/bin/python3 "$BENCH/compare_mlm.py" "$OUT" | tee "$OUT/summary.md.tmp"
mv "$OUT/summary.md.tmp" "$OUT/summary.md"
echo "mlm-step.sh: figures in $OUT" >&2
