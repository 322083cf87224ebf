"""The JSON documents a learner writes and saves: personas and journey maps.

What both share: validation helpers that collect *every* problem (each a
:class:`~journeykit.errors.ValidationError` naming its field, e.g. ``stages[2].emotion``) before
raising the first; versioned files (``schema_version`` and ``kind`` headers) whose corrupt or
foreign content raises :class:`~journeykit.errors.MapFileError`; writing that never replaces an
existing file without ``force=True``; and :class:`JsonDocument`, the mixin that gives a frozen
dataclass ``to_json``/``from_json``/``save``/``load``.

>>> problems = []
>>> check_text("  ", "name", problems)
>>> check_text_list(["ok", 3], "goals", problems)
>>> [str(p) for p in problems]
["name: expected a non-empty string, got '  '", 'goals[1]: expected a string, got 3 (int)']
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, ClassVar, Self

from journeykit import files
from journeykit.errors import MapFileError, ValidationError

__all__ = [
    "CONTROL_CHARACTERS",
    "KEY_PATTERN",
    "MAX_DOCUMENT_BYTES",
    "JsonDocument",
    "check_text",
    "check_text_list",
    "dumps",
    "fields_of",
    "file_error",
    "raise_first",
    "read_document",
    "show_value",
    "values_of",
    "write_text",
]

MAX_DOCUMENT_BYTES = 5_000_000
"""Largest persona or map file :func:`read_document` reads (a real map is a few kilobytes)."""

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters refused in learner text: control codes other than tab and line breaks, which
no picture or page can show and which make an SVG or XML file invalid (browsers refuse it)."""

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
"""A key (of a persona, a map, a custom stage): lower-case letters, digits and ``_``."""


# --- validation helpers ------------------------------------------------------------------------


def show_value(value: object) -> str:
    """A short, readable rendering of a bad value for an error message."""
    if value is None:
        return "nothing (null)"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return text if isinstance(value, str) else f"{text} ({type(value).__name__})"


def check_text(
    value: object, field: str, problems: list[ValidationError], *, required: bool = True
) -> None:
    """Append a problem unless ``value`` is a string (non-blank when ``required``)."""
    if not isinstance(value, str):
        problems.append(ValidationError(field, "a string", show_value(value)))
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        problems.append(
            ValidationError(field, "text that can be written as UTF-8", show_value(value))
        )
        return
    bad = CONTROL_CHARACTERS.search(value)
    if bad is not None:
        problems.append(
            ValidationError(
                field,
                "text without control characters (tab and line breaks are fine)",
                f"U+{ord(bad.group()):04X} at position {bad.start()}",
            )
        )
        return
    if required and not value.strip():
        problems.append(ValidationError(field, "a non-empty string", show_value(value)))


def check_text_list(
    value: object,
    field: str,
    problems: list[ValidationError],
    *,
    min_items: int = 0,
    allowed: Sequence[str] | None = None,
) -> None:
    """Append problems unless ``value`` is a list/tuple of non-blank strings (from ``allowed``)."""
    if isinstance(value, str) or not isinstance(value, list | tuple):
        problems.append(ValidationError(field, "a list of strings", show_value(value)))
        return
    if len(value) < min_items:
        problems.append(
            ValidationError(
                field, f"at least {min_items} item(s)", "an empty list" if not value else None
            )
        )
    seen: set[str] = set()
    for i, item in enumerate(value):
        where = f"{field}[{i}]"
        before = len(problems)
        check_text(item, where, problems)
        if len(problems) > before:
            continue
        if allowed is not None and item not in allowed:
            problems.append(
                ValidationError(where, f"one of {', '.join(allowed)}", show_value(item))
            )
        elif allowed is not None and item in seen:
            problems.append(ValidationError(where, "no repeated values", show_value(item)))
        seen.add(item)  # type: ignore[arg-type]


def fields_of(
    data: object,
    where: str,
    problems: list[ValidationError],
    *,
    known: Sequence[str],
    required: Sequence[str],
    ignore: Sequence[str] = (),
) -> dict[str, Any] | None:
    """Check that ``data`` is a dict with the ``required`` keys and no unknown ones; return it."""
    if not isinstance(data, Mapping):
        problems.append(
            ValidationError(where or "document", "a JSON object (dict)", show_value(data))
        )
        return None
    prefix = f"{where}." if where else ""
    unknown = sorted(str(k) for k in data if k not in known and k not in ignore)
    for key in unknown:
        problems.append(
            ValidationError(
                f"{prefix}{key}", f"a known field ({', '.join(known)})", "an unknown field"
            )
        )
    for key in required:
        if key not in data:
            problems.append(ValidationError(f"{prefix}{key}", "a value", "nothing (missing field)"))
    return {k: v for k, v in data.items() if k in known}


def values_of(
    data: object,
    cls: type,
    where: str,
    problems: list[ValidationError],
    *,
    required: Sequence[str],
) -> dict[str, Any] | None:
    """The field values of a ``cls`` dataclass instance, or of its dict form (checked by
    :func:`fields_of`; the file header ``schema_version``/``kind`` is allowed)."""
    if isinstance(data, cls):
        return {f.name: getattr(data, f.name) for f in fields(data)}
    return fields_of(
        data,
        where,
        problems,
        known=[f.name for f in fields(cls)],
        required=required,
        ignore=("schema_version", "kind"),
    )


