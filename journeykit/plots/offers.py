"""Pictures of offer economics and onboarding: payback curve, value waterfall, sBG survival fit,
observed value by group, repeat rate by onboarding and time to first value.

Every function takes ``lang`` and an optional ``ax`` and returns the Axes; text comes from
:mod:`journeykit.i18n`, colours from :data:`journeykit.plots.style.PALETTE`. They only draw what
the functions in :mod:`journeykit.offers` and :mod:`journeykit.onboarding` return.

>>> from journeykit.offers import get_preset
>>> ax = plot_cumulative_profit(get_preset("domain"), lang="id")
>>> ax.get_title()
'Laba kumulatif per pelanggan yang diperoleh'
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from journeykit.errors import ValidationError
from journeykit.i18n import LABELS, check_lang, t
from journeykit.offers import (
    OfferPlan,
    SBGFit,
    expected_monthly_margin,
    ltv_components,
    payback_month,
    sbg_forecast,
)
from journeykit.onboarding import OnboardingComparison
from journeykit.plots.style import PALETTE, new_axes
from journeykit.schema import require_columns

__all__ = [
    "plot_cumulative_profit",
    "plot_ltv_waterfall",
    "plot_survival_fit",
    "plot_observed_ltv",
    "plot_repeat_by_onboarding",
    "plot_time_to_first_value",
]


def plot_cumulative_profit(
    plan: OfferPlan,
    *,
    months: int = 24,
    discount: float = 0.0,
    simulated: pd.DataFrame | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Expected cumulative profit per acquired customer by month, the payback month marked.

    The curve starts at entry margin minus acquisition cost (below zero for a loss-leading entry
    offer) and climbs as the customer ascends and repeats. ``simulated``: a
    :func:`~journeykit.offers.simulate_cohort` table to draw beside the closed form (its
    margins discounted at the same ``discount``).
    """
    lang = check_lang(lang)
    df = expected_monthly_margin(plan, months=months, discount=discount)
    ax = new_axes(ax)
    ax.axhline(0, color=PALETTE[7], linewidth=0.8)
    ax.plot(
        df["month"],
        df["cumulative_profit"],
        marker="o",
        markersize=3,
        color=PALETTE[0],
        label=t("offer.expected", lang),
    )
    if simulated is not None:
        sim = require_columns(simulated, "simulated", ("month", "margin_per_customer"))
        factor = (1.0 + float(discount)) ** -sim["month"].to_numpy(dtype=float)
        sim_profit = np.cumsum(sim["margin_per_customer"].to_numpy() * factor)
        ax.plot(
            sim["month"],
            sim_profit - float(plan.acquisition_cost),
            linestyle="--",
            color=PALETTE[1],
            label=t("offer.simulated", lang),
        )
    pb = payback_month(plan, discount=discount, max_months=months)
    if pb is not None:
        ax.axvline(pb, color=PALETTE[2], linestyle=":", linewidth=1.5)
        ax.annotate(
            t("offer.payback", lang).format(month=pb),
            xy=(pb, float(df["cumulative_profit"].iloc[pb])),
            xytext=(8, -14),
            textcoords="offset points",
            color=PALETTE[2],
            fontweight="bold",
        )
    else:
        ax.text(
            0.98,
            0.04,
            t("offer.no_payback", lang).format(months=months),
            transform=ax.transAxes,
            ha="right",
            color=PALETTE[5],
        )
    ax.set_title(t("offer.title.cumulative_profit", lang))
    ax.set_xlabel(t("offer.axis.month", lang))
    ax.set_ylabel(t("offer.axis.profit", lang).format(currency=plan.currency))
    ax.legend(loc="best")
    return ax


def _component_label(name: str, kind: str, lang: str) -> str:
    if kind in ("acquisition", "entry", "repeat"):
        return t(f"offer.component.{kind}", lang)
    key = f"offer.step.{name}"
    return t(key, lang) if key in LABELS else name


