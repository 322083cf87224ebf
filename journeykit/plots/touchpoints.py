"""Pictures of touchpoints and channels: channel x stage heatmap, cross-channel and
cross-device journeys, conversions by number of channels, device split of conversions.

Each function draws the output of the matching :mod:`journeykit.touchpoints` function, takes
``lang`` and an optional ``ax`` and returns the ``Axes``.

>>> import pandas as pd
>>> split = pd.DataFrame({"device": ["mobile", "desktop", "tablet"],
...     "conversions": [6, 3, 1], "share": [0.6, 0.3, 0.1]})
>>> plot_device_split(split, lang="id").get_title()
'Konversi menurut perangkat'
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from journeykit.errors import ValidationError
from journeykit.i18n import LABELS, check_lang, t
from journeykit.plots.style import PALETTE, color_for, legend_outside, new_axes
from journeykit.schema import require_columns
from journeykit.stages import StageModel, get_model

__all__ = [
    "plot_channel_stage",
    "plot_omnichannel",
    "plot_channel_count",
    "plot_device_split",
]


def _label(prefix: str, key: str, lang: str) -> str:
    return t(f"{prefix}.{key}", lang) if f"{prefix}.{key}" in LABELS else str(key)


def plot_channel_stage(
    matrix: pd.DataFrame,
    model: str | StageModel = "five",
    *,
    value: str = "users",
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of :func:`~journeykit.touchpoints.channel_stage_matrix`: channels down, stages of
    ``model`` across, each cell written out. ``value``: ``"users"``, ``"touches"`` or ``"share"``
    (a matrix made with ``normalize="stage"``, shown in %); it only picks the title.
    """
    lang = check_lang(lang)
    m = get_model(model)
    if not isinstance(matrix, pd.DataFrame):
        raise ValidationError("matrix", "a DataFrame", type(matrix).__name__)
    if list(matrix.columns) != list(m.keys()):
        raise ValidationError(
            "matrix", f"the stage columns of model {m.key!r}", ", ".join(map(str, matrix.columns))
        )
    titles = {
        "users": "touch.matrix_users_title",
        "touches": "touch.matrix_touches_title",
        "share": "touch.matrix_share_title",
    }
    if value not in titles:
        raise ValidationError("value", "one of 'users', 'touches', 'share'", repr(value))
    data = matrix.to_numpy(dtype=float) * (100 if value == "share" else 1)
    ax = new_axes(ax, figsize=(1.3 * len(m) + 3, 0.45 * len(matrix) + 2))
    finite = data[np.isfinite(data)]
    top = finite.max() if finite.size and finite.max() > 0 else 1.0
    image = ax.imshow(data, cmap="cividis", vmin=0, vmax=top, aspect="auto")
    for i in range(data.shape[0]):
        for j in range(data.shape[1]):
            v = data[i, j]
            if np.isfinite(v):
                text = f"{v:.0f}" if value != "share" else f"{v:.0f} %"
                colour = "black" if v > 0.6 * top else "white"
                ax.text(j, i, text, ha="center", va="center", fontsize=8, color=colour)
    ax.set_xticks(range(len(m)), list(m.labels(lang)), rotation=20, ha="right")
    ax.set_yticks(range(len(matrix)), [_label("channel", c, lang) for c in matrix.index])
    ax.set_xlabel(t("stage", lang))
    ax.set_ylabel(t("channel", lang))
    ax.set_title(t(titles[value], lang))
    ax.figure.colorbar(image, ax=ax, fraction=0.04)
    return ax


def plot_omnichannel(summary: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Grouped bars from :func:`~journeykit.touchpoints.omnichannel_summary`: the share of
    buyers, non-buyers and everyone who used 2+ channels and 2+ devices (%)."""
    lang = check_lang(lang)
    s = require_columns(summary, "summary", ("multichannel_share", "cross_device_share", "people"))
    ax = new_axes(ax, figsize=(7.5, 4.2))
    x = np.arange(len(s))
    for i, (col, key) in enumerate(
        (("multichannel_share", "touch.multichannel"), ("cross_device_share", "touch.cross_device"))
    ):
        vals = 100 * s[col].to_numpy(dtype=float)
        bars = ax.bar(x + (i - 0.5) * 0.38, vals, width=0.36, color=PALETTE[i], label=t(key, lang))
        for b, v in zip(bars, vals, strict=True):
            if np.isfinite(v):
                ax.text(b.get_x() + b.get_width() / 2, v + 1, f"{v:.0f} %", ha="center", fontsize=8)
    names = [
        f"{_label('touch.segment', k, lang)}\n(n={n:,})"
        for k, n in zip(s.index, s["people"], strict=True)
    ]
    ax.set_xticks(x, names)
    ax.set_ylim(0, 110)
    ax.set_ylabel(t("touch.people_pct", lang))
    ax.set_title(t("touch.omni_title", lang))
    legend_outside(ax, fontsize=9)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _percent_bars(
    ax: Axes,
    shares: pd.Series,
    notes: list[str],
    ticks: list[str],
) -> None:
    """Bars of ``100 * shares`` (NaN drawn as 0, unlabelled), each labelled with its percentage."""
    x = np.arange(len(shares))
    pct = 100 * shares.to_numpy(dtype=float)
    ax.bar(x, np.nan_to_num(pct), color=[color_for(i) for i in range(len(x))])
    for xi, v, note in zip(x, pct, notes, strict=True):
        if np.isfinite(v):
            ax.text(xi, v + 1, f"{v:.0f} %{note}", ha="center", fontsize=9)
    ax.set_xticks(x, ticks)
    ax.set_ylim(0, 110)
    ax.spines[["top", "right"]].set_visible(False)


def plot_channel_count(table: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Bars of :func:`~journeykit.touchpoints.conversion_by_channel_count`: conversion rate (%)
    by the number of channels used, with the number of people under each bar."""
    lang = check_lang(lang)
    c = require_columns(table, "table", ("channels", "people", "conversion_rate"))
    ax = new_axes(ax, figsize=(7, 4))
    ticks = [f"{k}\n(n={n:,})" for k, n in zip(c["channels"], c["people"], strict=True)]
    _percent_bars(ax, c["conversion_rate"], [""] * len(c), ticks)
    ax.set_xlabel(t("touch.n_channels", lang))
    ax.set_ylabel(t("touch.conversion_rate_pct", lang))
    ax.set_title(t("touch.channel_count_title", lang))
    return ax


def plot_device_split(split: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Bars of :func:`~journeykit.touchpoints.device_split`: share of conversions per device (%),
    with the number of conversions on each bar."""
    lang = check_lang(lang)
    d = require_columns(split, "split", ("device", "conversions", "share"))
    ax = new_axes(ax, figsize=(6.5, 4))
    notes = [f" ({n:,})" for n in d["conversions"]]
    _percent_bars(ax, d["share"], notes, [_label("device", k, lang) for k in d["device"]])
    ax.set_xlabel(t("device", lang))
    ax.set_ylabel(t("touch.conversions_pct", lang))
    ax.set_title(t("touch.device_title", lang))
    return ax
