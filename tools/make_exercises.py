"""Generate the exercise notebooks from their solutions (the solution is the single source).

``exercises/solutions/NN_slug.ipynb`` -> ``exercises/NN_slug.ipynb``:

* a code cell tagged ``solution`` becomes ``# Write your code here`` followed by ``name = None``
  for every name the solution cell assigns at top level (``x = ...``, ``a, b = ...``,
  ``x: int = ...``, ``def x``, ``class X``; imports excluded), so the check cells after it run
  and answer "no answer yet" instead of raising ``NameError``;
* a Markdown cell tagged ``solution`` (an explanation of the answer) is left out;
* every other cell is copied; outputs and the ``nbval-check-output`` tag are dropped (an
  exercise's checks print feedback, not the solution's numbers); the result is normalised like
  every notebook (``tools/normalize_notebooks.py``).

Usage (from the repository root)::

    python tools/make_exercises.py           # write every exercise
    python tools/make_exercises.py --check   # exit 1 listing exercises missing or out of date
    python tools/make_exercises.py exercises/solutions/01_stage_models.ipynb   # just one
"""

from __future__ import annotations

import argparse
import ast
import copy
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import nbformat

from journeykit.editions import relink

sys.path.insert(0, str(Path(__file__).resolve().parent))
from normalize_notebooks import CHECK_TAG, navigation, normalize  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SOLUTION_TAG = "solution"
PLACEHOLDER = "# Write your code here"


def _names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        return [n for elt in target.elts for n in _names(elt)]
    if isinstance(target, ast.Starred):
        return _names(target.value)
    return []  # attributes, subscripts: not new names


def assigned_names(source: str) -> list[str]:
    """Names a cell binds at top level, in order of first binding (imports excluded).

    >>> assigned_names("import math\\nx = 1\\na, (b, *c) = 1, (2, 3)\\nx += 1\\ndef f(): y = 2\\nd: int = 3")
    ['x', 'a', 'b', 'c', 'f', 'd']
    """
    names: list[str] = []
    for stmt in ast.parse(source).body:
        if isinstance(stmt, ast.Assign):
            found = [n for t in stmt.targets for n in _names(t)]
        elif isinstance(stmt, ast.AnnAssign | ast.AugAssign):
            found = _names(stmt.target)
        elif isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found = [stmt.name]
        else:
            found = []
        names += [n for n in found if n not in names]
    return names


def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def make_exercise(solution: Any, nav: str | None = None) -> Any:
    """The exercise notebook for a solution notebook (both ``nbformat.NotebookNode``).

    The exercise sits one folder up from its solution, so relative Markdown links are
    rewritten (:func:`relink`); ``nav`` is the exercise's navigation bar
    (``normalize_notebooks.navigation``), put last.
    """
    nb = copy.deepcopy(solution)
    cells = []
    for cell in nb.cells:
        tags = _tags(cell)
        if cell.cell_type == "markdown":
            cell.source = relink(cell.source)
        if SOLUTION_TAG in tags:
            if cell.cell_type != "code":
                continue
            names = assigned_names(cell.source)
            cell.source = "\n".join([PLACEHOLDER, *(f"{n} = None" for n in names)])
            tags = [t for t in tags if t != SOLUTION_TAG]
        tags = [t for t in tags if t != CHECK_TAG]
        cell.metadata = {"tags": tags} if tags else {}
        if cell.cell_type == "code":
            cell.outputs = []
        cells.append(cell)
    nb.cells = cells
    return normalize(nb, nav)


def exercise_path(solution_path: Path) -> Path:
    """``exercises/solutions/NN_slug.ipynb`` -> ``exercises/NN_slug.ipynb``."""
    return solution_path.parent.parent / solution_path.name


def run(root: Path = ROOT, *, check: bool = False, only: Sequence[Path] = ()) -> int:
    """Write (or, with ``check``, compare) every exercise (or those of ``only``); return the exit code."""
    every = sorted((root / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb"))
    wanted = {p.resolve() for p in only}
    solutions = [s for s in every if not wanted or s.resolve() in wanted]
    problems: list[str] = []
    for sol in solutions:
        target = exercise_path(sol)
        solution = nbformat.read(str(sol), as_version=4)
        text = nbformat.writes(make_exercise(solution, navigation(target))) + "\n"
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        rel = target.relative_to(root)
        if check:
            problems.append(f"{'missing' if current is None else 'out of date'}: {rel}")
        else:
            target.write_text(text, encoding="utf-8")
            print(f"wrote {rel}")
    known = {exercise_path(s).name for s in every}
    for ex in sorted((root / "exercises").glob("[0-9][0-9]_*.ipynb")):
        if ex.name not in known and not wanted:
            problems.append(
                f"no solution for: {ex.relative_to(root)} (add exercises/solutions/{ex.name})"
            )
    for line in problems:
        print(line)
    if problems:
        print("run: python tools/make_exercises.py", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "solutions", nargs="*", type=Path, help="solution notebooks (default: all of them)"
    )
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="repository root (default: this one)"
    )
    args = parser.parse_args(argv)
    return run(args.root.resolve(), check=args.check, only=args.solutions)


if __name__ == "__main__":
    sys.exit(main())