def plot_ltv_waterfall(
    plan: OfferPlan,
    *,
    discount: float = 0.0,
    horizon: int | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Waterfall of one acquired customer's expected value: minus the acquisition cost, plus the
    entry margin, each ascension step and the repeat purchases, ending at the net value."""
    lang = check_lang(lang)
    comp = ltv_components(plan, discount=discount, horizon=horizon)
    comp = comp[(comp["value"] != 0) | (comp["kind"].isin(["acquisition", "entry"]))]
    values = comp["value"].to_numpy(dtype=float)
    if not np.isfinite(values).all():
        raise ValidationError(
            "plan", "a finite lifetime value (churn or discount > 0, or a horizon)"
        )
    labels = [
        _component_label(n, k, lang) for n, k in zip(comp["component"], comp["kind"], strict=True)
    ]
    starts = np.concatenate([[0.0], np.cumsum(values)[:-1]])
    net = float(values.sum())
    ax = new_axes(ax, figsize=(9, 4.5))
    x = np.arange(len(values) + 1)
    colours = [PALETTE[5] if v < 0 else PALETTE[2] for v in values]
    ax.bar(x[:-1], values, bottom=starts, color=colours, edgecolor=PALETTE[7], linewidth=0.5)
    ax.bar(x[-1], net, color=PALETTE[0], edgecolor=PALETTE[7], linewidth=0.5)
    for xi, start, v in zip(x, list(starts) + [0.0], list(values) + [net], strict=True):
        ax.annotate(
            f"{v:+,.2f}",
            xy=(xi, start + v if v >= 0 else start + v),
            xytext=(0, 3 if v >= 0 else -3),
            textcoords="offset points",
            ha="center",
            va="bottom" if v >= 0 else "top",
            fontsize=8,
        )
    ends = np.concatenate([starts, starts + values, [0.0, net]])
    pad = 0.12 * (ends.max() - ends.min() or 1.0)
    ax.set_ylim(ends.min() - pad, ends.max() + pad)
    ax.axhline(0, color=PALETTE[7], linewidth=0.8)
    ax.set_xticks(x, labels + [t("offer.component.net", lang)], rotation=20, ha="right")
    ax.set_title(t("offer.title.waterfall", lang))
    ax.set_ylabel(t("offer.axis.value", lang).format(currency=plan.currency))
    return ax


def plot_survival_fit(
    fit: SBGFit,
    *,
    periods: int = 12,
    constant_churn: float | None = None,
    actual: Sequence[float] | None = None,
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Observed survival (share of the cohort still active) against the fitted sBG curve and its
    forecast beyond the data; optionally a constant-churn curve for comparison.

    ``actual``: the cohort's full survival counts from period 0 (including periods held out of
    the fit); those after the fitted ones are drawn as hollow points, to judge the forecast.
    """
    lang = check_lang(lang)
    fc = sbg_forecast(fit, periods)
    ax = new_axes(ax)
    ins = fc[fc["in_sample"]]
    ax.plot(
        fc["period"],
        100 * fc["fitted"],
        color=PALETTE[0],
        label=t("offer.sbg_fit", lang),
    )
    out = fc[~fc["in_sample"]]
    if len(out):
        ax.axvspan(
            ins["period"].max(), fc["period"].max(), color=PALETTE[4], alpha=0.12, linewidth=0
        )
        ax.text(
            out["period"].mean(),
            96,
            t("offer.sbg_forecast", lang),
            ha="center",
            color=PALETTE[0],
        )
    ax.plot(
        ins["period"],
        100 * ins["observed"],
        "o",
        color=PALETTE[1],
        label=t("offer.observed", lang),
    )
    if actual is not None:
        act = np.asarray(actual, dtype=float)
        if act.ndim != 1 or act.size == 0 or not act[0] > 0:
            raise ValidationError("actual", "survival counts from period 0 (first > 0)")
        held = np.arange(len(ins), min(act.size, len(fc)))
        if held.size:
            ax.plot(held, 100 * act[held] / act[0], "o", mfc="none", color=PALETTE[1])
    if constant_churn is not None:
        ax.plot(
            fc["period"],
            100 * (1 - constant_churn) ** fc["period"],
            linestyle="--",
            color=PALETTE[5],
            label=t("offer.constant_churn", lang) + f" ({constant_churn:.0%})",
        )
    ax.set_ylim(0, 100)
    ax.set_title(t("offer.title.survival", lang))
    ax.set_xlabel(t("offer.axis.period", lang))
    ax.set_ylabel(t("offer.axis.still_active_pct", lang))
    ax.legend(loc="lower left")
    return ax


def plot_observed_ltv(
    table: pd.DataFrame,
    *,
    by: str = "acquisition_channel",
    currency: str = "IDR",
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Bars of observed margin per customer by group (from :func:`journeykit.offers.observed_ltv`),
    with the acquisition cost per customer beside them when the table has it."""
    lang = check_lang(lang)
    if by not in ("acquisition_channel", "entry_offer"):
        raise ValidationError("by", "'acquisition_channel' or 'entry_offer'", got=repr(by))
    df = require_columns(table, "table", (by, "margin_per_customer"))
    df = df.sort_values("margin_per_customer", ascending=True)
    names = [
        t(f"channel.{v}", lang) if by == "acquisition_channel" and f"channel.{v}" in LABELS else v
        for v in df[by].astype(str)
    ]
    y = np.arange(len(df))
    ax = new_axes(ax, figsize=(8, 0.45 * len(df) + 1.6))
    has_cac = "acquisition_cost" in df.columns
    h = 0.4 if has_cac else 0.7
    ax.barh(
        y + (h / 2 if has_cac else 0),
        df["margin_per_customer"],
        height=h,
        color=PALETTE[0],
        label=t("offer.margin_per_customer", lang),
    )
    if has_cac:
        ax.barh(
            y - h / 2,
            df["acquisition_cost"],
            height=h,
            color=PALETTE[5],
            label=t("offer.acquisition_cost", lang),
        )
        ax.legend(loc="lower right")
    ax.set_yticks(y, names)
    ax.set_title(t(f"offer.title.ltv_by.{by}", lang))
    ax.set_xlabel(t("offer.axis.margin", lang).format(currency=currency))
    return ax


def plot_repeat_by_onboarding(
    result: OnboardingComparison, *, lang: str = "en", ax: Axes | None = None
) -> Axes:
    """Repeat-purchase rate of customers with and without first value, with Wilson intervals."""
    lang = check_lang(lang)
    if not isinstance(result, OnboardingComparison):
        raise ValidationError(
            "result",
            "an OnboardingComparison (from repeat_by_onboarding)",
            got=type(result).__name__,
        )
    tab = result.table.sort_values("onboarded", kind="stable")  # False (not onboarded) first
    rate = 100 * tab["repeat_rate"].to_numpy(dtype=float)
    low = 100 * tab["ci_low"].to_numpy(dtype=float)
    high = 100 * tab["ci_high"].to_numpy(dtype=float)
    ax = new_axes(ax, figsize=(6, 4.5))
    x = np.arange(2)
    ax.bar(x, rate, color=[PALETTE[5], PALETTE[2]], width=0.6)
    ax.errorbar(
        x,
        rate,
        yerr=[rate - low, high - rate],
        fmt="none",
        ecolor=PALETTE[7],
        capsize=6,
        label=t("onboarding.ci", lang).format(pct=int(round(100 * result.confidence))),
    )
    for xi, r, n in zip(x, rate, tab["customers"], strict=True):
        ax.annotate(
            f"{r:.1f}%\nn={n:,}", xy=(xi, r), xytext=(18, 2), textcoords="offset points", fontsize=9
        )
    ax.set_xticks(x, [t("onboarding.not_onboarded", lang), t("onboarding.onboarded", lang)])
    ax.set_ylim(0, min(100, max(high.max() if np.isfinite(high).any() else 0, 1) * 1.2))
    ax.set_title(t("onboarding.title.repeat", lang))
    ax.set_ylabel(t("onboarding.axis.repeat_pct", lang))
    ax.legend(loc="upper left")
    return ax


def plot_time_to_first_value(
    table: pd.DataFrame, *, bins: int = 30, lang: str = "en", ax: Axes | None = None
) -> Axes:
    """Histogram of days from the first order to first value
    (from :func:`journeykit.onboarding.first_value_table`), the median marked."""
    lang = check_lang(lang)
    df = require_columns(table, "table", ("days_to_first_value",))
    days = df["days_to_first_value"].dropna().to_numpy(dtype=float)
    ax = new_axes(ax)
    if len(days):
        ax.hist(days, bins=bins, color=PALETTE[0], edgecolor="white")
        med = float(np.median(days))
        ax.axvline(med, color=PALETTE[1], linestyle="--", linewidth=2)
        ax.text(
            med,
            ax.get_ylim()[1] * 0.92,
            " " + t("onboarding.median", lang).format(days=med),
            color=PALETTE[1],
        )
    ax.set_title(t("onboarding.title.ttfv", lang))
    ax.set_xlabel(t("onboarding.axis.ttfv_days", lang))
    ax.set_ylabel(t("onboarding.axis.customers", lang))
    return ax
