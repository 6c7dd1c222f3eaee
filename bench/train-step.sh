#!/usr/bin/env bash
# The training-step benchmark, peers alternating in one run so that both see the same machine load:
#   1. ROUNDS rounds of: TF MatMul peak (MatMulPeak, the GEMM ceiling under this round's load), then probelab
#      (TrainStepBench) and PyTorch (reference_train_step.py): forward + backward + AdamW of BERT with a
#      pooler classifier, batch 16 x 64 tokens
#   2. one fine-tuning epoch on EWT train POS (FineTuneEpochBench), extrapolated from its first STEPS steps
# then records train_step_ratio_vs_tuned_peer, train_step_share_of_matmul_peak, train_step_peak_rss_mb and
# finetune_epoch_ewt_pos_minutes in bench/results.json.
#
# Usage: bench/train-step.sh [MODEL_ID_OR_DIR] [OUT_DIR]    (model default: bert-base-uncased)
# Env:   ROUNDS (default 2), STEPS (timed steps per peer and round, default 3), EPOCH_STEPS (default 6),
#        EWT_TRAIN (default ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu), SKIP_BUILD=1
set -euo pipefail

if [ $# -gt 2 ]; then
    sed -n '2,13p' "$0" >&2
    exit 2
fi
MODEL_SOURCE=${1:-bert-base-uncased}
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
OUT=${2:-$BENCH/target/train-step-$(date +%Y%m%d-%H%M%S)}
ROUNDS=${ROUNDS:-2} STEPS=${STEPS:-3} EPOCH_STEPS=${EPOCH_STEPS:-6}
EWT_TRAIN=${EWT_TRAIN:-$ROOT/../shared/data/ud-english-ewt/en_ewt-ud-train.conllu}
. "$BENCH/peers.sh"
prepare_run "$MODEL_SOURCE"

uptime | tee "$OUT/load-before.txt"
# The MatMul peak is taken in every round, next to the peers: on a shared machine a peak measured under
# other load than the step it divides says nothing (an earlier run gave a share of 1.40 that way).
for round in $(seq 1 "$ROUNDS"); do
    run_peer "matmul-$round" java -cp "$JAVA_CP" org.probelab.bench.MatMulPeak
    run_peer "ours-$round" java -Xmx3g -cp "$JAVA_CP" org.probelab.bench.TrainStepBench "$MODEL_DIR" --steps "$STEPS"
    run_peer "reference-$round" /usr/bin/python3 "$BENCH/reference_train_step.py" "$MODEL_DIR/model.safetensors" \
        --steps "$STEPS"
done
if [ -r "$EWT_TRAIN" ]; then
    run_peer epoch java -Xmx4g -cp "$JAVA_CP" org.probelab.bench.FineTuneEpochBench "$MODEL_DIR" "$EWT_TRAIN" \
        --steps "$EPOCH_STEPS"
else
    echo "train-step.sh: no $EWT_TRAIN, skipping the epoch estimate" >&2
fi
uptime | tee "$OUT/load-after.txt"

/usr/bin/python3 "$BENCH/compare_train.py" "$OUT" "$MODEL_DIR/model.safetensors" | tee "$OUT/summary.md.tmp"
mv "$OUT/summary.md.tmp" "$OUT/summary.md"
echo "train-step.sh: figures in $OUT" >&2
