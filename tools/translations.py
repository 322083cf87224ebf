"""Keep the Indonesian edition in step with the English notebooks (see journeykit.editions).

Usage (from the repository root)::

    python tools/translations.py check             # exit 1 listing missing, stale or untranslated
                                                   # sections of every catalogue
    python tools/translations.py stub notebooks/05_measuring.ipynb
        # add the cells a catalogue lacks, with their English text to translate in place (the
        # check reports a section still equal to the English until it is translated)
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

import nbformat

from journeykit import editions

ROOT = Path(__file__).resolve().parent.parent
LANG = "id"
_WORD = re.compile(r"[A-Za-z]{4,}")


def translatable(root: Path = ROOT) -> list[Path]:
    """Lessons and solutions (exercises share their solution's catalogue)."""
    return sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")) + sorted(
        (root / "exercises" / "solutions").glob("[0-9][0-9]_*.ipynb")
    )


def _english(nb) -> dict[str, str]:
    seen: dict[str, int] = {}
    out = {}
    for cell in nb.cells:
        key = editions.cell_key(cell, seen)
        if editions.translatable(cell):
            out[key] = cell.source.strip()
    return out


def _english_of(path: Path) -> dict[str, str]:
    """Markdown cells (key -> English) a catalogue must cover (a solution's; its exercise's cells
    follow from them, see :func:`journeykit.editions.exercise_sections`)."""
    return _english(nbformat.read(str(path), as_version=4))


def _allowed(path: Path) -> set[str]:
    """Keys a section may have: the notebook's cells, and for a solution its exercise's too."""
    keys = set(_english_of(path))
    exercise = path.parent.parent / path.name
    if path.parent.name == "solutions" and exercise.exists():
        keys |= set(_english(nbformat.read(str(exercise), as_version=4)))
    return keys


def report(path: Path, lang: str = LANG) -> list[str]:
    """Problems of ``path``'s catalogue (none when it has no catalogue yet)."""
    cat = editions.catalogue_path(path, lang)
    if not cat.exists():
        return []
    sections = editions.read_catalogue(cat)
    english = _english_of(path)
    missing = [k for k in english if k not in sections]
    stale = [k for k in sections if k not in _allowed(path)]
    same = [
        k for k, text in sections.items() if english.get(k) == text.strip() and _WORD.search(text)
    ]
    rel = cat.relative_to(ROOT) if cat.is_relative_to(ROOT) else cat
    return (
        [f"{rel}: missing cell {k} ({english[k].splitlines()[0][:60]!r})" for k in missing]
        + [f"{rel}: stale section {k} (no such cell any more)" for k in stale]
        + [f"{rel}: section {k} is still the English text" for k in same]
    )


def stub(path: Path, lang: str = LANG) -> Path:
    cat = editions.catalogue_path(path, lang)
    sections = editions.read_catalogue(cat) if cat.exists() else {}
    english = _english_of(path)
    merged = {k: sections.get(k, text) for k, text in english.items()}
    merged.update({k: v for k, v in sections.items() if k not in merged})
    editions.write_catalogue(cat, merged, title=f"{path.stem}, Bahasa Indonesia")
    return cat


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("check", "stub"))
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.command == "stub":
        for p in args.paths:
            print(f"wrote {stub(p.resolve())}")
        return 0
    lines = [line for p in (args.paths or translatable()) for line in report(p.resolve())]
    for line in lines:
        print(line)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
