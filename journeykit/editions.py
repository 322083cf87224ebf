"""Language editions of the course: the lesson prose in Bahasa Indonesia, kept in step with the English.

The English notebooks are the one source. Each lesson's Indonesian prose lives in a translation
catalogue beside it — ``notebooks/id/05_measuring.md`` for ``notebooks/05_measuring.ipynb``,
``exercises/id/05_measuring.md`` for an exercise and its solution — with one section per
Markdown cell, keyed by the cell's id, which is derived from the English text
(:func:`cell_key`)::

    <!-- cell 3f2a1b9c0d -->
    # 05 · Mengukur perjalanan pelanggan

When the English text of a cell changes, its key changes, so the old translation no longer
matches and :func:`problems` reports the cell as missing (and the old section as stale): the two
editions cannot drift apart unnoticed. Code cells are shared; with ``lang="id"`` they print
Indonesian through the label catalogue (:mod:`journeykit.i18n`).

:func:`edition` builds the Indonesian notebook (prose replaced, ``lang = "id"`` in the
parameters cell); ``journeykit course run -p lang id`` runs and renders it, and
``journeykit course edition --lang id --out DIR`` writes the notebooks for JupyterLab.

>>> nb = {"cells": [{"cell_type": "markdown", "source": "# Hello", "metadata": {}}]}
>>> key = cell_key(nb["cells"][0])
>>> edition(nb, "id", {key: "# Halo"})["cells"][0]["source"]
'# Halo'
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from journeykit.errors import ParameterError

__all__ = [
    "EDITION_LANGS",
    "cell_key",
    "catalogue_path",
    "read_catalogue",
    "write_catalogue",
    "edition",
    "problems",
    "edition_of",
    "lesson_titles",
    "relink",
    "exercise_sections",
    "translatable",
    "NAV_TAG",
]

EDITION_LANGS: tuple[str, ...] = ("id",)
"""Languages that have a prose edition besides the English source."""

_SECTION = re.compile(r"^<!-- cell ([0-9a-f]{10}(?:-\d+)?) -->$", re.MULTILINE)
NAV_TAG = "navigation"
"""Tag of the navigation bar the normaliser writes last in every notebook: not translated by
hand but rewritten by :func:`edition` (its words from the label catalogue, the lesson titles from
each lesson's own catalogue), so adding a lesson never makes a translation stale."""
# [text](target) in a navigation bar: the text is a fixed word or a lesson title
_NAV_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)]+)\)")
_NAV_WORDS = {"All lessons": "nav.all_lessons", "Exercise": "nav.exercise", "Lesson": "nav.lesson"}
_TITLE = re.compile(r"^(?P<num>\d\d) · (?P<title>.+)$")
_LANG_LINE = re.compile(r'^lang\s*=\s*["\']en["\']\s*$', re.MULTILINE)


def _source(cell: Mapping[str, Any]) -> str:
    src = cell.get("source", "")
    return ("".join(src) if isinstance(src, list) else str(src)).rstrip()


def cell_key(cell: Mapping[str, Any], seen: dict[str, int] | None = None) -> str:
    """The id of a cell, from its kind and text (the id ``tools/normalize_notebooks.py`` stores).

    ``seen`` numbers repeated cells (``-2``, ``-3`` …) in notebook order.

    >>> cell_key({"cell_type": "markdown", "source": "# Hello"})
    'cc474a9d67'
    """
    digest = hashlib.sha1(f"{cell.get('cell_type', 'code')}\n{_source(cell)}".encode()).hexdigest()
    digest = digest[:10]
    if seen is None:
        return digest
    n = seen[digest] = seen.get(digest, 0) + 1
    return digest if n == 1 else f"{digest}-{n}"


def _keys(nb: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    seen: dict[str, int] = {}
    return [(cell_key(c, seen), c) for c in nb["cells"]]


def catalogue_path(notebook: str | os.PathLike[str], lang: str) -> Path:
    """Where the ``lang`` prose of ``notebook`` is kept (solutions share their exercise's)."""
    notebook = Path(notebook)
    folder = notebook.parent
    if folder.name == "solutions":
        folder = folder.parent
    return folder / lang / f"{notebook.stem}.md"


def read_catalogue(path: str | os.PathLike[str]) -> dict[str, str]:
    """The sections of a translation catalogue: ``{cell key: translated Markdown}``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ParameterError(f"{path}: not UTF-8 text; save the translation as UTF-8") from None
    parts = _SECTION.split(text)
    sections: dict[str, str] = {}
    for key, body in zip(parts[1::2], parts[2::2], strict=True):
        if key in sections:
            raise ParameterError(f"{path}: cell {key} appears twice; keep one section per cell")
        sections[key] = body.strip("\n")
    return sections


def write_catalogue(
    path: str | os.PathLike[str], sections: Mapping[str, str], *, title: str
) -> None:
    """Write ``sections`` (key → Markdown) as a catalogue file, in the given order."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    head = (
        f"<!-- {title}: one section per Markdown cell of the English notebook, keyed by the cell's "
        "id (tools/translations.py check lists missing and stale sections) -->\n"
    )
    body = "".join(f"\n<!-- cell {key} -->\n{text.strip()}\n" for key, text in sections.items())
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(head + body, encoding="utf-8")
    os.replace(tmp, path)


def translatable(cell: Mapping[str, Any]) -> bool:
    """A Markdown cell with text that is not the navigation bar (which :func:`edition` writes)."""
    tags = cell.get("metadata", {}).get("tags", [])
    return cell.get("cell_type") == "markdown" and bool(_source(cell)) and NAV_TAG not in tags


