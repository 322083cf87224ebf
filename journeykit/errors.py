"""The package's own exception types.

Every error a learner can provoke with bad input is one of these, and its message names the
table, column, field or parameter at fault and what was expected. All of them subclass
:class:`JourneykitError`, which subclasses :class:`ValueError`, so ``except ValueError`` also works.

>>> from journeykit.errors import ValidationError
>>> try:
...     raise ValidationError("stage", "one of 'awareness', 'consideration'", got="'hype'")
... except ValueError as err:
...     print(err)
stage: expected one of 'awareness', 'consideration', got 'hype'
"""

from __future__ import annotations

import os
from collections.abc import Callable

__all__ = [
    "JourneykitError",
    "ValidationError",
    "SchemaError",
    "ParameterError",
    "OverwriteError",
    "WriteError",
    "MapFileError",
    "JourneykitWarning",
    "FitWarning",
]


class JourneykitError(ValueError):
    """Base class of every error journeykit raises on purpose.

    In a notebook (IPython, papermill, nbval) the error shows as its one-line message instead
    of a page of traceback: the message already names what was wrong and how to fix it. Set
    the environment variable ``JOURNEYKIT_TRACEBACK=1`` to see the full traceback.

    >>> JourneykitError("parameter seed: expected an integer >= 0")._render_traceback_()
    ['JourneykitError: parameter seed: expected an integer >= 0']
    """

    @property
    def _render_traceback_(self) -> Callable[[], list[str]]:
        # IPython's hook for exceptions that render themselves (InteractiveShell.showtraceback
        # looks it up with hasattr, so an AttributeError gives the usual traceback).
        if os.environ.get("JOURNEYKIT_TRACEBACK"):
            raise AttributeError("_render_traceback_")
        return lambda: [f"{type(self).__name__}: {self}"]


class ValidationError(JourneykitError):
    """A value failed validation.

    ``field`` names what was wrong (a dotted path such as ``stages[2].emotion``), ``expected``
    says what was wanted and ``got`` (optional) shows what arrived.
    """

    def __init__(self, field: str, expected: str, got: object | None = None) -> None:
        self.field = field
        self.expected = expected
        self.got = got
        message = f"{field}: expected {expected}"
        if got is not None:
            message += f", got {got}"
        super().__init__(message)


class SchemaError(JourneykitError):
    """A table does not match its schema (missing column, wrong type, unknown value ...).

    ``table`` and ``column`` name the place; ``rows`` holds a few offending row labels.
    """

    def __init__(
        self, table: str, column: str | None, problem: str, rows: list[object] | None = None
    ) -> None:
        self.table = table
        self.column = column
        self.problem = problem
        self.rows = list(rows or [])
        where = table if column is None else f"{table}.{column}"
        message = f"{where}: {problem}"
        if self.rows:
            shown = ", ".join(repr(r) for r in self.rows[:5])
            more = f" (and {len(self.rows) - 5} more)" if len(self.rows) > 5 else ""
            message += f" [rows {shown}{more}]"
        super().__init__(message)


class ParameterError(JourneykitError):
    """A function, notebook or command-line parameter has a wrong name, type or value."""


class OverwriteError(JourneykitError, FileExistsError):
    """Refused to replace an existing file or folder (pass ``force=True`` / ``--force``)."""


class WriteError(JourneykitError, OSError):
    """A file or folder could not be written (full or read-only disk ...); what was there before
    is unchanged (see :mod:`journeykit.files`)."""


class MapFileError(JourneykitError):
    """A saved persona or journey-map file cannot be read (not JSON, wrong schema version ...)."""


class JourneykitWarning(UserWarning):
    """Base class of every warning journeykit issues: the result is computed, but look at it twice."""


class FitWarning(JourneykitWarning):
    """A fitted model is poorly determined by the data (estimate on a search bound, flat likelihood)."""
