"""The course's plot style: a colour-blind-safe palette and a helper to get an ``Axes``.

>>> len(PALETTE)
8
>>> color_for(9) == PALETTE[1]
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import matplotlib
import pandas as pd

matplotlib.use(matplotlib.get_backend() if matplotlib.get_backend() else "Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from journeykit.schema import require_columns  # noqa: E402

__all__ = ["PALETTE", "color_for", "new_axes", "need_columns", "EMOTION_CMAP"]

# Okabe & Ito (2008), safe for the common forms of colour blindness.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)

EMOTION_CMAP = "RdBu"  # diverging red (negative) to blue (positive): readable without red/green


def color_for(i: int) -> str:
    """The i-th palette colour, cycling."""
    return PALETTE[i % len(PALETTE)]


def new_axes(ax: Axes | None = None, *, figsize: tuple[float, float] = (8, 4.5), **kw: Any) -> Axes:
    """Return ``ax`` if given, else a fresh ``Axes`` on a new figure of ``figsize`` inches."""
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=figsize, **kw)
    return new


def need_columns(name: str, df: object, columns: Iterable[str]) -> pd.DataFrame:
    """Check that the table a plot was given is a DataFrame with ``columns``; return it.

    A plot draws only what it is given, so a wrong table stops it with an error naming the
    table and the missing column (:func:`journeykit.schema.require_columns`), never a silently
    wrong chart.

    >>> need_columns("funnel", pd.DataFrame({"users": [3]}), ("label", "users"))
    Traceback (most recent call last):
    ...
    journeykit.errors.SchemaError: funnel.label: missing column(s) label; has users
    """
    return require_columns(df, name, columns)
