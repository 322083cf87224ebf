"""Pictures of referral loops: growth over cycles (closed form beside simulation), growth for
several K, users by referral generation, cycle times, and reward cost against paid acquisition.

Every function takes ``lang`` and an optional ``ax`` and returns the Axes; text comes from
:mod:`journeykit.i18n`, colours from :data:`journeykit.plots.style.PALETTE`. They only draw what
the functions of :mod:`journeykit.referrals` return.

>>> from journeykit import referrals
>>> ax = plot_growth(referrals.growth_table(cycles=5), lang="id")
>>> ax.get_title()
'Loop rujukan: pengguna per siklus'
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from journeykit.errors import SchemaError
from journeykit.i18n import check_lang, t
from journeykit.plots.style import PALETTE, new_axes
from journeykit.schema import require_columns

__all__ = [
    "plot_growth",
    "plot_growth_by_k",
    "plot_generations",
    "plot_cycle_times",
    "plot_acquisition_costs",
]


def plot_growth(
    closed: pd.DataFrame,
    simulated: pd.DataFrame | None = None,
    *,
    column: str = "total_users",
    steady_state: float | None = None,
    x: str = "cycle",
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Users per cycle: the closed form (:func:`~journeykit.referrals.growth_table`) as a line,
    a simulation (:func:`~journeykit.referrals.simulation_summary` of the same ``column``) as
    its mean and 5-95 % band, and the steady state ``n0 / (1 - K)`` as a dashed line when given.

    ``column``: ``"total_users"`` (who ever joined) or ``"active_users"``; ``x``: ``"cycle"`` or
    ``"day"`` (calendar time).
    """
    check_lang(lang)
    if x not in ("cycle", "day"):
        raise SchemaError("closed", x, "x: expected 'cycle' or 'day'")
    closed = require_columns(closed, "closed", (x, column))
    ax = new_axes(ax)
    ax.plot(
        closed[x],
        closed[column],
        marker="o",
        markersize=3,
        color=PALETTE[0],
        label=t("referrals.closed_form", lang),
    )
    if simulated is not None:
        sim = require_columns(simulated, "simulated", (x, "mean", "p05", "p95"))
        ax.fill_between(
            sim[x],
            sim["p05"],
            sim["p95"],
            color=PALETTE[1],
            alpha=0.25,
            label=t("referrals.sim_band", lang),
        )
        ax.plot(
            sim[x],
            sim["mean"],
            linestyle="--",
            color=PALETTE[5],
            label=t("referrals.sim_mean", lang),
        )
    if steady_state is not None and np.isfinite(steady_state):
        ax.axhline(
            steady_state, color=PALETTE[2], linestyle=":", label=t("referrals.steady_state", lang)
        )
    ax.set_title(t("referrals.growth_title", lang))
    ax.set_xlabel(t("referrals.cycle" if x == "cycle" else "referrals.day", lang))
    ax.set_ylabel(t("referrals.users" if column == "total_users" else "referrals.active", lang))
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False)
    return ax


def plot_growth_by_k(
    table: pd.DataFrame, *, log: bool = False, lang: str = "en", ax: Axes | None = None
) -> Axes:
    """Total users over cycles, one line per K (:func:`~journeykit.referrals.growth_by_k`).

    ``log=True`` draws the users on a log scale, where geometric growth is a straight line.
    """
    check_lang(lang)
    table = require_columns(table, "table", ("k", "cycle", "total_users"))
    ax = new_axes(ax)
    for i, (k, g) in enumerate(table.groupby("k", sort=True)):
        ax.plot(
            g["cycle"],
            g["total_users"],
            marker="o",
            markersize=3,
            color=PALETTE[i % len(PALETTE)],
            label=f"K = {k:g}",
        )
    if log:
        ax.set_yscale("log")
    ax.set_title(t("referrals.k_compare_title", lang))
    ax.set_xlabel(t("referrals.cycle", lang))
    ax.set_ylabel(t("referrals.users", lang))
    ax.legend(frameon=False)
    return ax


def plot_generations(counts: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Users per referral generation (:func:`~journeykit.referrals.generation_counts`), log scale."""
    check_lang(lang)
    counts = require_columns(counts, "counts", ("generation", "users"))
    ax = new_axes(ax)
    ax.bar(counts["generation"], counts["users"], color=PALETTE[0])
    for gx, n in zip(counts["generation"], counts["users"], strict=True):
        ax.annotate(f"{int(n):,}", (gx, n), ha="center", va="bottom", fontsize=9)
    ax.set_yscale("log")
    ax.set_xticks(counts["generation"])
    ax.set_title(t("referrals.generations_title", lang))
    ax.set_xlabel(t("referrals.generation", lang))
    ax.set_ylabel(t("axis.users", lang) + " (log)")
    return ax


def plot_cycle_times(
    times: pd.DataFrame, *, bins: int = 30, lang: str = "en", ax: Axes | None = None
) -> Axes:
    """Histograms of the two referral clocks (:func:`~journeykit.referrals.cycle_times`), in days."""
    check_lang(lang)
    times = require_columns(times, "times", ("invite_to_signup_days", "cycle_days"))
    ax = new_axes(ax)
    for i, (col, key) in enumerate(
        (
            ("invite_to_signup_days", "referrals.invite_to_signup"),
            ("cycle_days", "referrals.cycle_days"),
        )
    ):
        vals = times[col].dropna()
        if len(vals):
            ax.hist(vals, bins=bins, alpha=0.6, color=PALETTE[i], label=t(key, lang))
            ax.axvline(vals.median(), color=PALETTE[i], linestyle="--")
    ax.set_title(t("referrals.cycle_time_title", lang))
    ax.set_xlabel(t("axis.days", lang))
    ax.set_ylabel(t("axis.count", lang))
    ax.legend(frameon=False)
    return ax


def plot_acquisition_costs(
    table: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None
) -> Axes:
    """Cost of one new customer per route (:func:`~journeykit.referrals.acquisition_cost_comparison`)."""
    check_lang(lang)
    table = require_columns(table, "table", ("cost_per_customer",))
    ax = new_axes(ax, figsize=(8, 3))
    routes = list(table.index)
    labels = [t(f"referrals.route.{r}", lang) for r in routes]
    colors = [PALETTE[5] if r == "paid" else PALETTE[2] for r in routes]
    ax.barh(labels, table["cost_per_customer"], color=colors)
    for y, v in enumerate(table["cost_per_customer"]):
        ax.annotate(f" {v:,.2f}", (v, y), va="center", fontsize=9)
    ax.invert_yaxis()
    ax.set_title(t("referrals.cost_title", lang))
    ax.set_xlabel(t("referrals.cost_axis", lang))
    return ax
