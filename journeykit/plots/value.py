"""Pictures of customer value in a non-contractual shop: P(alive) over recency and frequency,
and the BG/NBD calibration/holdout check.

>>> from journeykit.value import BGNBDFit
>>> ax = plot_p_alive_matrix(BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426), T=38.86)
>>> ax.get_xlabel()
'Recency: first to last purchase (weeks)'
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from journeykit.errors import ValidationError
from journeykit.i18n import check_lang, t
from journeykit.plots.style import PALETTE, new_axes
from journeykit.schema import require_columns
from journeykit.value import BGNBDFit
from journeykit.value.mle import positive

__all__ = ["plot_p_alive_matrix", "plot_calibration_holdout"]


def _unit(period: str, lang: str) -> str:
    if period not in ("W", "D"):
        raise ValidationError("period", "'W' or 'D'", got=repr(period))
    return t(f"value.unit.{period.lower()}", lang)


def plot_p_alive_matrix(
    fit: BGNBDFit,
    *,
    T: float,
    max_frequency: int = 20,
    period: str = "W",
    lang: str = "en",
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of P(alive) for customers of age ``T`` periods: recency 0..T across, frequency
    0..``max_frequency`` up. Frequent buyers who have gone quiet (top left) are the likely losses."""
    lang = check_lang(lang)
    if not isinstance(fit, BGNBDFit):
        raise ValidationError("fit", "a BGNBDFit (from fit_bgnbd)", got=type(fit).__name__)
    T = positive("T", T)
    if not isinstance(max_frequency, int) or max_frequency < 1:
        raise ValidationError("max_frequency", "a whole number >= 1", got=repr(max_frequency))
    unit = _unit(period, lang)
    freq = np.arange(max_frequency + 1, dtype=float)
    rec = np.linspace(0.0, T, 60)
    x, tx = np.meshgrid(freq, rec, indexing="ij")
    tx = np.where(x == 0, 0.0, tx)
    grid = pd.DataFrame({"frequency": x.ravel(), "recency": tx.ravel(), "T": T})
    p = fit.p_alive(grid).to_numpy().reshape(x.shape)
    ax = new_axes(ax, figsize=(8, 5))
    mesh = ax.pcolormesh(rec, freq, p, cmap="viridis", vmin=0, vmax=1, shading="nearest")
    ax.figure.colorbar(mesh, ax=ax, label=t("value.axis.p_alive", lang))
    ax.set_xlabel(t("value.axis.recency", lang).format(unit=unit))
    ax.set_ylabel(t("value.axis.frequency", lang))
    ax.set_title(t("value.title.p_alive", lang).format(T=round(T, 2), unit=unit))
    return ax


def plot_calibration_holdout(
    table: pd.DataFrame, *, lang: str = "en", ax: Axes | None = None
) -> Axes:
    """Actual and predicted mean holdout purchases by calibration frequency (the table of
    :func:`journeykit.value.calibration_holdout`; its last row means "that many or more")."""
    lang = check_lang(lang)
    df = require_columns(table, "table", ("frequency", "actual", "predicted"))
    ax = new_axes(ax, figsize=(8, 4.5))
    pos = np.arange(len(df))
    ax.plot(pos, df["actual"], marker="o", color=PALETTE[0], label=t("value.actual", lang))
    ax.plot(
        pos,
        df["predicted"],
        marker="s",
        linestyle="--",
        color=PALETTE[1],
        label=t("value.predicted", lang),
    )
    ticks = [str(int(v)) for v in df["frequency"]]
    if ticks:
        ticks[-1] = t("value.or_more", lang).format(n=ticks[-1])
    ax.set_xticks(pos, ticks)
    ax.set_xlabel(t("value.axis.calibration_frequency", lang))
    ax.set_ylabel(t("value.axis.holdout_purchases", lang))
    ax.set_title(t("value.title.holdout", lang))
    ax.legend()
    return ax
