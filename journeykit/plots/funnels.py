"""Pictures of measurement: funnels, time to convert, stage metrics by group, journey scores,
cohort retention.

Each function draws what it is given (the output of :mod:`journeykit.funnels`,
:mod:`journeykit.metrics` or :mod:`journeykit.score`), takes ``lang`` and an optional ``ax``, and
returns the ``Axes``. Titles and axis labels come from :func:`journeykit.i18n.t`.

>>> import pandas as pd
>>> f = pd.DataFrame({"label": ["Visit", "Buy"], "users": [10, 4],
...     "step_conversion": [1.0, 0.4], "overall_conversion": [1.0, 0.4]})
>>> ax = plot_funnel(f, lang="id")
>>> ax.get_title(), ax.get_xlabel()
('Funnel (corong): orang yang mencapai tiap langkah', 'Orang')
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from journeykit.errors import ValidationError
from journeykit.funnels import BREAKDOWNS
from journeykit.i18n import LABELS, check_lang, t
from journeykit.metrics import METRICS, format_metric
from journeykit.plots.style import (
    PALETTE,
    SMALL_GROUP,
    SMALL_GROUP_GREY,
    color_for,
    legend_outside,
    new_axes,
)
from journeykit.schema import require_columns

__all__ = [
    "plot_funnel",
    "plot_funnel_by",
    "plot_time_to_convert",
    "plot_metric_heatmap",
    "plot_journey_score",
    "plot_retention",
]

HEATMAP_CMAP = "cividis"  # perceptually uniform and readable with colour-blindness


def _by_column(df: pd.DataFrame) -> str | None:
    found = [c for c in BREAKDOWNS if c in df.columns]
    return found[0] if found else None


def _group_label(by: str | None, group: object, lang: str) -> str:
    """A group's display name: channel, device and persona keys get their labels."""
    prefix = {"channel": "channel", "device": "device", "persona": "persona.type"}.get(by or "")
    key = f"{prefix}.{group}"
    return t(key, lang) if prefix and key in LABELS else str(group)


def _group_title(by: str | None, lang: str) -> str:
    return t(f"breakdown.{by}", lang) if by in BREAKDOWNS else (by or "")


