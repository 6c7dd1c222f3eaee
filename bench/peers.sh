# Shared by the benchmark drivers (run.sh, train-step.sh); source it after setting BENCH, ROOT and OUT.

# Builds core and bench (unless SKIP_BUILD=1 and a classpath exists) and sets JAVA_CP.
build_java_classpath() {
    local classpath_file=$BENCH/target/classpath.txt
    if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f "$classpath_file" ]; then
        echo "$(basename "$0"): building core and bench" >&2
        # One reactor build: core's jar comes from core/target, nothing is installed into ~/.m2.
        (cd "$ROOT" && mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests \
            -Dmdep.outputFile=target/classpath.txt)
    fi
    JAVA_CP="$BENCH/target/classes:$(cat "$classpath_file")"
}

# run_peer NAME COMMAND...: runs a peer; each JSON line it prints (one per round) is appended to
# $OUT/NAME.json, and the load average before it to $OUT/load.log.
run_peer() {
    local name=$1; shift
    echo "$(basename "$0"): $name ($(cut -d' ' -f1-3 /proc/loadavg) load)" | tee -a "$OUT/load.log" >&2
    "$@" | grep '^{' | tee -a "$OUT/$name.json"
}

# export_model MODEL_ID_OR_DIR: both peers read the same weights, the model exported once as an HF directory
# (safetensors); sets MODEL_DIR.
export_model() {
    MODEL_DIR=$BENCH/target/model-$(echo "$1" | tr -c 'A-Za-z0-9._-' '_')
    if [ ! -f "$MODEL_DIR/model.safetensors" ]; then
        echo "$(basename "$0"): exporting $1 to $MODEL_DIR" >&2
        java -cp "$JAVA_CP" org.probelab.bench.ExportModel "$1" "$MODEL_DIR"
    fi
}

# prepare_run MODEL_ID_OR_DIR: an empty output directory (a reused one must not feed an earlier run's figures
# into this summary), the Python peers' packages, the Java build and the exported model.
prepare_run() {
    export TF_CPP_MIN_LOG_LEVEL=2
    mkdir -p "$OUT"
    rm -f "$OUT"/*.json "$OUT/summary.md" "$OUT/load.log"
    "$BENCH/setup.sh"
    build_java_classpath
    export_model "$1"
}
