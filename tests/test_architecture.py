"""The package's layering, read from its own imports: each step imports only the steps below it.

Every import counts, at the top of a module or inside a function. The layers,
bottom up (the README's code map says the same):

    model   events, dates, the timeline              imports nothing of the package
    read    files -> data with positions, problems   imports nothing of the package
    check   schema, rules, limits -> model Events    read, model
    render  model -> pages, files, search, book HTML  model
    write   rendered output -> files on disk, PDF    model, render
    pipeline.py   the steps in order                 every step
    faces   the MkDocs plugin and the command line   anything; the only importers of mkdocs/material

Also held here: no import cycle; no module over 300 lines and no function over 40 (its docstring
left out: examples there are tests, not code), but for the ones listed in ALLOWED_LONG with the
reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "generator"
CORE = ("model", "read", "check", "render", "write", "pipeline")
MAY_IMPORT = {
    "model": set(),
    "read": set(),
    "check": {"read", "model"},
    "render": {"model"},
    "write": {"model", "render"},
    "pipeline": {"read", "check", "model", "render", "write"},
    "faces": {"read", "check", "model", "render", "write", "pipeline"},
    "__main__": {"faces"},
    "__init__": set(),
}
BUILDERS = ("mkdocs", "material")
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 40
#: "path:function" -> why it may be longer than MAX_FUNCTION_LINES.
ALLOWED_LONG: dict[str, str] = {}


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path) -> set[str]:
    """Every module ``name`` imports, anywhere in it (absolute names; ``from x import y`` counts
    ``x.y`` when that is a module, else ``x``)."""
    known = modules()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return found


def layer(name: str) -> str:
    """The layer a module of the package belongs to: its folder under generator/, or its file."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {m for m in imports(name, path) if m in known and m != name} for name, path in known.items()}


def test_each_layer_imports_only_the_layers_below_it():
    wrong = []
    for name, targets in graph().items():
        here = layer(name)
        for target in targets:
            there = layer(target)
            if there != here and there not in MAY_IMPORT[here]:
                wrong.append(f"{name} imports {target} ({here} may import {sorted(MAY_IMPORT[here]) or 'nothing'})")
    assert wrong == []


def test_only_the_faces_import_a_builder():
    wrong = [
        f"{name} imports {target}"
        for name, path in modules().items()
        if layer(name) in CORE
        for target in imports(name, path)
        if target.split(".")[0] in BUILDERS
    ]
    assert wrong == []


def test_no_import_cycle():
    edges = graph()
    cycles = [component for component in _components(edges) if len(component) > 1]
    assert cycles == []


def test_modules_and_functions_are_short():
    long = []
    for path in modules().values():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            long.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1 - _docstring_lines(node)
                key = f"{path.relative_to(ROOT).as_posix()}:{node.name}"
                if length > MAX_FUNCTION_LINES and key not in ALLOWED_LONG:
                    long.append(f"{key}: {length} lines")
    assert long == []


def test_the_checks_see_what_they_must():
    """The test's own reading: lazy imports count, and a planted cycle or upward import is found."""
    assert "generator.render.paths" in imports("generator.render.site", PACKAGE / "render" / "site.py")
    typeset = PACKAGE / "write" / "typeset.py"  # imports Typst inside a function
    assert "typst" in imports("generator.write.typeset", typeset)
    assert _components({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"], ["d"]]
    assert "mkdocs.plugins" in imports("generator.faces.mkdocs.plugin", PACKAGE / "faces" / "mkdocs" / "plugin.py")


def _docstring_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return first.end_lineno - first.lineno + 1
    return 0


def _components(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan), each sorted, in sorted order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)
