#!/usr/bin/env bash
# The product's MLP search (successive halving, default budget) against the reference search
# (exhaustive grid, 2x budget and patience), 5 seeds each, on cached BERT-base vectors of one or
# more probing sets, side by side in one JVM per set. JSON lines go to OUT/search.jsonl (appended as
# each (set, layer, search) finishes), then search_compare.py writes the table and records
# search_vs_reference_max_gap_in_std in bench/results.json.
# Usage: bench/search-vs-reference.sh OUT TASK=VECTORS_DIR[:LAYERS] ...   (TASK: pos, dep, sentence, ... as probed)
#   env TRAIN_ROWS / DEV_ROWS: sample that many rows for both searches (default: all)
set -euo pipefail
[ $# -ge 2 ] || { sed -n '2,9p' "$0" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$1; shift
mkdir -p "$OUT"
export TF_CPP_MIN_LOG_LEVEL=2
if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f "$ROOT/bench/target/classpath.txt" ]; then
    (cd "$ROOT" && mvn -B -q -o -pl core,bench compile)
    (cd "$ROOT" && mvn -B -q -o -f core/pom.xml dependency:build-classpath -Dmdep.outputFile="$ROOT/bench/target/classpath.txt")
fi
CP="$ROOT/bench/target/classes:$ROOT/core/target/classes:$(cat "$ROOT/bench/target/classpath.txt")"
uptime | tee -a "$OUT/load.txt"
for set in "$@"; do
    name=${set%%=*}; rest=${set#*=}
    dir=${rest%%:*}; layers=${rest#*:}; [ "$layers" = "$rest" ] && layers=0,6,12
    java -Xmx8g -cp "$CP" org.probelab.bench.SearchBench "$dir" "$name" "$layers" \
        --train-rows "${TRAIN_ROWS:-2147483647}" --dev-rows "${DEV_ROWS:-2147483647}" | tee -a "$OUT/search.jsonl"
    uptime | tee -a "$OUT/load.txt"
done
/usr/bin/python3 "$ROOT/bench/search_compare.py" "$OUT/search.jsonl" "bench/search-vs-reference.sh $OUT $*"
