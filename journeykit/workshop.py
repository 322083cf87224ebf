"""The workshop kit: hand out a learner copy, reset a notebook, see where the class stands.

Three things a trainer needs on the day (``docs/WORKSHOP.md`` has the whole plan):

:func:`learner_copy`
    the lessons, the exercises and the committed data sets — never the solutions — in a folder
    a learner can open in JupyterLab, with a pristine copy of every notebook kept in
    ``.originals/`` so :func:`reset_notebook` works on a laptop with nothing else.
:func:`reset_notebook`
    puts one notebook back to the shipped version; the learner's copy is kept aside in
    ``.journeykit-kept/`` (with a time stamp), never deleted.
:func:`class_progress`
    reads collected exercise notebooks (executed and saved by the learners, or re-run here) and
    tells, per learner and task, ✔ (correct), ✘ (tried, not yet right) or ``-`` (not tried), with
    the hints the class saw most often.

The check lines are the ones :mod:`journeykit.checks` prints: ``✔ <task>: ...`` and
``✘ <task>: ...``; a ``✘`` line carrying the "no answer yet" text counts as not tried.

>>> lines = ["✔ step conversion: correct (0.527).", "✘ CTR: not yet - 45 is too high."]
>>> [(c.task, c.status) for c in parse_checks("\\n".join(lines))]
[('step conversion', 'correct'), ('CTR', 'wrong')]
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import pandas as pd

from journeykit.editions import edition_of
from journeykit.errors import ParameterError
from journeykit.files import write_file, write_folder
from journeykit.i18n import check_lang, t

__all__ = [
    "ORIGINALS",
    "KEPT",
    "Check",
    "Progress",
    "learner_copy",
    "reset_notebook",
    "parse_checks",
    "read_submission",
    "class_progress",
    "progress_html",
]

ORIGINALS = ".originals"
"""Folder of a learner copy holding the shipped notebooks that :func:`reset_notebook` restores."""

KEPT = ".journeykit-kept"
"""Folder beside a reset notebook where the learner's own version is kept."""

# What a learner copy holds: folders of the course (relative to its root) and the files in them.
_HANDOUT: tuple[tuple[str, str], ...] = (
    ("notebooks", "[0-9][0-9]_*.ipynb"),
    ("exercises", "[0-9][0-9]_*.ipynb"),
    ("datasets", "**/*"),
)
_CHECK_LINE = re.compile(r"^(?P<mark>[✔✘])\s+(?P<task>[^:\n]+):\s*(?P<text>.*)$", re.MULTILINE)

Status = Literal["correct", "wrong", "not_tried"]
_MARK: dict[str, str] = {"correct": "✔", "wrong": "✘", "not_tried": "-"}


def _course_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for folder, pattern in _HANDOUT:
        base = root / folder
        if base.is_dir():
            files += [p for p in sorted(base.glob(pattern)) if p.is_file()]
    return [p for p in files if "solutions" not in p.relative_to(root).parts]


def learner_copy(
    out: str | os.PathLike[str],
    *,
    root: str | os.PathLike[str] = ".",
    force: bool = False,
    lang: str = "en",
) -> list[Path]:
    """Write a learner's copy of the course to ``out`` and return the files written.

    ``out`` gets ``notebooks/``, ``exercises/`` (without ``exercises/solutions/``) and
    ``datasets/`` from the course folder ``root``, plus ``.originals/`` with the shipped
    notebooks. With ``lang="id"`` the notebooks are the Indonesian edition
    (:mod:`journeykit.editions`: Indonesian prose, ``lang = "id"``) where a lesson has one. The copy is built in a temporary folder beside ``out`` and renamed into place,
    so an interrupted copy leaves nothing half-written; an existing ``out`` is replaced only
    with ``force=True`` (and then as a whole).

    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> (tmp / "course" / "exercises" / "solutions").mkdir(parents=True)
    >>> _ = (tmp / "course" / "exercises" / "01_a.ipynb").write_text("{}")
    >>> _ = (tmp / "course" / "exercises" / "solutions" / "01_a.ipynb").write_text("{}")
    >>> [p.relative_to(tmp / "copy").as_posix() for p in learner_copy(tmp / "copy", root=tmp / "course")]
    ['exercises/01_a.ipynb', '.originals/exercises/01_a.ipynb']
    """
    import nbformat

    check_lang(lang)
    root, out = Path(root), Path(out)
    files = _course_files(root)
    if not any(p.suffix == ".ipynb" for p in files):
        raise ParameterError(
            f"root: {root} holds no course notebooks (expected notebooks/NN_slug.ipynb or "
            "exercises/NN_slug.ipynb); pass the course folder with --root"
        )
    written: list[Path] = []

    def fill(tmp: Path) -> None:
        for src in files:
            rel = src.relative_to(root)
            targets = [rel] + ([Path(ORIGINALS) / rel] if src.suffix == ".ipynb" else [])
            translated = edition_of(src, lang) if src.suffix == ".ipynb" else None
            for target in targets:
                (tmp / target).parent.mkdir(parents=True, exist_ok=True)
                if translated is None:
                    shutil.copy2(src, tmp / target)
                else:
                    (tmp / target).write_text(nbformat.writes(translated) + "\n", encoding="utf-8")
        written.extend(out / p.relative_to(tmp) for p in sorted(tmp.rglob("*")) if p.is_file())

    write_folder(out, fill, force=force)  # built aside, then swapped in whole
    first = [p for p in written if ORIGINALS not in p.parts]
    return first + [p for p in written if ORIGINALS in p.parts]


