"""The course's plot style: a colour-blind-safe palette and a helper to get an ``Axes``.

The palette is Okabe & Ito's eight colours followed by three of Paul Tol's "muted" scheme
(wine, olive, indigo), also safe for the common forms of colour blindness, so that all ten
channels of the course data get a colour of their own.

>>> len(PALETTE)
11
>>> color_for(12) == PALETTE[1]
True
"""

from __future__ import annotations

from typing import Any

import matplotlib

matplotlib.use(matplotlib.get_backend() if matplotlib.get_backend() else "Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.legend import Legend  # noqa: E402
from matplotlib.text import Text  # noqa: E402

__all__ = [
    "PALETTE",
    "color_for",
    "new_axes",
    "legend_outside",
    "fit_text",
    "readable_xticks",
    "EMOTION_CMAP",
    "SMALL_GROUP",
    "SMALL_GROUP_GREY",
]

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
    # Tol (2021), "muted" scheme: distinct from the eight above, also colour-blind safe
    "#882255",  # wine
    "#999933",  # olive
    "#332288",  # indigo
)

#: Colour of table cells whose group is too small to compare (see ``SMALL_GROUP``).
SMALL_GROUP_GREY = "#BBBBBB"
#: Groups with fewer people than this are marked on heatmaps: too few to compare.
SMALL_GROUP = 30

EMOTION_CMAP = "RdBu"  # diverging red (negative) to blue (positive): readable without red/green


def color_for(i: int) -> str:
    """The i-th palette colour, cycling."""
    return PALETTE[i % len(PALETTE)]


def new_axes(ax: Axes | None = None, *, figsize: tuple[float, float] = (8, 4.5), **kw: Any) -> Axes:
    """Return ``ax`` if given, else a fresh ``Axes`` on a new figure of ``figsize`` inches.

    New figures use matplotlib's constrained layout, so tick labels, titles and a legend
    placed outside the axes stay inside the figure.
    """
    if ax is not None:
        return ax
    kw.setdefault("layout", "constrained")
    _, new = plt.subplots(figsize=figsize, **kw)
    return new


def legend_outside(ax: Axes, **kw: Any) -> Legend:
    """A legend to the right of the axes, outside the data (never covering a bar or a line).

    >>> ax = new_axes()
    >>> _ = ax.bar([0, 1], [3, 4], label="a")
    >>> bool(legend_outside(ax).get_bbox_to_anchor().x0 > ax.get_window_extent().x1)
    True
    """
    kw.setdefault("frameon", False)
    kw.setdefault("fontsize", 8)
    return ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0, **kw)


def fit_text(
    text: Text, width: float, height: float | None = None, *, min_size: float = 5.0
) -> float:
    """Shrink ``text``'s font (0.5 pt steps, not below ``min_size``) until its rendered box is at
    most ``width`` x ``height`` display pixels; returns the font size used.

    >>> ax = new_axes(figsize=(2, 1))
    >>> label = ax.text(0, 0, "Keterlibatan yang panjang sekali", fontsize=12)
    >>> fit_text(label, 60) < 12
    True
    """
    fig = text.get_figure()
    renderer = fig.canvas.get_renderer()  # type: ignore[union-attr]
    size = float(text.get_fontsize())
    while size > min_size:
        box = text.get_window_extent(renderer)
        if box.width <= width and (height is None or box.height <= height):
            break
        size -= 0.5
        text.set_fontsize(size)
    return size


def readable_xticks(ax: Axes, *, gap: float = 2.0) -> bool:
    """Turn the x tick labels 45 degrees when, drawn flat, two of them would touch (less than
    ``gap`` pixels apart); returns whether they were turned.

    >>> ax = new_axes(figsize=(3, 2))
    >>> _ = ax.set_xticks(range(12), [f"{10 * i}-{10 * i + 9}" for i in range(12)])
    >>> readable_xticks(ax)
    True
    """
    fig = ax.get_figure()
    fig.canvas.draw()  # type: ignore[union-attr]
    renderer = fig.canvas.get_renderer()  # type: ignore[union-attr]
    boxes = [lab.get_window_extent(renderer) for lab in ax.get_xticklabels() if lab.get_text()]
    boxes.sort(key=lambda b: b.x0)
    crowded = any(b.x0 - a.x1 < gap for a, b in zip(boxes, boxes[1:], strict=False))
    if crowded:
        for lab in ax.get_xticklabels():
            lab.set_rotation(45)
            lab.set_horizontalalignment("right")
            lab.set_rotation_mode("anchor")
    return crowded
