#!/usr/bin/env bash
# The GPU path, checked in one short run on a machine with an NVIDIA GPU (about 10 minutes once Maven's
# repository holds the GPU native jar): builds with TensorFlow's CUDA library (-Pgpu), runs the device
# tests and the parity test, compares BERT-base's hidden states on the GPU with the CPU's (GpuCheck),
# times extraction and a fine-tuning step on the GPU in float32 and mixed precision (ExtractionBench,
# TrainStepBench), and prints one table.
# Usage: bench/gpu-check.sh [CONLLU] [OUT_DIR]   (default: UD EWT dev from ../shared/data)
# Env:   LIMIT (sentences extracted, default 1000), SKIP_TESTS=1 (skip the Maven tests)
set -euo pipefail
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
CONLLU=${1:-$ROOT/../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu}
OUT=${2:-$BENCH/target/gpu-check}
[ -r "$CONLLU" ] || { echo "gpu-check: cannot read $CONLLU" >&2; exit 2; }
command -v nvidia-smi >/dev/null && nvidia-smi -L || { echo "gpu-check: no NVIDIA GPU here (nvidia-smi)" >&2; exit 1; }
export PROBELAB_TF_NATIVE=linux-x86_64-gpu TF_CPP_MIN_LOG_LEVEL=2
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT/summary.md"
step() { echo "gpu-check: $* ($(date -u +%T))" >&2; }

step "building with the GPU native library"
(cd "$ROOT" && mvn -B -q -Pgpu -pl bench -am package dependency:build-classpath -DskipTests \
    -Dmdep.outputFile=target/classpath.txt)
JAVA_CP="$BENCH/target/classes:$(cat "$BENCH/target/classpath.txt")"

if [ "${SKIP_TESTS:-}" != 1 ]; then
    step "device tests and the parity test, GPU build"
    (cd "$ROOT" && mvn -B -q -Pgpu -pl core test -Dsurefire.failIfNoSpecifiedTests=false \
        -Dtest='DeviceOptionsTest,ComputePrecisionTest,BertModelTest,BertBaseParityTest')
fi

step "GPU vs CPU hidden states"
java -Xmx8g -cp "$JAVA_CP" org.probelab.bench.GpuCheck bert-base-uncased | grep '^{' > "$OUT/gpu.json"

MODEL_DIR=$BENCH/target/model-bert-base-uncased_
[ -f "$MODEL_DIR/model.safetensors" ] || java -cp "$JAVA_CP" org.probelab.bench.ExportModel bert-base-uncased "$MODEL_DIR"
for precision in float32 bf16; do
    step "extraction on the GPU, $precision"
    java -Xmx8g -cp "$JAVA_CP" org.probelab.bench.ExtractionBench "$CONLLU" "$MODEL_DIR" --device gpu \
        --precision "$precision" --limit "${LIMIT:-1000}" | grep '^{' >> "$OUT/extract.json"
done

for precision in float32 bf16; do
    step "training step on the GPU (BERT-base, batch 16 x 64, forward + backward + AdamW), $precision"
    java -Xmx8g -cp "$JAVA_CP" org.probelab.bench.TrainStepBench "$MODEL_DIR" --device gpu \
        --precision "$precision" --steps 20 | grep '^{' >> "$OUT/train.json"
done

/usr/bin/python3 - "$OUT" <<'PYEOF' | tee "$OUT/summary.md"
import json, os, sys
out = sys.argv[1]
def lines(name):
    path = os.path.join(out, name)
    return [json.loads(l) for l in open(path) if l.startswith("{")] if os.path.exists(path) else []
gpu = lines("gpu.json")[0]
print("| check | value |\n| --- | ---: |")
for key, value in gpu.items():
    if key != "bench":
        print(f"| {key} | {value:.3g} |")
for e in lines("extract.json"):
    print(f"| extraction {e['precision']} on {e['device']}: tokens/s | {e['tokens_per_s']:.0f} |")
    print(f"| extraction {e['precision']}: forward s of {e['seconds']:.1f} s | {e['forward_seconds']:.2f} |")
for t in lines("train.json"):
    print(f"| training step on {t['device']}: s per step (median of {t['steps']}) | {t['step_seconds']:.3f} |")
    print(f"| training step on {t['device']}: peak RSS MB | {t['peak_rss_mb']:.0f} |")
PYEOF