def _copy_root(notebook: Path) -> Path | None:
    for parent in notebook.resolve().parents:
        if (parent / ORIGINALS).is_dir():
            return parent
    return None


def reset_notebook(
    notebook: str | os.PathLike[str], *, shipped: str | os.PathLike[str] | None = None
) -> Path | None:
    """Put ``notebook`` back to its shipped version; return where the learner's copy was kept.

    The shipped version is ``shipped`` when given, else the copy in ``.originals/`` of the
    learner copy that holds ``notebook``. The learner's own file is moved to
    ``.journeykit-kept/<name>.<UTC time>.ipynb`` beside it — never deleted — and the return
    value is that path (``None`` when there was no file to keep).
    """
    notebook = Path(notebook)
    if shipped is None:
        root = _copy_root(notebook.parent if not notebook.exists() else notebook)
        if root is None:
            raise ParameterError(
                f"{notebook}: not inside a learner copy (no {ORIGINALS}/ folder above it); "
                "make one with `journeykit workshop copy --out DIR`, or pass --from SHIPPED.ipynb"
            )
        shipped = root / ORIGINALS / notebook.resolve().relative_to(root)
    shipped = Path(shipped)
    if not shipped.is_file():
        raise ParameterError(f"{notebook}: no shipped version at {shipped}")
    kept: Path | None = None
    if notebook.exists():
        if notebook.is_dir():
            raise ParameterError(f"{notebook}: is a folder; expected a notebook file")
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        kept = notebook.parent / KEPT / f"{notebook.stem}.{stamp}{notebook.suffix}"
        kept.parent.mkdir(exist_ok=True)
        notebook.rename(kept)
    try:
        write_file(notebook, shipped.read_bytes(), force=True)
    except BaseException:
        if kept is not None and not notebook.exists():
            kept.rename(notebook)  # nothing lost: the learner's file goes back
        raise
    return kept


@dataclass(frozen=True)
class Check:
    """One check line a learner's notebook printed: the task, its status and the text after it."""

    task: str
    status: Status
    text: str


def _no_answer_texts() -> tuple[str, ...]:
    from journeykit.checks import no_answer

    texts = []
    for lang in ("en", "id"):
        try:
            fb = no_answer(None, "x", lang=lang)  # type: ignore[call-arg]
        except TypeError:
            fb = no_answer(None, "x")
        if fb is not None:
            texts.append(str(fb).split(":", 1)[1].strip().split(" - ")[0].split(" – ")[0])
    return tuple(dict.fromkeys(texts))


def parse_checks(text: str) -> list[Check]:
    """The check lines in ``text`` (a cell's printed output), in order."""
    no_answer = _no_answer_texts()
    found = []
    for m in _CHECK_LINE.finditer(text):
        body = m.group("text").strip()
        if m.group("mark") == "✔":
            status: Status = "correct"
        elif any(body.startswith(marker) for marker in no_answer):
            status = "not_tried"
        else:
            status = "wrong"
        found.append(Check(m.group("task").strip(), status, body))
    return found


def _output_text(cell: dict) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append("".join(out.get("text", "")))
        elif "data" in out and "text/plain" in out["data"]:
            parts.append("".join(out["data"]["text/plain"]))
    return "\n".join(parts)


def read_submission(path: str | os.PathLike[str], *, rerun: bool = False) -> list[Check]:
    """The checks in one submitted exercise notebook (its saved outputs, or re-run with ``rerun``).

    A notebook saved without running has no check lines: every task is then "not tried".
    """
    import nbformat

    path = Path(path)
    try:
        nb = nbformat.read(str(path), as_version=4)
    except (OSError, ValueError, UnicodeDecodeError) as err:
        raise ParameterError(f"{path}: not a readable notebook ({err})") from None
    if rerun:
        from papermill.exceptions import PapermillExecutionError

        from journeykit.course import execute

        try:
            nb = execute(path, None, timeout=600)
        except PapermillExecutionError as err:
            nb = err.args[0] if err.args and isinstance(err.args[0], dict) else nb
    checks: list[Check] = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            checks += parse_checks(_output_text(cell))
    return checks


