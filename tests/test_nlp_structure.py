"""The shape of ``nlp``: no import cycles (counting imports inside functions and under
``TYPE_CHECKING``), nothing imported from the edge or the database, small modules."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

NLP_DIR = Path(__file__).resolve().parent.parent / "nlp"
FORBIDDEN_PACKAGES = {"kunker", "storage", "crawler"}
MAX_MODULE_LINES = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(NLP_DIR.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(NLP_DIR.rglob("*.py"))}


def _imported_names(path: Path, module: str) -> Iterator[str]:
    """Every module name an import statement anywhere in the file refers to (relative
    imports resolved; ``from a import b`` yields both ``a`` and ``a.b``)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target in _imported_names(path, name):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_sees_function_level_and_type_checking_imports(tmp_path: Path
                                                                         ) -> None:
    graph = {"nlp.a": {"nlp.b"}, "nlp.b": {"nlp.c"}, "nlp.c": {"nlp.a"}, "nlp.d": {"nlp.a"}}
    assert _cycles(graph) == [["nlp.a", "nlp.b", "nlp.c"]]
    source = tmp_path / "x.py"
    source.write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                      "    from nlp.frames import Frame\n"
                      "def f():\n    from . import syntax\n", encoding="utf-8")
    names = set(_imported_names(source, "nlp.x"))
    assert {"nlp.frames", "nlp.frames.Frame", "nlp", "nlp.syntax"} <= names


def test_nlp_has_no_import_cycles() -> None:
    assert _cycles(_import_graph()) == []


def test_nlp_imports_nothing_from_the_edge_storage_or_crawler() -> None:
    offending = sorted(
        f"{name} imports {target}"
        for name, path in _modules().items()
        for target in _imported_names(path, name)
        if target.split(".")[0] in FORBIDDEN_PACKAGES
    )
    assert offending == []


def test_nlp_modules_are_at_most_400_lines() -> None:
    too_long = {name: n for name, path in _modules().items()
                if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert too_long == {}
