"""Normalise the course notebooks so that saved files hold only what belongs in git.

For every notebook under ``notebooks/`` and ``exercises/`` (solutions included):

* execution counts and outputs removed, except in cells tagged ``nbval-check-output``: those
  keep their outputs (metadata dropped, consecutive stream outputs merged as nbval compares them) and get as execution count their position among the
  code cells (1, 2, ...: what a top-to-bottom run gives). nbval needs a count there: it treats
  a cell without one as "unrun" and refuses to compare its stored output;
* cell ids from each cell's kind and source (a short SHA-1), so inserting or editing a cell
  leaves every other cell's id as it was;
* cell metadata reduced to ``tags``; notebook metadata reduced to a fixed ``kernelspec``
  (``python3``) and a minimal ``language_info`` (no Python version);
* cells papermill adds (``injected-parameters``, error banners) and ``metadata.papermill`` removed;
* every lesson (``notebooks/NN_*.ipynb``) ends with a navigation bar: a Markdown cell tagged
  ``navigation`` linking the previous lesson, the index, the lesson's exercise and the next
  lesson (rewritten each time, so renaming or adding a lesson keeps the links true); every
  exercise and solution ends with one linking back to its lesson and the index.

Run on the whole course (no paths given), it also rewrites ``notebooks/README.md``, the lesson
index (:func:`journeykit.course.lessons_markdown`); ``--check`` reports it when stale.

Usage (from the repository root)::

    python tools/normalize_notebooks.py            # rewrite notebooks that are not normalised
    python tools/normalize_notebooks.py --check    # exit 1 listing notebooks that would change
    python tools/normalize_notebooks.py --refresh  # execute each (defaults) and store the
                                                   # outputs of nbval-check-output cells
    python tools/normalize_notebooks.py notebooks/01_stage_models.ipynb --refresh   # just one
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("notebooks", "exercises")
CHECK_TAG = "nbval-check-output"
DROP_CELL_TAGS = frozenset({"injected-parameters", "papermill-error-cell-tag"})
NAV_TAG = "navigation"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}


def notebook_paths(root: Path = ROOT, folders: Sequence[str] = FOLDERS) -> list[Path]:
    """Every ``.ipynb`` under ``root/<folder>`` (checkpoints excluded), sorted."""
    found: list[Path] = []
    for folder in folders:
        base = root / folder
        if base.is_dir():
            found += [p for p in base.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts]
    return sorted(found)


def _tags(cell: dict[str, Any]) -> list[str]:
    tags = cell.get("metadata", {}).get("tags", [])
    return list(dict.fromkeys(str(t) for t in tags))


def _clean_output(output: dict[str, Any], count: int | None) -> dict[str, Any]:
    kind = output.get("output_type")
    if kind == "stream":
        return {
            "name": output.get("name", "stdout"),
            "output_type": "stream",
            "text": output.get("text", ""),
        }
    if kind in ("execute_result", "display_data"):
        clean = {"data": dict(output.get("data", {})), "metadata": {}, "output_type": kind}
        if kind == "execute_result":
            clean["execution_count"] = count
        return clean
    return dict(output)  # errors are kept so that the --check/tests show them


def _coalesce(outputs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive outputs of one stream merged into one (as nbval compares them)."""
    merged: list[dict[str, Any]] = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and out.get("output_type") == "stream"
            and prev.get("output_type") == "stream"
            and prev.get("name") == out.get("name")
        ):
            text = lambda o: "".join(o["text"]) if isinstance(o["text"], list) else o["text"]  # noqa: E731
            prev["text"] = text(prev) + text(out)
        else:
            merged.append(dict(out))
    return merged


def _source(cell: dict[str, Any]) -> str:
    src = cell.get("source", "")
    text = "".join(src) if isinstance(src, list) else str(src)
    return text.rstrip()


def _lesson_title(path: Path) -> str:
    nb = nbformat.read(str(path), as_version=4)
    from journeykit.course import read_title

    return read_title(nb, default=path.stem).split(":")[0].strip()