def _learner_and_exercise(path: Path, paths: Sequence[Path]) -> tuple[str, str]:
    m = re.search(r"(\d\d_[a-z0-9_]+)\.ipynb$", path.name)
    exercise = m.group(1) if m else path.stem
    parents = {p.parent for p in paths}
    if len(parents) > 1:
        return path.parent.name, exercise
    prefix = path.name[: m.start(1)] if m else ""
    return prefix.strip("_-. ") or path.stem, exercise


@dataclass(frozen=True)
class Progress:
    """A class's progress: one row per learner and check, and the summary tables built from it.

    ``checks`` columns: ``learner``, ``exercise``, ``task``, ``status`` (``correct`` /
    ``wrong`` / ``not_tried``), ``text`` (the feedback the learner saw).
    """

    checks: pd.DataFrame

    def table(self) -> pd.DataFrame:
        """Learner × ``exercise: task``: ✔, ✘ or ``-``; a task a learner's notebook lacks is ``-``."""
        if self.checks.empty:
            return pd.DataFrame()
        df = self.checks.assign(
            column=self.checks["exercise"] + ": " + self.checks["task"],
            mark=self.checks["status"].map(_MARK),
        )
        order = list(dict.fromkeys(df["column"]))
        wide = df.drop_duplicates(["learner", "column"], keep="last").pivot(
            index="learner", columns="column", values="mark"
        )
        return wide.reindex(columns=order).fillna(_MARK["not_tried"]).rename_axis(None, axis=1)

    def common_hints(self, n: int = 5) -> pd.DataFrame:
        """The ``n`` feedback texts of wrong answers seen by most learners (``learners`` column)."""
        wrong = self.checks[self.checks["status"] == "wrong"]
        counts = Counter(zip(wrong["exercise"], wrong["task"], wrong["text"], strict=True))
        rows = [(e, task, text, c) for (e, task, text), c in counts.most_common(n)]
        return pd.DataFrame(rows, columns=["exercise", "task", "hint", "learners"])


def class_progress(
    submissions: Iterable[str | os.PathLike[str]], *, rerun: bool = False
) -> Progress:
    """Read every submitted exercise notebook (files, or folders searched for ``*.ipynb``).

    The learner is the folder a notebook sits in (``submissions/ani/05_measuring.ipynb``), or,
    when all notebooks share one folder, the file-name part before the exercise name
    (``ani_05_measuring.ipynb``).
    """
    paths: list[Path] = []
    for item in map(Path, submissions):
        if item.is_dir():
            paths += sorted(p for p in item.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        elif item.is_file():
            paths.append(item)
        else:
            raise ParameterError(f"{item}: no such file or folder")
    if not paths:
        raise ParameterError("submissions: no .ipynb files found")
    rows = []
    for path in paths:
        learner, exercise = _learner_and_exercise(path, paths)
        for check in read_submission(path, rerun=rerun):
            rows.append((learner, exercise, check.task, check.status, check.text))
    frame = pd.DataFrame(rows, columns=["learner", "exercise", "task", "status", "text"])
    return Progress(frame.astype(object))


def progress_html(progress: Progress, *, lang: str = "en") -> str:
    """A self-contained HTML page of the class table and common hints, for a projector."""
    table = progress.table()
    title = html.escape(t("workshop.progress_title", lang))
    colour = {"✔": "#009E73", "✘": "#D55E00", "-": "#999999"}
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in table.columns)
    body = "".join(
        f"<tr><th>{html.escape(str(learner))}</th>"
        + "".join(
            f'<td style="color:{colour.get(v, "#000")}">{html.escape(str(v))}</td>' for v in row
        )
        + "</tr>"
        for learner, row in zip(table.index, table.to_numpy(), strict=True)
    )
    hints = progress.common_hints()
    hint_rows = "".join(
        f"<tr><td>{html.escape(str(r.exercise))}</td><td>{html.escape(str(r.task))}</td>"
        f"<td>{html.escape(str(r.hint))}</td><td>{int(r.learners)}</td></tr>"
        for r in hints.itertuples()
    )
    learner = html.escape(t("workshop.learner", lang))
    hint_head = "".join(
        f"<th>{html.escape(t(k, lang))}</th>"
        for k in ("workshop.exercise", "workshop.task", "workshop.hint", "workshop.learners")
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:center}</style></head><body>"
        f"<h1>{title}</h1><table><tr><th>{learner}</th>{head}</tr>{body}</table>"
        f"<h2>{html.escape(t('workshop.common_hints', lang))}</h2>"
        f"<table><tr>{hint_head}</tr>{hint_rows}</table></body></html>\n"
    )
