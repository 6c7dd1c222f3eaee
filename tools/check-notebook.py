"""Checks an executed notebook against what it declares it shows: NAME.expect.json beside NAME.ipynb.

The declaration (format in docs/notebooks.md) names, for every code cell in order, what the cell must show:
printed lines matching a pattern, HTML tables with a number of rows, figures with marks of a kind, progress
ending with one finished line per stage. A cell that shows less, e.g. one gutted to `Unit`, fails. Values the
outputs show can be captured by name, and "claims" state what must hold of them on a real run (a control task
at chance, accuracy rising from layer 0).

One implementation serves both users: NotebooksRunTest (cells run in the embedded REPL with a tiny random
model, --structure-only: the claims' values must be found and evaluate, but need not hold) and .ci/run (the
real quickstart, claims checked).

usage: python3 check-notebook.py [--structure-only] [--fresh-cache] [--bind NAME=VALUE]... EXECUTED.ipynb EXPECT.json
Exit 0 when everything holds; else 1 with one line per problem on stderr, naming the cell as the user sees it.
"""
import argparse
import ast
import json
import re
import sys
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

# What each figure mark kind is drawn with in Lets-Plot's SVG (inside the clipped plot panel).
MARK_ELEMENTS = {"points": "circle", "lines": "path", "tiles": "rect", "texts": "text"}
# What a claim may call; the expression is otherwise arithmetic, comparisons, subscripts and names.
CLAIM_FUNCTIONS = {"max": max, "min": min, "len": len, "sum": sum, "abs": abs, "all": all, "any": any}
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?")


class Problems(list):
    """Problems found so far, each one readable line."""


