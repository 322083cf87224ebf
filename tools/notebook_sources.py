"""Text-first notebooks: each lesson and solution is a plain-text source the ``.ipynb`` is built from.

The source of ``notebooks/05_measuring.ipynb`` is ``notebooks/05_measuring.py``, a jupytext
"percent" script (``# %%`` starts a code cell, ``# %% [markdown]`` a Markdown cell, ``tags=[...]``
after it the cell's tags). Reviews read plain-text diffs; the ``.ipynb`` files stay in the
repository so learners, papermill and nbval use them directly.

The outputs that nbval compares (cells tagged ``nbval-check-output``, plain ``stdout`` text only)
are kept in the source too, as a comment block at the end of their cell::

    # %% tags=["nbval-check-output"]
    print(f"{len(users):,} people")
    # -- expected output --
    # 2,027 people

The block is moved out of the code into the cell's stored output when the notebook is built, so
learners never see it. Everything else the normaliser does (cell ids from content, kernelspec,
navigation bar) happens in the build; see ``tools/normalize_notebooks.py``.

Usage (from the repository root)::

    python tools/notebook_sources.py build      # write every .ipynb from its .py source
    python tools/notebook_sources.py --check    # exit 1 if any .ipynb differs from its build
                                                # or lacks a source (the nbdev way)
    python tools/notebook_sources.py export     # write every .py from its .ipynb (after
                                                # normalize_notebooks.py --refresh stored new
                                                # outputs, or to adopt an edited .ipynb)
"""

from __future__ import annotations

import argparse
import copy
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jupytext
import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import normalize_notebooks as nn  # noqa: E402

ROOT = nn.ROOT
MARKER = "# -- expected output --"
NO_NEWLINE = "# -- (no newline at the end) --"
# Notebooks built from text: the lessons and the solutions (exercises are generated from the
# solutions by tools/make_exercises.py).
SOURCE_FOLDERS = ("notebooks", "exercises/solutions")
_JUPYTEXT = {"notebook_metadata_filter": "-all", "cell_metadata_filter": "tags"}


def built_notebooks(root: Path = ROOT) -> list[Path]:
    """The ``.ipynb`` files that have (or must have) a text source."""
    found: set[Path] = set()
    for folder in SOURCE_FOLDERS:
        base = root / folder
        if base.is_dir():
            found |= set(base.glob("[0-9][0-9]_*.ipynb"))
            found |= {p.with_suffix(".ipynb") for p in base.glob("[0-9][0-9]_*.py")}
    return sorted(found)


def source_of(ipynb: Path) -> Path:
    """The text source of notebook ``ipynb`` (same folder and name, ``.py``)."""
    return ipynb.with_suffix(".py")


def _comment(text: str) -> list[str]:
    lines = text.split("\n")
    tail = [] if text.endswith("\n") else [NO_NEWLINE]
    if text.endswith("\n"):
        lines = lines[:-1]
    return [("# " + line) if line else "#" for line in lines] + tail


def _uncomment(lines: list[str]) -> str:
    newline = True
    if lines and lines[-1] == NO_NEWLINE:
        lines, newline = lines[:-1], False
    out = []
    for line in lines:
        if line == "#":
            out.append("")
        elif line.startswith("# "):
            out.append(line[2:])
        else:
            raise ValueError(f"expected-output line does not start with '# ': {line!r}")
    return "\n".join(out) + ("\n" if newline else "")


def to_text(nb: Any) -> str:
    """The percent-script text of notebook ``nb``, checked outputs as trailing comment blocks."""
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        tags = nn._tags(cell)
        if nn.NAV_TAG in tags:
            continue  # written by the build
        cell.pop("id", None)
        if cell.cell_type == "code":
            block: list[str] = []
            if nn.CHECK_TAG in tags and cell.get("outputs"):
                text = ""
                for out in cell["outputs"]:
                    if out.get("output_type") != "stream" or out.get("name") != "stdout":
                        raise ValueError(
                            "a nbval-check-output cell may only store stdout text, got "
                            f"{out.get('output_type')}"
                        )
                    text += "".join(out.get("text", ""))  # one block, as nbval coalesces streams
                block = _comment(text)
            cell["outputs"] = []
            cell["execution_count"] = None
            if block:
                cell.source = cell.source.rstrip() + "\n" + "\n".join([MARKER, *block])
        cells.append(cell)
    nb.cells = cells
    nb.metadata = {"jupytext": dict(_JUPYTEXT)}
    return jupytext.writes(nb, fmt="py:percent")


def from_text(text: str, ipynb: Path) -> Any:
    """The normalised notebook built from source ``text`` for the file ``ipynb``."""
    nb = jupytext.reads(text, fmt="py:percent")
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        lines = cell.source.split("\n")
        if MARKER in lines:
            at = lines.index(MARKER)
            expected = _uncomment(lines[at + 1 :])
            cell.source = "\n".join(lines[:at]).rstrip()
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=expected)]
    nb.metadata = {}
    return nn.normalize(nb, nn.navigation(ipynb))


def build_text(ipynb: Path) -> str:
    """The file text ``ipynb`` gets from its source."""
    src = source_of(ipynb)
    return nbformat.writes(from_text(src.read_text(encoding="utf-8"), ipynb)) + "\n"


def run(command: str, root: Path = ROOT, *, check: bool = False) -> int:
    problems: list[str] = []
    if command == "build" and not check:
        for ipynb in built_notebooks(root):  # a new lesson: its file must exist for the nav bar
            if not ipynb.exists() and source_of(ipynb).exists():
                ipynb.write_text(build_text(ipynb), encoding="utf-8")
    for ipynb in built_notebooks(root):
        src = source_of(ipynb)
        rel = ipynb.relative_to(root)
        if command == "export":
            if not ipynb.exists():
                continue
            nb = nbformat.read(str(ipynb), as_version=4)
            text = to_text(nb)
            if not src.exists() or src.read_text(encoding="utf-8") != text:
                src.write_text(text, encoding="utf-8")
                print(f"exported: {src.relative_to(root)}")
            continue
        if not src.exists():
            problems.append(f"no text source: {rel} needs {src.relative_to(root)}")
            continue
        text = build_text(ipynb)
        if ipynb.exists() and ipynb.read_text(encoding="utf-8") == text:
            continue
        if check:
            problems.append(f"out of date: {rel} differs from the build of {src.name}")
        else:
            ipynb.write_text(text, encoding="utf-8")
            print(f"built: {rel}")
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print("run: python tools/notebook_sources.py build", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", choices=("build", "export"), default="build")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    return run(args.command, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