def plot_funnel(funnel: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Horizontal bars: people at each step (first step on top), labelled with the share of the
    first step and of the previous step. Takes :func:`~journeykit.funnels.stage_funnel` or
    :func:`~journeykit.funnels.ordered_funnel` output without a breakdown (use
    :func:`plot_funnel_by` for one with ``by``).
    """
    lang = check_lang(lang)
    f = require_columns(
        funnel, "funnel", ("label", "users", "step_conversion", "overall_conversion")
    )
    if _by_column(f) is not None:
        raise ValidationError("funnel", "a funnel without a breakdown (see plot_funnel_by)")
    n = len(f)
    ax = new_axes(ax, figsize=(8, 0.6 * n + 1.6))
    y = np.arange(n)[::-1]
    users = f["users"].to_numpy(dtype=float)
    ax.barh(y, users, color=PALETTE[0], height=0.7)
    top = users.max() if n and users.max() > 0 else 1.0
    of_first, of_prev = t("funnel.of_first", lang), t("funnel.of_previous", lang)
    for i, (yi, u, ov, st) in enumerate(
        zip(y, users, f["overall_conversion"], f["step_conversion"], strict=True)
    ):
        text = f"{u:,.0f}"
        if i > 0 and np.isfinite(ov):
            text += f"  ({100 * ov:.1f} % {of_first}; {100 * st:.1f} % {of_prev})"
        ax.text(u + top * 0.01, yi, text, va="center", fontsize=9)
    ax.set_yticks(y, list(f["label"]))
    ax.set_xlim(0, top * 1.55)
    ax.set_xlabel(t("funnel.people", lang))
    ax.set_ylabel(t("funnel.step", lang))
    ax.set_title(t("funnel.title", lang))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_funnel_by(funnel: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """One line per group: the share of the group's first-step people who reached each step (%).
    Takes a funnel with a breakdown column (``by=`` of :func:`~journeykit.funnels.stage_funnel`).
    """
    lang = check_lang(lang)
    f = require_columns(funnel, "funnel", ("label", "position", "overall_conversion"))
    by = _by_column(f)
    if by is None:
        raise ValidationError("funnel", f"a breakdown column ({', '.join(BREAKDOWNS)})")
    ax = new_axes(ax, figsize=(9, 4.8))
    for i, (group, part) in enumerate(f.groupby(by, sort=False)):
        label = _group_label(by, group, lang)
        ax.plot(
            part["position"],
            100 * part["overall_conversion"],
            marker="o",
            color=color_for(i),
            label=label,
        )
    first = f[f[by] == f[by].iloc[0]] if len(f) else f
    ax.set_xticks(first["position"], list(first["label"]), rotation=20, ha="right")
    ax.set_ylim(0, 105)
    ax.set_ylabel(t("funnel.overall_pct", lang))
    ax.set_xlabel(t("funnel.step", lang))
    ax.set_title(t("funnel.by_title", lang).format(group=_group_title(by, lang)))
    legend_outside(ax, title=_group_title(by, lang))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_time_to_convert(funnel: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Bars of the median days from the previous step, for steps 2..n of an
    :func:`~journeykit.funnels.ordered_funnel` (the mean is written beside each bar)."""
    lang = check_lang(lang)
    f = require_columns(
        funnel, "funnel", ("label", "median_days_from_previous", "mean_days_from_previous")
    )
    f = f.iloc[1:]
    ax = new_axes(ax, figsize=(8, 0.6 * len(f) + 1.6))
    y = np.arange(len(f))[::-1]
    med = f["median_days_from_previous"].to_numpy(dtype=float)
    mean_word = t("funnel.mean", lang)
    ax.barh(y, np.nan_to_num(med), color=PALETTE[2], height=0.6)
    for yi, m, mean in zip(y, med, f["mean_days_from_previous"], strict=True):
        if np.isfinite(m):
            ax.text(m, yi, f"  {m:.1f} ({mean_word} {mean:.1f})", va="center", fontsize=9)
    ax.set_yticks(y, list(f["label"]))
    ax.set_xlabel(t("funnel.median_days", lang))
    ax.set_title(t("funnel.time_title", lang))
    finite = med[np.isfinite(med)]
    ax.set_xlim(0, (finite.max() if finite.size and finite.max() > 0 else 1) * 1.5)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _oriented_minmax(table: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=table.index)
    for key in table.columns:
        x = table[key].astype("float64")
        lo, hi = x.min(), x.max()
        n = (x - lo) / (hi - lo) if hi > lo else x * 0 + 0.5
        out[key] = n if METRICS[key].higher_is_better else 1 - n
    return out


def plot_metric_heatmap(
    table: pd.DataFrame,
    *,
    metrics: list[str] | None = None,
    currency: str | None = None,
    min_group: int = SMALL_GROUP,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """A table of metrics by group (the output of :func:`~journeykit.metrics.metric_table` with
    ``by``), coloured by each metric's standing among the groups (0 = worst, 1 = best, so costs
    are coloured low when high) and written with its value.

    When the table has the ``reach`` column (people in the group), each row label gives its
    ``n``, and the cells of a group with fewer than ``min_group`` people are greyed and left
    out of the colour scale: too few to compare. ``currency`` (the data set's, e.g. ``"IDR"``)
    is named in the labels of money metrics.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"reach": [500, 12], "conversion_rate": [0.1, 0.5],
    ...                   "cost_per_conversion": [9000.0, 1000.0]},
    ...                  index=pd.Index(["social_ads", "store"], name="channel"))
    >>> ax = plot_metric_heatmap(t, metrics=["conversion_rate", "cost_per_conversion"],
    ...                          currency="IDR")
    >>> [x.get_text() for x in ax.get_yticklabels()]
    ['Social ads (n=500)', 'Store (n=12)']
    >>> " ".join(ax.get_xticklabels()[1].get_text().split())
    'Cost per conversion (IDR)'
    """
    lang = check_lang(lang)
    if not isinstance(table, pd.DataFrame):
        raise ValidationError("table", "a DataFrame", type(table).__name__)
    keys = list(metrics) if metrics is not None else [c for c in table.columns if c in METRICS]
    unknown = [k for k in keys if k not in METRICS or k not in table.columns]
    if unknown or not keys:
        raise ValidationError("metrics", "metric columns of the table", repr(unknown or keys))
    data = table[keys]
    sizes = table["reach"].to_numpy(dtype=float) if "reach" in table.columns else None
    small = np.asarray(sizes < min_group) if sizes is not None else np.zeros(len(data), dtype=bool)
    # the colour scale compares the groups big enough to compare
    colour = _oriented_minmax(data[~small]).reindex(data.index) if (~small).any() else data * 0
    ax = new_axes(ax, figsize=(1.25 * len(keys) + 3.5, 0.5 * len(data) + 2.4))
    image = ax.imshow(
        colour.to_numpy(dtype=float), cmap=HEATMAP_CMAP, vmin=0, vmax=1, aspect="auto"
    )
    for i in np.flatnonzero(small):
        ax.add_patch(
            Rectangle((-0.5, i - 0.5), len(keys), 1, facecolor=SMALL_GROUP_GREY, edgecolor="white")
        )
    for i in range(len(data)):
        for j, key in enumerate(keys):
            c = colour.iloc[i, j]
            ax.text(
                j,
                i,
                format_metric(data.iloc[i, j], METRICS[key].unit),
                ha="center",
                va="center",
                fontsize=8,
                color="#444444"
                if small[i]
                else ("black" if np.isfinite(c) and c > 0.6 else "white"),
                fontstyle="italic" if small[i] else "normal",
            )
    names = []
    for k in keys:
        label = METRICS[k].label(lang)
        if currency and METRICS[k].unit.startswith("currency"):
            label = t("plots.in_currency", lang).format(label=label, currency=currency)
        names.append(textwrap.fill(label, 22, break_long_words=False))
    ax.set_xticks(range(len(keys)), names, rotation=30, ha="right", rotation_mode="anchor")
    by = table.index.name
    rows = [_group_label(by, g, lang) for g in data.index]
    if sizes is not None:
        rows = [
            t("plots.group_n", lang).format(group=r, n=f"{n:,.0f}")
            for r, n in zip(rows, sizes, strict=True)
        ]
    ax.set_yticks(range(len(data)), rows)
    ax.set_xlabel(t("metrics.metric", lang))
    ax.set_ylabel(_group_title(by, lang))
    title = t("metrics.heatmap_title", lang).format(group=_group_title(by, lang))
    if small.any():
        title += "\n" + t("plots.small_groups_note", lang).format(n=min_group)
    ax.set_title(title)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04)
    bar.set_label(textwrap.fill(t("metrics.heatmap_scale", lang), 40), fontsize=8)
    return ax


def plot_journey_score(scores: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Horizontal stacked bars: each group's journey score split into the contribution of each
    weighted metric (the ``<key>_contrib`` columns of :func:`~journeykit.score.journey_score`),
    best journey on top."""
    lang = check_lang(lang)
    s = require_columns(scores, "scores", ("score",))
    keys = [c[: -len("_contrib")] for c in s.columns if c.endswith("_contrib")]
    keys = [k for k in keys if k in METRICS]
    if not keys:
        raise ValidationError("scores", "<metric>_contrib columns (from journey_score)")
    ax = new_axes(ax, figsize=(8.5, 0.55 * len(s) + 2))
    y = np.arange(len(s))[::-1]
    left = np.zeros(len(s))
    for i, key in enumerate(keys):
        width = s[f"{key}_contrib"].fillna(0).to_numpy(dtype=float)
        ax.barh(
            y, width, left=left, color=color_for(i), label=METRICS[key].label(lang), height=0.65
        )
        left += width
    for yi, total in zip(y, s["score"], strict=True):
        if np.isfinite(total):
            ax.text(total, yi, f"  {total:.2f}", va="center", fontsize=9)
    by = s.index.name
    rows = [_group_label(by, g, lang) for g in s.index]
    ax.set_yticks(y, rows)
    ax.set_xlabel(t("score.axis", lang))
    ax.set_ylabel(_group_title(by, lang))
    ax.set_title(t("score.title", lang).format(group=_group_title(by, lang)))
    ax.set_xlim(0, max(1.0, float(np.nanmax(left)) if len(left) else 1.0) * 1.15)
    legend_outside(ax)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_retention(
    table: pd.DataFrame,
    *,
    min_group: int = SMALL_GROUP,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """A cohort x period heatmap of :func:`~journeykit.metrics.cohort_retention` (%), with the
    cohort size beside each row; periods not yet observed are left blank. Cohorts of fewer
    than ``min_group`` people are greyed (too few to compare), as on the metric heatmap."""
    lang = check_lang(lang)
    tab = require_columns(table, "table", ("cohort_size",))
    shares = tab.drop(columns="cohort_size")
    values = 100 * shares.to_numpy(dtype=float)
    ax = new_axes(ax, figsize=(0.6 * shares.shape[1] + 3, 0.4 * len(tab) + 2))
    image = ax.imshow(
        values,
        cmap=HEATMAP_CMAP,
        vmin=0,
        vmax=max(1.0, np.nanmax(values) if np.isfinite(values).any() else 1.0),
        aspect="auto",
    )
    small = tab["cohort_size"].to_numpy(dtype=float) < min_group
    for i in np.flatnonzero(small):
        ax.add_patch(
            Rectangle(
                (-0.5, i - 0.5), values.shape[1], 1, facecolor=SMALL_GROUP_GREY, edgecolor="white"
            )
        )
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if np.isfinite(values[i, j]):
                ax.text(
                    j,
                    i,
                    f"{values[i, j]:.0f}",
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="#444444" if small[i] else "white",
                )
    ax.set_xticks(range(shares.shape[1]), [str(c) for c in shares.columns])
    ax.set_yticks(
        range(len(tab)),
        [f"{c} (n={n})" for c, n in zip(tab.index, tab["cohort_size"], strict=True)],
    )
    ax.set_xlabel(t("metrics.periods_after", lang))
    ax.set_ylabel(t("metrics.cohort", lang))
    title = t("metrics.retention_title", lang)
    if small.any():
        title += "\n" + t("plots.small_groups_note", lang).format(n=min_group)
    ax.set_title(title)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.04)
    bar.set_label(t("metrics.retention_pct", lang))
    return ax
