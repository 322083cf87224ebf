#!/usr/bin/env python3
"""Check that journeykit's imports go one way: apps → views → domain → core, without cycles.

Every ``import`` and ``from … import`` in the package is read from the source (also those
placed inside functions, which hide cycles from Python at import time but not from a reader).

Layers, lowest first (a module may import its own layer or a lower one):

core    errors, i18n, stages, schema, documents, params, files — the vocabulary every idea uses
domain  the idea modules (funnels, paths, attribution, offers, referrals, …, synth, imports, value)
views   plots
apps    cli, course, widgets, checks, workshop

Usage: ``python tools/check_layers.py`` prints each upward import and each cycle and exits 1
when there is one (``make lint`` runs it; ``tests/test_layers.py`` runs it too).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

LAYERS: tuple[str, ...] = ("core", "domain", "views", "apps")

CORE = {"errors", "i18n", "stages", "schema", "documents", "params", "files"}
VIEWS = {"plots"}
APPS = {"cli", "course", "widgets", "checks", "workshop", "__main__"}


def layer_of(module: str) -> str:
    """The layer of a dotted module name inside the package (``journeykit.plots.maps`` → views)."""
    parts = module.split(".")
    if len(parts) == 1:
        return "core"  # the package itself: only lazy, by-name loading
    top = parts[1]
    if top in CORE:
        return "core"
    if top in VIEWS:
        return "views"
    if top in APPS:
        return "apps"
    return "domain"


@dataclass(frozen=True, order=True)
class Edge:
    """``source`` imports ``target`` at ``line``."""

    source: str
    target: str
    line: int


def _module_name(path: Path, root: Path) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(name: str, known: set[str]) -> str | None:
    """The longest known module that ``name`` (a dotted import target) lies in."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def imports(root: Path) -> list[Edge]:
    """Every import inside the package at ``root`` (the ``journeykit`` folder) as edges."""
    files = sorted(root.rglob("*.py"))
    names = {_module_name(f, root): f for f in files}
    known = set(names)
    package = root.name
    edges: set[Edge] = set()
    for source, file in names.items():
        is_pkg = file.name == "__init__.py"
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = source.split(".")
                    base = base if is_pkg else base[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                targets = [f"{mod}.{a.name}" for a in node.names] + [mod]
                # `from pkg import sub` imports pkg.sub when sub is a module, else a name in pkg
                targets = [targets[i] for i in range(len(targets) - 1) if targets[i] in known] or [
                    mod
                ]
            for target in targets:
                if not (target == package or target.startswith(package + ".")):
                    continue
                resolved = _resolve(target, known)
                if resolved is None or resolved == source:
                    continue
                if source.startswith(resolved + "."):
                    continue  # a module importing its own parent package's names
                edges.add(Edge(source, resolved, node.lineno))
    return sorted(edges)


def upward(edges: Iterable[Edge]) -> list[Edge]:
    """The imports from a lower layer into a higher one."""
    rank = {name: i for i, name in enumerate(LAYERS)}
    return [e for e in edges if rank[layer_of(e.target)] > rank[layer_of(e.source)]]


def cycles(edges: Iterable[Edge]) -> list[tuple[str, ...]]:
    """Groups of modules that import each other, directly or around a loop (Tarjan's SCC)."""
    graph: dict[str, set[str]] = {}
    for e in edges:
        graph.setdefault(e.source, set()).add(e.target)
        graph.setdefault(e.target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[tuple[str, ...]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(tuple(sorted(group)))

    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def report(root: Path) -> list[str]:
    """One line per problem: each upward import and each cycle."""
    edges = imports(root)
    lines = [
        f"upward import: {e.source} ({layer_of(e.source)}) imports {e.target} "
        f"({layer_of(e.target)}) at line {e.line}"
        for e in upward(edges)
    ]
    lines += [f"import cycle: {' <-> '.join(group)}" for group in cycles(edges)]
    return lines


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "journeykit"
    problems = report(root)
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
