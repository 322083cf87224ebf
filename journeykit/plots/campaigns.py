"""Pictures of campaigns: each campaign's lift with its confidence interval, and the share of
strangers reaching each step before and after a campaign lifts one step.

Every function takes ``lang`` and an optional ``ax`` and returns the Axes; text comes from
:mod:`journeykit.i18n` and the stage labels of :mod:`journeykit.stages`; colours from
:data:`journeykit.plots.style.PALETTE`.

>>> from journeykit import campaigns
>>> eff = campaigns.campaign_effect({s: 0.5 for s in campaigns.CVJ_STEPS}, to_step="convert",
...                                 relative_lift=0.5)
>>> plot_journey_reach(eff, lang="id").get_title()
'Orang asing yang mencapai tiap langkah'
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter

from journeykit.i18n import check_lang, label_map, t
from journeykit.plots.style import PALETTE, new_axes
from journeykit.schema import require_columns
from journeykit.stages import get_model

__all__ = ["plot_lift", "plot_journey_reach", "step_label"]


def step_label(step: str, lang: str = "en") -> str:
    """A Customer Value Journey step's name in ``lang`` (``"stranger"`` included)."""
    if step == "stranger":
        return t("campaigns.stranger", lang)
    return get_model("cvj").stage(step).label(lang)


def plot_lift(comparison: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Each campaign's difference in transition rate, in percentage points, with its interval.

    ``comparison`` is :func:`~journeykit.campaigns.compare_campaigns`; one row per campaign,
    labelled with its name (a preset campaign's label in ``lang``, otherwise its key) and the
    transition it targets. The zero line is "no effect": an
    interval that crosses it is not distinguishable from no effect.
    """
    check_lang(lang)
    df = require_columns(
        comparison,
        "comparison",
        ("campaign", "from_step", "to_step", "difference", "ci_low", "ci_high"),
    )
    ax = new_axes(ax, figsize=(8, 1.2 + 0.7 * len(df)))
    y = np.arange(len(df))
    diff = df["difference"].to_numpy() * 100
    lo = diff - df["ci_low"].to_numpy() * 100
    hi = df["ci_high"].to_numpy() * 100 - diff
    colors = [PALETTE[2] if low > 0 else PALETTE[7] for low in df["ci_low"]]
    for i, colour in enumerate(colors):  # one bar per campaign: a handful of rows
        ax.errorbar(
            diff[i], y[i], xerr=[[lo[i]], [hi[i]]], fmt="o", color=colour, ecolor=colour, capsize=4
        )
    names = label_map("campaign", lang)
    labels = [
        f"{names.get(c, c)}\n{step_label(f, lang)} → {step_label(to, lang)}"
        for c, f, to in zip(df["campaign"], df["from_step"], df["to_step"], strict=True)
    ]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.axvline(0, color=PALETTE[7], linewidth=0.8)
    ax.set_title(t("campaigns.lift_title", lang))
    ax.set_xlabel(t("campaigns.lift_axis", lang))
    ax.set_ylabel(t("campaigns.campaign", lang))
    return ax


def plot_journey_reach(effect: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Share of strangers reaching each step, before and after a campaign (log scale, %).

    ``effect`` is :func:`~journeykit.campaigns.campaign_effect`. The two lines run together up
    to the lifted step and parallel after it: on a log scale one campaign shifts the rest of the
    journey by a constant factor, and the promoters stay a tiny share.
    """
    check_lang(lang)
    df = require_columns(effect, "effect", ("step", "before", "after"))
    ax = new_axes(ax)
    x = np.arange(len(df))
    ax.plot(x, df["before"] * 100, marker="o", color=PALETTE[0], label=t("campaigns.before", lang))
    ax.plot(
        x,
        df["after"] * 100,
        marker="s",
        linestyle="--",
        color=PALETTE[1],
        label=t("campaigns.after", lang),
    )
    for xi, v in zip(x, df["after"] * 100, strict=True):
        ax.annotate(
            f"{v:.3g}", (xi, v), textcoords="offset points", xytext=(0, 6), ha="center", fontsize=8
        )
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}"))
    ax.set_xticks(x, [step_label(s, lang) for s in df["step"]], rotation=30, ha="right")
    ax.set_title(t("campaigns.reach_title", lang))
    ax.set_xlabel(t("stage", lang))
    ax.set_ylabel(t("campaigns.reach_axis", lang))
    ax.legend(frameon=False)
    return ax
