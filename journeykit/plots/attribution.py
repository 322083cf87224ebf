"""Pictures of attribution: each channel's credit under several models, and assisted vs last click.

Each function draws a table returned by :mod:`journeykit.attribution` or
:func:`journeykit.paths.assisted_conversions`; it takes ``lang`` and an optional ``ax`` and
returns the Axes. Text comes from :mod:`journeykit.i18n`, colours from
:data:`journeykit.plots.style.PALETTE`.

>>> import pandas as pd
>>> from journeykit.attribution import attribute
>>> p = pd.DataFrame({"path": ["email > direct", "direct"], "total_conversions": [3, 1]})
>>> ax = plot_attribution(attribute(p, models="first,last,markov"), lang="id")
>>> ax.get_title()
'Konversi yang dikreditkan ke tiap saluran, per model'
>>> [t.get_text() for t in ax.get_legend().get_texts()]
['Sentuhan pertama (first touch)', 'Sentuhan terakhir (last touch)', 'Efek penghapusan Markov (removal effect)']
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from journeykit.errors import ValidationError
from journeykit.i18n import LABELS, check_lang, label_map, t
from journeykit.plots.style import color_for, legend_outside, new_axes

__all__ = ["plot_attribution", "plot_assisted"]


def _model_label(name: str, lang: str) -> str:
    key = f"attr.model.{name}"
    return t(key, lang) if key in LABELS else name


def plot_attribution(
    credit: pd.DataFrame,
    *,
    value: bool = False,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Grouped horizontal bars: one group per channel, one bar per model column of ``credit``.

    ``credit`` is :func:`journeykit.attribution.attribute`'s table (a ``channel`` column and one
    numeric column per model); extra numeric columns, e.g. ``incremental`` from the
    generator's counterfactual runs, are drawn as one more model. ``value=True`` labels the axis
    as attributed value (currency units) instead of conversions.
    """
    check_lang(lang)
    if not isinstance(credit, pd.DataFrame) or "channel" not in credit.columns:
        raise ValidationError(
            "credit", "a DataFrame with a channel column and one column per model", got=credit
        )
    models = [c for c in credit.columns if c != "channel"]
    if not models:
        raise ValidationError("credit", "at least one model column", got=list(credit.columns))
    names = label_map("channel", lang)
    channels = [names.get(str(c), str(c)) for c in credit["channel"]]
    ax = new_axes(ax, figsize=(9, max(3.0, 0.25 * len(channels) * len(models) + 1.2)))
    y = np.arange(len(channels))[::-1]
    height = 0.8 / len(models)
    for i, m in enumerate(models):
        ax.barh(
            y + 0.4 - height * (i + 0.5),
            credit[m].to_numpy(dtype=float),
            height=height,
            color=color_for(i),
            label=_model_label(m, lang),
        )
    ax.set_yticks(y, channels)
    ax.set_title(t("attr.value_title" if value else "attr.title", lang))
    ax.set_xlabel(t("attr.axis.value" if value else "attr.axis.conversions", lang))
    ax.set_ylabel(t("channel", lang))
    legend_outside(ax, title=t("attr.model", lang))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_assisted(report: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Paired bars per channel: last-click and assisted conversions, from
    :func:`journeykit.paths.assisted_conversions`; the assisted/last-click ratio is written at
    the end of each pair ("∞" when the channel only assists).

    >>> import pandas as pd
    >>> from journeykit.paths import assisted_conversions
    >>> p = pd.DataFrame({"path": ["email > direct"], "total_conversions": [2]})
    >>> plot_assisted(assisted_conversions(p)).get_xlabel()
    'Conversions'
    """
    check_lang(lang)
    need = ("channel", "last_click_conversions", "assisted_conversions")
    if not isinstance(report, pd.DataFrame) or any(c not in report.columns for c in need):
        raise ValidationError("report", f"a table with columns {', '.join(need)}", got=report)
    names = label_map("channel", lang)
    channels = [names.get(str(c), str(c)) for c in report["channel"]]
    ax = new_axes(ax, figsize=(9, max(3.0, 0.5 * len(channels) + 1.2)))
    y = np.arange(len(channels))[::-1]
    last = report["last_click_conversions"].to_numpy(dtype=float)
    assisted = report["assisted_conversions"].to_numpy(dtype=float)
    ax.barh(y + 0.2, last, height=0.4, color=color_for(0), label=t("attr.last_click", lang))
    ax.barh(y - 0.2, assisted, height=0.4, color=color_for(1), label=t("attr.assisted", lang))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = assisted / last
    for yi, r, end in zip(y, ratio, np.maximum(last, assisted), strict=True):
        text = "∞" if np.isinf(r) else ("" if np.isnan(r) else f"{r:.2f}")
        ax.text(end, yi, f"  {text}", va="center", fontsize=8)
    ax.set_yticks(y, channels)
    ax.set_title(t("attr.assisted_title", lang))
    ax.set_xlabel(t("attr.count", lang))
    ax.set_ylabel(t("channel", lang))
    legend_outside(ax)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
