"""Pictures of conversion paths: time lag, path length and the top conversion paths.

Each function draws a table returned by :mod:`journeykit.paths` and nothing else; it takes
``lang`` and an optional ``ax`` and returns the Axes. Text comes from :mod:`journeykit.i18n`,
colours from :data:`journeykit.plots.style.PALETTE`.

>>> import pandas as pd
>>> from journeykit.paths import path_length_distribution
>>> p = pd.DataFrame({"path": ["email > direct", "direct"], "total_conversions": [3, 1]})
>>> ax = plot_path_length(path_length_distribution(p), lang="id")
>>> ax.get_title()
'Jumlah interaksi sebelum pembelian (panjang jalur)'
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes

from journeykit.i18n import check_lang, label_map, t
from journeykit.paths import SEP
from journeykit.plots.style import PALETTE, new_axes, readable_xticks
from journeykit.schema import require_columns

__all__ = ["plot_time_lag", "plot_path_length", "plot_top_paths", "channel_path_label"]


def channel_path_label(path: str, lang: str = "en") -> str:
    """A path with each channel key replaced by its label in ``lang``.

    >>> channel_path_label("social_ads > direct", "id")
    'Iklan media sosial > Langsung'
    """
    names = label_map("channel", lang)
    return SEP.join(names.get(c, c) for c in str(path).split(SEP))


def _bucket_bars(
    dist: pd.DataFrame, *, title: str, xlabel: str, lang: str, ax: Axes | None
) -> Axes:
    check_lang(lang)
    dist = require_columns(dist, "distribution", ("bucket", "share_pct"))
    ax = new_axes(ax)
    x = range(len(dist))
    bars = ax.bar(x, dist["share_pct"], color=PALETTE[0])
    ax.set_xticks(list(x), [str(b) for b in dist["bucket"]])
    if "conversions" in dist.columns:
        counts = [f"{c:,.0f}" if c else "" for c in dist["conversions"]]
        ax.bar_label(bars, labels=counts, fontsize=8, padding=2)
    ax.set_title(t(title, lang))
    ax.set_xlabel(t(xlabel, lang))
    ax.set_ylabel(t("paths.conversions_pct", lang))
    ax.spines[["top", "right"]].set_visible(False)
    readable_xticks(ax)
    return ax


def plot_time_lag(dist: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Bars of :func:`journeykit.paths.time_lag_distribution`: share of conversions per
    time-lag bucket (days), with the count on each bar."""
    return _bucket_bars(
        dist, title="paths.time_lag_title", xlabel="paths.time_lag_axis", lang=lang, ax=ax
    )


def plot_path_length(dist: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Bars of :func:`journeykit.paths.path_length_distribution`: share of conversions by the
    number of interactions on the path."""
    return _bucket_bars(
        dist, title="paths.path_length_title", xlabel="paths.path_length_axis", lang=lang, ax=ax
    )


def plot_top_paths(
    top: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None, max_chars: int = 70
) -> Axes:
    """Horizontal bars of :func:`journeykit.paths.top_paths` (most conversions on top); channel
    names in ``lang``, paths longer than ``max_chars`` shortened in the middle.

    >>> import pandas as pd
    >>> top = pd.DataFrame({"path": ["email > direct"], "conversions": [4.0], "share_pct": [100.0]})
    >>> [t.get_text() for t in plot_top_paths(top).get_yticklabels()]
    ['Email > Direct']
    """
    check_lang(lang)
    top = require_columns(top, "top", ("path", "conversions"))
    ax = new_axes(ax, figsize=(9, max(2.5, 0.45 * len(top) + 1.2)))
    labels = []
    for p in top["path"]:
        text = channel_path_label(p, lang)
        if len(text) > max_chars:
            half = (max_chars - 5) // 2
            text = text[:half] + " ... " + text[-half:]
        labels.append(text)
    y = list(range(len(top)))[::-1]
    bars = ax.barh(y, top["conversions"], color=PALETTE[2])
    ax.set_yticks(y, labels, fontsize=8)
    ax.bar_label(bars, labels=[f"{c:,.0f}" for c in top["conversions"]], fontsize=8, padding=2)
    ax.set_title(t("paths.top_title", lang))
    ax.set_xlabel(t("paths.conversions", lang))
    ax.set_ylabel(t("paths.path", lang))
    ax.spines[["top", "right"]].set_visible(False)
    return ax
