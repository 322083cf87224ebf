"""The course's plot style: a colour-blind-safe palette and a helper to get an ``Axes``.

>>> len(PALETTE)
8
>>> color_for(9) == PALETTE[1]
True
"""

from __future__ import annotations

from typing import Any

import matplotlib

matplotlib.use(matplotlib.get_backend() if matplotlib.get_backend() else "Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

__all__ = ["PALETTE", "color_for", "new_axes", "EMOTION_CMAP"]

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
