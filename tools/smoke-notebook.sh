#!/usr/bin/env bash
# End-to-end check of the notebook plumbing, for CI: runs the smoke notebook through `./probelab notebook`
# (real Jupyter, real kernel, `%use probelab` resolved from ~/.m2) and checks what the executed notebook
# shows: the data set table, ONE progress display holding the final state (updated in place, not appended,
# finished work collapsed into one line per stage),
# and an engine error as the short message. Then checks that a rendered engine error stops a run: exit 1,
# the error named on stderr, and the cells after it not run.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
"$root/probelab" notebook "$root/kernel-integration/src/test/resources/smoke.ipynb"

/usr/bin/python3 - "$root/out/smoke.ipynb" <<'PY'
import json, sys

cells = [c for c in json.load(open(sys.argv[1]))["cells"] if c["cell_type"] == "code"]

def html_outputs(cell):
    return ["".join(o.get("data", {}).get("text/html", "")) for o in cell["outputs"] if "text/html" in o.get("data", {})]

def check(condition, what):
    if not condition:
        sys.exit(f"smoke notebook: {what}")

dataset, progress, error = cells[1], cells[2], cells[3]
check(any("<td>train</td><td>2</td><td>6</td>" in h for h in html_outputs(dataset)), "no data set table")
bars = [h for h in html_outputs(progress) if "probelab-progress" in h]
check(len(bars) == 1, f"expected one progress display updated in place, found {len(bars)}")
check('<tr class="probelab-stage"><td>smoke</td><td>&#10003; steps</td>' in bars[0] and "probelab-task" not in bars[0],
      "the progress display does not end on one finished line for its stage")
shown = html_outputs(error)
check(any("probelab-error" in h and "caused by <b>IOException</b>" in h for h in shown), "no short engine error")
check(not any(o["output_type"] in ("error", "stream") for o in error["outputs"]), "the engine error left a stack trace")
print("smoke notebook: ok", file=sys.stderr)
PY

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
if "$root/probelab" notebook "$root/kernel-integration/src/test/resources/engine-error.ipynb" 2> "$errors"; then
    echo "smoke notebook: a run with an engine error exited 0" >&2; exit 1
fi
grep -q 'IllegalArgumentException: layer 13 does not exist' "$errors" \
    || { echo "smoke notebook: the engine error is not reported:" >&2; cat "$errors" >&2; exit 1; }
# the failed cell is named by the prompt the user sees (In [2]), not by its index or the kernel's snippet name
grep -q 'engine-error.ipynb: In \[2\] (throw' "$errors" && ! grep -q 'Line_\|cell [0-9]' "$errors" \
    || { echo "smoke notebook: the failed cell is not named In [2]:" >&2; cat "$errors" >&2; exit 1; }
/usr/bin/python3 - "$root/out/engine-error.ipynb" <<'PY'
import json, sys
last = json.load(open(sys.argv[1]))["cells"][-1]
if last["outputs"] or last.get("execution_count"):
    sys.exit("smoke notebook: cells after the engine error ran")
PY
echo "smoke notebook: engine error stops the run: ok" >&2
