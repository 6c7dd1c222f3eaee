#!/usr/bin/python3
"""The machine-readable side of bench/RESULTS.md: bench/results.json, a list of
{name, value, unit, target, machine, date, command}, one entry per figure name.

Every benchmark script records its headline figures here (from Python: `record(...)`; from a shell
script: `results_json.py NAME VALUE UNIT TARGET COMMAND...`). Recording a name again replaces its
entry, so the file always holds the latest measurement of each figure. The file is rewritten
atomically: an interrupted benchmark never leaves half a list.
"""
import datetime
import json
import os
import platform
import sys
import tempfile

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.json")


def this_machine():
    """The CPU model, its core count and memory, e.g. 'AMD EPYC 9R14, 2 cores, 24 GiB'."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {round(pages / 2**30)} GiB"
    except (ValueError, OSError):
        pass
    return f"{model}, {os.cpu_count()} cores{memory}"


def record(name, value, unit, target, command, path=RESULTS, date=None, machine=None):
    """Adds or replaces the figure `name`. `target` is a string such as '>= 1.3' or '< 300', or None.
    `date` and `machine` default to today and this machine; a figure measured earlier names its own."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise ValueError(f"results.json: figure {name} needs a number, got {value!r}")
    entries = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            try:
                entries = json.load(f)
            except json.JSONDecodeError as e:
                raise SystemExit(f"results.json: {path}:{e.lineno}: not valid JSON ({e.msg}); fix or remove it")
        if not isinstance(entries, list):
            raise SystemExit(f"results.json: {path}: expected a list of figures")
    entries = [e for e in entries if e.get("name") != name]
    entries.append({
        "name": name,
        "value": value,
        "unit": unit,
        "target": target,
        "machine": machine or this_machine(),
        "date": date or datetime.date.today().isoformat(),
        "command": command,
    })
    entries.sort(key=lambda e: e["name"])
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".results.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(entries, f, indent=2)
            f.write("\n")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def main(argv):
    if len(argv) < 5:
        raise SystemExit("usage: results_json.py NAME VALUE UNIT TARGET COMMAND...   (TARGET '-' for none)")
    name, value, unit, target = argv[:4]
    try:
        number = float(value)
    except ValueError:
        raise SystemExit(f"results_json.py: VALUE of {name} must be a number, got {value!r}")
    record(name, int(number) if number.is_integer() and "." not in value else number, unit,
           None if target == "-" else target, " ".join(argv[4:]))


if __name__ == "__main__":
    main(sys.argv[1:])
