# Sourced by the setup tools. `quietly COMMAND...` runs a setup step (Maven, apt-get, pip) with its output in one
# log file, $setup_log, instead of on the terminal, where Maven's quiet mode still writes raw colour codes and apt
# its whole transcript; a failed step shows the log's last lines and names the file.
setup_log="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)/.probelab/logs/setup.log"

quietly() {
    mkdir -p "$(dirname "$setup_log")"
    echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) $*" >> "$setup_log"
    if ! "$@" >> "$setup_log" 2>&1; then
        echo "probelab: '$*' failed; its last lines (all of it is in $setup_log):" >&2
        tail -n 25 "$setup_log" | sed 's/\x1b\[[0-9;]*m//g' >&2
        return 1
    fi
}
