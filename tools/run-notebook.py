"""Executes notebooks headless with the probelab Kotlin kernel and writes, for each NAME.ipynb,
OUT/NAME.ipynb (executed) and OUT/NAME.html.

Stops at the first failing cell. That includes a cell whose engine error the kernel rendered as a short
message: kernel 0.11.0-398 reports such a cell as succeeded, so its output carries a marker MIME type that
is checked here. A cell tagged "raises-exception" may fail. Whatever ran is still written, so the HTML shows
the failure; the exit code is then 1 and stderr says which cell failed and why. The kernel's own stderr
(JVM and kernel logs, which repeat every error as raw protocol JSON) and its stdout (an echo of what the cells
print) go to OUT/NAME.kernel.log.

usage: python3 run-notebook.py [--out DIR] [--kernel NAME] [--timeout SECONDS] NOTEBOOK...
"""
import argparse
import os
import re
import sys
import tempfile
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

ENGINE_ERROR_MIME = "text/x-probelab-error"  # org.probelab.kernel.EngineErrors.MIME_TYPE


class NotebookFailed(Exception):
    """A readable account of the cell that stopped a run."""


def stop_on_rendered_engine_error(cell, cell_index, execute_reply):
    if "raises-exception" in cell.metadata.get("tags", []):
        return
    for output in cell.get("outputs", []):
        message = output.get("data", {}).get(ENGINE_ERROR_MIME)
        if message:
            raise CellExecutionError(traceback=message, ename="engine error", evalue=message)


def cell_label(nb, cell_index):
    """The cell as the user sees it: its prompt, In [N], or its place among the code cells if it never ran."""
    count = nb.cells[cell_index].get("execution_count")
    if count is not None:
        return f"In [{count}]"
    code_cells = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]
    return f"code cell {code_cells.index(cell_index) + 1}"


def describe_cell(nb, cell_index):
    lines = nb.cells[cell_index].source.strip().splitlines() or [""]
    more = " ..." if len(lines) > 1 else ""
    return f"{cell_label(nb, cell_index)} ({lines[0][:60]}{more})"


# The kernel names a cell's code by its own snippet counter, "Line_1.jupyter.kts (1:14 - 17)", which
# need not match the prompt the user sees; a compiler message always points into the cell that failed.
KERNEL_LOCATION = re.compile(r"Line_\d+\.jupyter\.kts(?: \((\d+):(\d+)[^)]*\))?")


def in_user_terms(message, nb, cell_index):
    label = cell_label(nb, cell_index)
    return KERNEL_LOCATION.sub(
        lambda m: f"{label}, line {m.group(1)}, column {m.group(2)}:" if m.group(1) else label, message)


def write_atomically(path, text):
    directory = os.path.dirname(path)
    handle, tmp = tempfile.mkstemp(dir=directory, prefix=os.path.basename(path) + ".")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(tmp, path)


def run(path, out_dir, kernel, timeout):
    nb = nbformat.read(path, as_version=4)
    name = os.path.splitext(os.path.basename(path))[0]
    os.makedirs(out_dir, exist_ok=True)
    kernel_log = os.path.join(out_dir, name + ".kernel.log")
    client = NotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        startup_timeout=180,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        on_cell_executed=stop_on_rendered_engine_error,
    )
    current = {"cell": 0}

    def remember_cell(cell, cell_index):
        current["cell"] = cell_index

    client.on_cell_start = remember_cell
    failure = None
    try:
        with open(kernel_log, "w", encoding="utf-8") as log:
            # the kernel's own stdout echoes what cells print, which the notebook already shows
            client.execute(stdout=log, stderr=log)
    except CellExecutionError as error:
        where = describe_cell(nb, current["cell"])
        kind = error.ename.rsplit(".", 1)[-1]  # the kernel's exception class, without its package
        failure = f"{path}: {where} failed:\n{kind}: {in_user_terms(error.evalue, nb, current['cell'])}".rstrip()
    except CellTimeoutError:
        failure = f"{path}: {describe_cell(nb, current['cell'])} ran longer than {timeout} s"
    except DeadKernelError:
        failure = f"{path}: the kernel died (out of memory?); its log is {kernel_log}"
    write_atomically(os.path.join(out_dir, name + ".ipynb"), nbformat.writes(nb))
    html, _ = HTMLExporter().from_notebook_node(nb)
    write_atomically(os.path.join(out_dir, name + ".html"), html)
    if failure:
        raise NotebookFailed(failure)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+")
    parser.add_argument("--out", default="out")
    parser.add_argument("--kernel", default="probelab-kotlin")
    parser.add_argument("--timeout", type=int, default=1200, help="seconds per cell")
    args = parser.parse_args()
    for path in args.notebooks:
        if not os.path.isfile(path):
            sys.exit(f"probelab notebook: no such notebook: {path}")
        started = time.monotonic()
        try:
            run(path, args.out, args.kernel, args.timeout)
        except NotebookFailed as failure:
            sys.exit(f"probelab notebook: {failure}\n(what ran is in {args.out}/)")
        name = os.path.splitext(os.path.basename(path))[0]
        print(f"probelab notebook: {path} -> {args.out}/{name}.html ({time.monotonic() - started:.1f} s)",
              file=sys.stderr)


if __name__ == "__main__":
    main()