def problems(nb: Mapping[str, Any], sections: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """``(missing, stale)``: Markdown cells without a translation, sections matching no cell."""
    keys = [(k, c) for k, c in _keys(nb) if translatable(c)]
    present = {k for k, _ in keys}
    missing = [k for k, _ in keys if k not in sections]
    stale = [k for k in sections if k not in present]
    return missing, stale


def _nav(source: str, lang: str, titles: Mapping[str, str]) -> str:
    """A navigation bar in ``lang``: fixed words from the catalogue, lesson titles from ``titles``
    (lesson number -> its title in ``lang``); a title without a translation stays as it is."""
    from journeykit.i18n import t

    def link(m: re.Match[str]) -> str:
        text = m.group("text")
        arrow_in, arrow_out = text.startswith("← "), text.endswith(" →")
        core = text.removeprefix("← ").removesuffix(" →")
        prefix = ""
        if core.startswith("Lesson "):
            prefix, core = t("nav.lesson", lang) + " ", core.removeprefix("Lesson ")
        if core in _NAV_WORDS:
            core = t(_NAV_WORDS[core], lang)
        elif (m2 := _TITLE.match(core)) and m2.group("num") in titles:
            core = f"{m2.group('num')} · {titles[m2.group('num')]}"
        return f"[{'← ' if arrow_in else ''}{prefix}{core}{' →' if arrow_out else ''}]({m.group('target')})"

    return _NAV_LINK.sub(link, source)


def edition(
    nb: Mapping[str, Any],
    lang: str,
    sections: Mapping[str, str],
    titles: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Notebook ``nb`` in ``lang``: each Markdown cell replaced by its section, ``lang`` set.

    A Markdown cell without a section keeps its English text (see :func:`problems`); the
    parameters cell's ``lang = "en"`` becomes ``lang = "<lang>"``; the navigation bar is
    rewritten in ``lang`` (``titles``: lesson number -> translated title, see
    :func:`lesson_titles`).
    """
    out = copy.deepcopy(dict(nb))
    cells = []
    for key, cell in _keys(out):
        cell = dict(cell)
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") == "markdown" and NAV_TAG in tags:
            cell["source"] = _nav(_source(cell), lang, titles or {})
        elif cell.get("cell_type") == "markdown" and key in sections:
            cell["source"] = sections[key]
        elif cell.get("cell_type") == "code" and "parameters" in tags:
            cell["source"] = _LANG_LINE.sub(f'lang = "{lang}"', _source(cell))
        cells.append(cell)
    out["cells"] = cells
    return out


_LINK = re.compile(r"\]\(([^)#\s]+)(#[^)\s]*)?\)")


def relink(markdown: str) -> str:
    """Markdown links relative to ``exercises/solutions/`` made relative to ``exercises/``
    (the generated exercise sits one folder up from its solution).

    >>> relink("[lesson](../../notebooks/05_a.ipynb) [pic](map.png) [web](https://x.org/a)")
    '[lesson](../notebooks/05_a.ipynb) [pic](solutions/map.png) [web](https://x.org/a)'
    """
    import posixpath

    def moved(m: re.Match[str]) -> str:
        if m.group(1).startswith("/") or ":" in m.group(1):  # absolute, or another site
            return m.group(0)
        return f"]({posixpath.normpath('solutions/' + m.group(1))}{m.group(2) or ''})"

    return _LINK.sub(moved, markdown)


def exercise_sections(solution: Mapping[str, Any], sections: Mapping[str, str]) -> dict[str, str]:
    """The translations of a generated exercise's cells, derived from its solution's: a cell
    whose links :func:`relink` rewrote gets the translation with the same links rewritten."""
    derived: dict[str, str] = {}
    for key, cell in _keys(solution):
        if translatable(cell) and key in sections:
            moved = {**cell, "source": relink(_source(cell))}
            derived.setdefault(cell_key(moved), relink(sections[key]))
    return {**derived, **sections}


def edition_of(notebook: str | os.PathLike[str], lang: str) -> dict[str, Any] | None:
    """The ``lang`` edition of the notebook file, or ``None`` when it has no catalogue."""
    import nbformat

    if lang not in EDITION_LANGS:
        return None
    path = catalogue_path(notebook, lang)
    if not path.exists():
        return None
    nb = nbformat.read(str(notebook), as_version=4)
    sections = read_catalogue(path)
    solution = Path(notebook).parent / "solutions" / Path(notebook).name
    if Path(notebook).parent.name == "exercises" and solution.exists():
        sections = exercise_sections(nbformat.read(str(solution), as_version=4), sections)
    root = Path(notebook).resolve().parent
    lessons = (
        root.parent.parent / "notebooks" if root.name == "solutions" else root.parent / "notebooks"
    )
    titles = lesson_titles(lessons, lang)
    return nbformat.from_dict(edition(nb, lang, sections, titles))


def lesson_titles(lessons: str | os.PathLike[str], lang: str) -> dict[str, str]:
    """Lesson number -> its title in ``lang``, from the first heading of each lesson's catalogue
    (``# 05 · Mengukur perjalanan pelanggan: ...`` gives ``"Mengukur perjalanan pelanggan"``)."""
    found: dict[str, str] = {}
    folder = Path(lessons) / lang
    for cat in sorted(folder.glob("[0-9][0-9]_*.md")) if folder.is_dir() else []:
        for text in read_catalogue(cat).values():
            first = text.strip().splitlines()[0] if text.strip() else ""
            m = re.match(r"^# (\d\d) · (.+?)(:.*)?$", first)
            if m:
                found[m.group(1)] = m.group(2).strip()
                break
    return found