def raise_first(problems: list[ValidationError]) -> None:
    """Raise the first problem, noting how many more there are."""
    if problems:
        err = problems[0]
        if len(problems) > 1:
            err.args = (f"{err.args[0]} (and {len(problems) - 1} more problem(s))",)
        raise err


# --- JSON files --------------------------------------------------------------------------------


def dumps(document: Mapping[str, Any]) -> str:
    """JSON text for a document: UTF-8 kept readable, 2-space indent, trailing newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def write_text(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write ``text`` to ``path`` (UTF-8, atomically: :func:`journeykit.files.write_text`); an
    existing file is replaced only with ``force=True``."""
    return files.write_text(path, text, force=force)


def _loads(text: str, where: str) -> Any:
    """Parse JSON text; malformed, too deeply nested or huge-number JSON is a MapFileError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise MapFileError(
            f"{where}: not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})"
        ) from None
    except RecursionError:
        raise MapFileError(f"{where}: JSON nested too deeply to be a journeykit file") from None
    except ValueError as err:  # e.g. an integer of more than 4300 digits
        raise MapFileError(f"{where}: not a journeykit file ({err})") from None


def read_document(path: str | os.PathLike[str], *, kind: str, version: int) -> dict[str, Any]:
    """Read a journeykit JSON document of ``kind``; corrupt files raise :class:`MapFileError`."""
    src = Path(path)
    try:
        if src.is_file() and src.stat().st_size > MAX_DOCUMENT_BYTES:
            raise MapFileError(
                f"{src}: {src.stat().st_size:,} bytes; expected a file of at most "
                f"{MAX_DOCUMENT_BYTES:,} bytes"
            )
        text = src.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MapFileError(f"{src}: no such file") from None
    except IsADirectoryError:
        raise MapFileError(f"{src}: is a folder, expected a JSON file") from None
    except UnicodeDecodeError:
        raise MapFileError(f"{src}: not a text file (expected UTF-8 JSON)") from None
    except OSError as err:
        raise MapFileError(f"{src}: cannot read ({err.strerror})") from None
    data = _loads(text, str(src))
    if not isinstance(data, dict):
        raise MapFileError(f"{src}: expected a JSON object at the top, got {type(data).__name__}")
    if "schema_version" not in data:
        raise MapFileError(f"{src}: schema_version: missing (expected {version})")
    if data["schema_version"] != version or isinstance(data["schema_version"], bool):
        raise MapFileError(
            f"{src}: schema_version: expected {version}, got {data['schema_version']!r} "
            "(a file written by another journeykit version?)"
        )
    if data.get("kind", kind) != kind:
        raise MapFileError(f"{src}: kind: expected {kind!r}, got {data.get('kind')!r}")
    return data


def file_error(src: str | os.PathLike[str], problems: list[ValidationError]) -> MapFileError:
    """A :class:`MapFileError` listing every validation problem of a file (``.problems``)."""
    lines = "; ".join(str(p) for p in problems[:5])
    more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
    err = MapFileError(f"{src}: {lines}{more}")
    err.problems = list(problems)  # type: ignore[attr-defined]
    return err


class JsonDocument:
    """JSON text and files for a frozen dataclass with ``to_dict``/``from_dict`` (a mixin).

    Subclasses set ``_KIND`` (the ``kind`` header of their files), ``_VERSION`` (the
    ``schema_version``) and ``_problems`` (a function listing every validation problem).
    """

    _KIND: ClassVar[str]
    _VERSION: ClassVar[int]
    _problems: ClassVar[Callable[[Any], list[ValidationError]]]

    def to_dict(self) -> dict[str, Any]:  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def to_json(self) -> str:
        """A JSON document: ``schema_version``, ``kind``, then the fields of :meth:`to_dict`."""
        return dumps({"schema_version": self._VERSION, "kind": self._KIND, **self.to_dict()})

    @classmethod
    def from_json(cls, text: str) -> Self:
        """Read from JSON text (as written by :meth:`to_json`); text that is not JSON raises
        :class:`~journeykit.errors.MapFileError`, invalid values a ``ValidationError``."""
        return cls.from_dict(_loads(text, f"{cls._KIND} JSON"))  # type: ignore[attr-defined]

    def save(self, path: str | os.PathLike[str], *, force: bool = False) -> Path:
        """Write to a JSON file (UTF-8); an existing file is replaced only with ``force=True``."""
        return write_text(path, self.to_json(), force=force)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Self:
        """Read a saved file. A file that is not JSON, has another ``schema_version`` or
        ``kind``, misses fields or holds invalid values raises
        :class:`~journeykit.errors.MapFileError` naming the problem (all of them are in its
        ``problems`` attribute)."""
        data = read_document(path, kind=cls._KIND, version=cls._VERSION)
        problems = cls._problems(data)
        if problems:
            raise file_error(path, problems)
        return cls.from_dict(data)  # type: ignore[attr-defined]
