#!/usr/bin/env bash
# Runs the benchmarks back to back on one machine and prints the figures and ratios:
#   1. TF MatMul peak (MatMulPeak, Java): the GEMM ceiling for a BERT forward on this machine
#   2. probelab extraction (Java, TF graph)         <- wired in by the lead, see the marked block
#   3. PyTorch reference extraction (reference_extract.py): same job, same batching, same weights
#
# Usage: bench/run.sh CONLLU MODEL.safetensors VOCAB.txt [OUT_DIR]
# Env:   LIMIT=N (first N sentences), TOKEN_BUDGET (padded tokens per batch, default 2048),
#        MATMUL_N (default 3072), SKIP_BUILD=1 (reuse the last build)
set -euo pipefail

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
    sed -n '2,9p' "$0" >&2
    exit 2
fi
CONLLU=$1 MODEL=$2 VOCAB=$3
for f in "$CONLLU" "$MODEL" "$VOCAB"; do
    [ -r "$f" ] || { echo "run.sh: cannot read $f" >&2; exit 2; }
done
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
OUT=${4:-$BENCH/target/results-$(date +%Y%m%d-%H%M%S)}
TOKEN_BUDGET=${TOKEN_BUDGET:-2048}
MATMUL_N=${MATMUL_N:-3072}
LIMIT_ARGS=()
[ -n "${LIMIT:-}" ] && LIMIT_ARGS=(--limit "$LIMIT")
export TF_CPP_MIN_LOG_LEVEL=2
mkdir -p "$OUT"
# A reused output directory must not feed an earlier run's figures into this summary.
rm -f "$OUT/matmul.json" "$OUT/ours.json" "$OUT/reference.json" "$OUT/summary.md"

"$BENCH/setup.sh"

CLASSPATH_FILE=$BENCH/target/classpath.txt
if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f "$CLASSPATH_FILE" ]; then
    echo "run.sh: building core and bench" >&2
    # The bench module is not in the parent's default modules: install what it depends on first.
    (cd "$ROOT" && mvn -B -q -N install && mvn -B -q -pl core install -DskipTests)
    mvn -B -q -f "$BENCH/pom.xml" package -DskipTests
    mvn -B -q -f "$BENCH/pom.xml" dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE"
fi
JAVA_CP="$BENCH/target/classes:$(cat "$CLASSPATH_FILE")"

# Each peer writes its JSON line to a file; the last line of each is what compare.py reads.
run_peer() {
    local name=$1; shift
    echo "run.sh: $name" >&2
    "$@" | tee "$OUT/$name.json.tmp"
    mv "$OUT/$name.json.tmp" "$OUT/$name.json"
}

run_peer matmul java -cp "$JAVA_CP" org.probelab.bench.MatMulPeak --n "$MATMUL_N"

# ---- probelab extraction bench (Java) -- THE LEAD WIRES THIS IN -------------------------------------
# It must do the same job as reference_extract.py on the same inputs (CONLLU, MODEL, VOCAB,
# TOKEN_BUDGET, LIMIT) and print one JSON line with at least: sentences, words, tokens (subwords incl.
# [CLS]/[SEP]), seconds, forward_seconds, tokens_per_s, padded_tokens, padded_token_squares
# (PaddedWork.jsonFields()), peak_rss_mb (Rss.peakMb()). Then enable it with:
#   run_peer ours java -Xmx8g -cp "$JAVA_CP" org.probelab.bench.<ExtractionBench> \
#       "$CONLLU" "$MODEL" "$VOCAB" --token-budget "$TOKEN_BUDGET" "${LIMIT_ARGS[@]}"
# ------------------------------------------------------------------------------------------------------

run_peer reference /usr/bin/python3 "$BENCH/reference_extract.py" "$CONLLU" "$MODEL" "$VOCAB" \
    --token-budget "$TOKEN_BUDGET" "${LIMIT_ARGS[@]}"

PEERS=("$OUT/matmul.json" "$OUT/reference.json")
[ -f "$OUT/ours.json" ] && PEERS+=("$OUT/ours.json")
/usr/bin/python3 "$BENCH/compare.py" "${PEERS[@]}" | tee "$OUT/summary.md.tmp"
mv "$OUT/summary.md.tmp" "$OUT/summary.md"
echo "run.sh: figures in $OUT" >&2