def navigation(path: Path) -> str | None:
    """The navigation bar of a course notebook (Markdown), or ``None`` if it has none.

    A lesson (``notebooks/NN_*.ipynb``) gets ``← previous · index · exercise · next →``; the
    first and last lesson miss one side. An exercise (``exercises/NN_*.ipynb``) links back to
    its lesson and the index; a solution (``exercises/solutions/NN_*.ipynb``) to its lesson,
    its exercise and the index. Every link is relative to the notebook's own folder, so it
    works in JupyterLab and the course runner turns it into a link between rendered pages.
    """
    path = Path(path)
    if not path.name[:2].isdigit():
        return None
    if path.parent.name == "notebooks":
        return _lesson_navigation(path)
    if path.parent.name == "exercises":
        up, extra = "../", []
    elif path.parent.name == "solutions" and path.parent.parent.name == "exercises":
        up, extra = "../../", [f"[Exercise](../{path.name})"]
    else:
        return None
    lesson = path.parents[len(up) // 3] / "notebooks" / path.name
    if not lesson.exists():
        return None
    parts = [f"[← Lesson {_lesson_title(lesson)}]({up}notebooks/{path.name})", *extra]
    parts.append(f"[All lessons]({up}notebooks/README.md)")
    return "---\n\n" + " · ".join(parts)


def _lesson_navigation(path: Path) -> str | None:
    lessons = sorted(p for p in path.parent.glob("[0-9][0-9]_*.ipynb"))
    if path not in lessons:
        return None
    i = lessons.index(path)
    parts = []
    if i > 0:
        parts.append(f"[← {_lesson_title(lessons[i - 1])}]({lessons[i - 1].name})")
    parts.append("[All lessons](README.md)")
    exercise = path.parent.parent / "exercises" / path.name
    if exercise.exists():
        parts.append(f"[Exercise](../exercises/{path.name})")
    if i + 1 < len(lessons):
        parts.append(f"[{_lesson_title(lessons[i + 1])} →]({lessons[i + 1].name})")
    return "---\n\n" + " · ".join(parts)


def normalize(nb: Any, nav: str | None = None) -> Any:
    """A normalised copy of notebook ``nb`` (an ``nbformat.NotebookNode``); see the module doc.

    ``nav``: the lesson's navigation bar (:func:`navigation`), put last in place of any old one.
    """
    nb = copy.deepcopy(nb)
    cells = []
    ordinal = 0  # position among code cells, 1-based: the count a top-to-bottom run gives
    for cell in nb.cells:
        tags = _tags(cell)
        if DROP_CELL_TAGS & set(tags) or NAV_TAG in tags:
            continue
        kind = cell.get("cell_type", "code")
        new: dict[str, Any] = {"cell_type": kind, "metadata": {}, "source": _source(cell)}
        if tags:
            new["metadata"]["tags"] = tags
        if kind == "code":
            ordinal += 1
            keep = CHECK_TAG in tags
            count = ordinal if keep else None
            new["execution_count"] = count
            new["outputs"] = (
                _coalesce([_clean_output(o, count) for o in cell.get("outputs", [])])
                if keep
                else []
            )
        elif "attachments" in cell and kind in ("markdown", "raw"):
            new["attachments"] = cell["attachments"]
        cells.append(new)
    if nav:
        cells.append({"cell_type": "markdown", "metadata": {"tags": [NAV_TAG]}, "source": nav})
    from journeykit.editions import cell_key  # translations are keyed by the same ids

    seen: dict[str, int] = {}
    for cell in cells:
        cell["id"] = cell_key(cell, seen)
    out = nbformat.from_dict(
        {
            "cells": cells,
            "metadata": {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO)},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )
    return out


def normalized_text(path: Path) -> str:
    """The normalised file text of the notebook at ``path``."""
    nb = nbformat.read(str(path), as_version=4)
    return nbformat.writes(normalize(nb, navigation(path))) + "\n"


def refresh(path: Path, *, timeout: float = 600) -> Any:
    """Execute ``path`` with its default parameters and return it with the outputs of the
    ``nbval-check-output`` cells filled in (every other output dropped), normalised."""
    from journeykit.course import execute

    source = normalize(nbformat.read(str(path), as_version=4))
    executed = execute(source, None, timeout=timeout, cwd=path.parent)
    for mine, ran in zip(source.cells, executed.cells, strict=True):
        if mine.cell_type == "code" and CHECK_TAG in _tags(mine):
            mine["outputs"] = ran.get("outputs", [])
    return normalize(source, navigation(path))


def run(
    paths: Iterable[Path],
    *,
    check: bool = False,
    refresh_outputs: bool = False,
    readme_root: Path | None = None,
) -> int:
    """Normalise (or check, or refresh) ``paths``; with ``readme_root``, also (re)write
    ``notebooks/README.md`` (the lesson index) under it. Return the exit code."""
    changed: list[Path] = []
    if readme_root is not None:
        from journeykit.course import lessons_markdown

        readme = readme_root / "notebooks" / "README.md"
        text = lessons_markdown(readme_root)
        if not readme.exists() or readme.read_text(encoding="utf-8") != text:
            changed.append(readme)
            if not check:
                readme.write_text(text, encoding="utf-8")
    for path in paths:
        current = path.read_text(encoding="utf-8")
        if refresh_outputs:
            print(f"executing {path} ...", flush=True)
            text = nbformat.writes(refresh(path)) + "\n"
        else:
            text = normalized_text(path)
        if text == current:
            continue
        changed.append(path)
        if not check:
            path.write_text(text, encoding="utf-8")
    for path in changed:
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{'not normalised' if check else 'normalised'}: {rel}")
    if check and changed:
        print("run: python tools/normalize_notebooks.py", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all of them)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if any would change"
    )
    mode.add_argument(
        "--refresh", action="store_true", help="re-execute and store nbval-check-output outputs"
    )
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.paths] or notebook_paths()
    readme_root = None if args.paths else ROOT  # the index is rewritten on whole-course runs
    return run(paths, check=args.check, refresh_outputs=args.refresh, readme_root=readme_root)


if __name__ == "__main__":
    sys.exit(main())