def text_of(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def cell_outputs(cell):
    """(printed text, [html fragments]) of one executed code cell."""
    printed, html = [], []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream" and output.get("name") == "stdout":
            printed.append(text_of(output.get("text")))
        elif kind in ("execute_result", "display_data"):
            data = output.get("data", {})
            if "text/html" in data:
                html.append(text_of(data["text/html"]))
            elif "text/plain" in data:
                printed.append(text_of(data["text/plain"]))
    return "".join(printed), html


class Tables(HTMLParser):
    """Every <table>, as its class and its rows of cell texts (header rows under <thead> kept apart)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self._stack = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            table = {"class": dict(attrs).get("class", ""), "head": [], "rows": [], "in_head": False}
            self._stack.append(table)
        elif not self._stack:
            return
        elif tag == "thead":
            self._stack[-1]["in_head"] = True
        elif tag == "tr":
            table = self._stack[-1]
            (table["head"] if table["in_head"] else table["rows"]).append([])
        elif tag in ("td", "th"):
            table = self._stack[-1]
            rows = table["head"] if table["in_head"] else table["rows"]
            if rows:
                rows[-1].append("")

    def handle_endtag(self, tag):
        if tag == "table" and self._stack:
            self.tables.append(self._stack.pop())
        elif tag == "thead" and self._stack:
            self._stack[-1]["in_head"] = False

    def handle_data(self, data):
        if self._stack:
            table = self._stack[-1]
            rows = table["head"] if table["in_head"] else table["rows"]
            if rows and rows[-1]:
                rows[-1][-1] += data


def tables_in(html, css_class):
    parser = Tables()
    for fragment in html:
        parser.feed(fragment)
    return [t for t in parser.tables if css_class in t["class"].split()]


def svgs_in(html):
    svgs = []
    for fragment in html:
        for match in re.finditer(r"<svg\b.*?</svg>", fragment, re.S):
            try:
                svgs.append(ElementTree.fromstring(match.group(0)))
            except ElementTree.ParseError:
                pass
    return svgs


def panel_marks(svg, element):
    """Elements named [element] drawn inside a clipped plot panel (definitions excluded)."""
    found = []

    def walk(node, clipped):
        tag = node.tag.rsplit("}", 1)[-1]
        if tag == "defs":
            return
        clipped = clipped or "clip-path" in node.attrib
        if clipped and tag == element:
            found.append(node)
        for child in node:
            walk(child, clipped)

    walk(svg, False)
    return found


def count_matches(expected, actual):
    """An expected count is a number, a bound name, or {"atLeast": n}."""
    if isinstance(expected, dict):
        return actual >= expected["atLeast"]
    return actual == expected


def describe_count(expected):
    return f"at least {expected['atLeast']}" if isinstance(expected, dict) else str(expected)


COUNTS = ("rows", "marks", "lines")


def resolve(item, bindings):
    """The expectation with each count that names a "let" value replaced by that value."""
    resolved = dict(item)
    for key in COUNTS:
        value = item.get(key)
        if isinstance(value, str):
            if value not in bindings:
                raise KeyError(f'"{value}" is not bound; add it to "let"')
            resolved[key] = bindings[value]
    return resolved


def first_number(text):
    match = NUMBER.search(text)
    return float(match.group(0)) if match else None


def check_printed(item, printed, captures):
    pattern = re.compile(item["printed"])
    matches = [m for m in (pattern.search(line) for line in printed.splitlines()) if m]
    problems = []
    if "lines" in item:
        if not count_matches(item["lines"], len(matches)):
            problems.append(f"prints {len(matches)} line(s) matching /{item['printed']}/, expected "
                            f"{describe_count(item['lines'])}")
    elif not matches:
        problems.append(f"prints no line matching /{item['printed']}/")
    for name in pattern.groupindex:
        values = [float(m.group(name)) for m in matches if m.group(name) is not None]
        captures[name] = values[0] if len(values) == 1 and item.get("lines") == 1 else values
    return problems


def check_table(item, html, captures):
    tables = tables_in(html, item["table"])
    if not tables:
        return [f'shows no table of class "{item["table"]}"']
    table = tables[0]
    problems = []
    if "rows" in item and not count_matches(item["rows"], len(table["rows"])):
        problems.append(f'shows a "{item["table"]}" table with {len(table["rows"])} rows, expected '
                        f"{describe_count(item['rows'])}")
    header = [h.strip() for h in (table["head"][0] if table["head"] else [])]
    for name, column in item.get("capture", {}).items():
        if column not in header:
            problems.append(f'the "{item["table"]}" table has no column "{column}" (it has {header})')
            continue
        index = header.index(column)
        captures[name] = [first_number(row[index]) for row in table["rows"] if index < len(row)]
    return problems


def check_figure(item, html):
    element = MARK_ELEMENTS[item["figure"]]
    wanted = item.get("marks", {"atLeast": 1})
    counts = [len(panel_marks(svg, element)) for svg in svgs_in(html)]
    if not counts:
        return [f"shows no figure (an inline <svg>) with {item['figure']}"]
    if not any(count_matches(wanted, n) for n in counts):
        return [f"shows no figure with {describe_count(wanted)} {item['figure']} (figures hold {counts})"]
    return []


def check_progress(item, html, fresh_cache):
    """The progress display's final state: one finished line per stage, no bar still running. A rerun that
    found everything cached shows no progress at all; with --fresh-cache every declared stage must appear."""
    shown = [m.group(0) for fragment in html for m in re.finditer(r'<table class="probelab-progress">.*?</table>',
                                                                    fragment, re.S)]
    if not shown:
        return ["shows no progress"] if fresh_cache else []
    rows = re.findall(r'<tr class="probelab-(stage|task)"><td>([^<]*)</td>', shown[-1])
    problems = []
    running = [name for kind, name in rows if kind == "task"]
    stages = [name for kind, name in rows if kind == "stage"]
    if running:
        problems.append(f"progress ends with work still running: {running}")
    # "extract?": a stage that may show or not (notebook 04's recipes show it with BERT-base, not on the tiny model)
    required = [stage for stage in item["progress"] if not stage.endswith("?")]
    optional = [stage[:-1] for stage in item["progress"] if stage.endswith("?")]
    # "finetune-genre|finetune-sentence": a stage whose name the data decides, one of the alternatives
    declared = [alternative for entry in required + optional for alternative in entry.split("|")]
    unknown = [stage for stage in stages if stage not in declared]
    missing = [entry for entry in required if not any(stage in stages for stage in entry.split("|"))]
    if unknown or (fresh_cache and missing):
        problems.append(f"progress ends with the stage lines {stages}, expected {item['progress']}")
    return problems


def check_cell(item, printed, html, captures, fresh_cache):
    if "printed" in item:
        return check_printed(item, printed, captures)
    if "table" in item:
        return check_table(item, html, captures)
    if "figure" in item:
        return check_figure(item, html)
    if "progress" in item:
        return check_progress(item, html, fresh_cache)
    raise ValueError(f"unknown expectation {item}")


def evaluate(expression, captures):
    tree = ast.parse(expression, mode="eval")
    allowed = (ast.Expression, ast.Compare, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Name, ast.Load,
               ast.Constant, ast.Subscript, ast.Slice, ast.Call, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)
    for node in ast.walk(tree):
        if not isinstance(node, allowed):
            raise ValueError(f"a claim may not use {type(node).__name__}: {expression}")
        if isinstance(node, ast.Call) and not (isinstance(node.func, ast.Name) and node.func.id in CLAIM_FUNCTIONS):
            raise ValueError(f"a claim may call only {sorted(CLAIM_FUNCTIONS)}: {expression}")
    return eval(compile(tree, "<claim>", "eval"), {"__builtins__": {}}, {**CLAIM_FUNCTIONS, **captures})


def check(notebook, expect, bindings, structure_only, fresh_cache):
    problems = Problems()
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    declared = expect["cells"]
    if len(code) != len(declared):
        problems.append(f"the notebook has {len(code)} code cells, the declaration {len(declared)}")
    captures = {}
    for number, (cell, item) in enumerate(zip(code, declared), start=1):
        source = text_of(cell["source"]).strip()
        where = f"code cell {number} ({source.splitlines()[0][:50] if source else ''})"
        if not source.startswith(item["cell"]):
            problems.append(f"{where}: declared as the cell starting {item['cell']!r}; is the declaration in order?")
            continue
        printed, html = cell_outputs(cell)
        for shown in item["shows"]:
            try:
                problems.extend(f"{where}: {p}" for p in check_cell(resolve(shown, bindings), printed, html, captures,
                                                                     fresh_cache))
            except KeyError as error:
                problems.append(f"{where}: {error.args[0]}")
    for claim in expect.get("claims", []):
        try:
            holds = evaluate(claim["holds"], captures)
        except Exception as error:  # a missing capture or a malformed claim: the outputs changed shape
            problems.append(f"claim '{claim['says']}' ({claim['holds']}) cannot be checked: {error}")
            continue
        if not isinstance(holds, bool):
            problems.append(f"claim '{claim['says']}' ({claim['holds']}) is not a yes/no statement")
        elif not holds and not structure_only:
            shown = {name: captures[name] for name in sorted(captures) if name in claim["holds"]}
            problems.append(f"claim '{claim['says']}' does not hold: {claim['holds']} with {shown}")
    return problems


def parse_binding(text):
    name, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"--bind takes NAME=VALUE, not {text!r}")
    return name, json.loads(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("executed")
    parser.add_argument("expect")
    parser.add_argument("--structure-only", action="store_true",
                        help="claims must be checkable, need not hold (runs with a tiny random model)")
    parser.add_argument("--fresh-cache", action="store_true",
                        help="the run started from an empty cache, so every declared progress stage must show")
    parser.add_argument("--bind", action="append", type=parse_binding, default=[],
                        help="override a value of the declaration's \"let\", e.g. layers=3")
    args = parser.parse_args()
    with open(args.executed, encoding="utf-8") as f:
        notebook = json.load(f)
    with open(args.expect, encoding="utf-8") as f:
        expect = json.load(f)
    bindings = {**expect.get("let", {}), **dict(args.bind)}
    problems = check(notebook, expect, bindings, args.structure_only, args.fresh_cache)
    for problem in problems:
        print(f"{args.executed}: {problem}", file=sys.stderr)
    if problems:
        sys.exit(1)
    print(f"{args.executed}: every cell shows what {args.expect} declares", file=sys.stderr)


if __name__ == "__main__":
    main()
