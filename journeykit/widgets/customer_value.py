"""Customer value explorer: move one customer's frequency, recency and age, see P(alive) and
expected purchases from a BG/NBD model.

Every number is the package's: :meth:`journeykit.value.BGNBDFit.p_alive`,
:meth:`~journeykit.value.BGNBDFit.expected_purchases` and
:meth:`~journeykit.value.BGNBDFit.expected_purchases_new`; the picture is P(alive) against
recency for the chosen frequency and age, this customer marked. A recency beyond the age, or a
recency with no repeat purchase, is refused in the status line (the last good state stays).

>>> from journeykit.value import BGNBDFit
>>> w = CustomerValueExplorer(BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426), T=38.86)
>>> w.frequency.value, w.recency.value = 2, 30.43
>>> round(w.result["p_alive"], 3), round(w.result["expected_purchases"], 3)
(0.727, 1.226)
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
import pandas as pd

from journeykit.errors import ValidationError
from journeykit.i18n import t
from journeykit.plots.style import PALETTE
from journeykit.value import BGNBDFit
from journeykit.value.mle import positive
from journeykit.widgets._base import TABLE_CSS, WidgetBase, figure_svg, new_figure

__all__ = ["CustomerValueExplorer"]


class CustomerValueExplorer(WidgetBase):
    """``CustomerValueExplorer(fit, T=39, horizon=39)``: one customer on sliders.

    Controls (public; set ``.value``): ``frequency`` (repeat purchases), ``recency`` (periods
    from the first to the last purchase), ``age`` (T, periods since the first purchase),
    ``horizon`` (periods ahead). Results: ``result`` (a dict with ``p_alive``,
    ``expected_purchases``, ``expected_purchases_new``), ``figure``, and the HTML widgets
    ``plot`` and ``table``. ``period`` ("W" or "D") only names the unit on the chart.
    """

    def __init__(
        self,
        fit: BGNBDFit,
        *,
        T: float = 39.0,
        horizon: float = 39.0,
        frequency: int = 2,
        period: str = "W",
        lang: str = "en",
    ) -> None:
        super().__init__(lang=lang)
        if not isinstance(fit, BGNBDFit):
            raise ValidationError("fit", "a BGNBDFit (from fit_bgnbd)", got=type(fit).__name__)
        if period not in ("W", "D"):
            raise ValidationError("period", "'W' or 'D'", got=repr(period))
        self.fit = fit
        self.period = period
        T = positive("T", T)
        top = float(np.ceil(2 * T))
        self.frequency = self.slider("value_frequency", frequency, 0, 60, 1, integer=True)
        self.recency = self.slider("value_recency", round(0.75 * T, 1), 0, top, 0.1)
        self.age = self.slider("value_age", T, 0.1, top, 0.1)
        self.horizon = self.slider("value_horizon", positive("horizon", horizon), 1, 4 * top, 1)
        self.plot = widgets.HTML()
        self.table = widgets.HTML()
        self.result: dict[str, float] = {}
        self.figure = None
        self._watch(
            {
                "frequency": self.frequency,
                "recency": self.recency,
                "age": self.age,
                "horizon": self.horizon,
            },
            field=lambda name: f"widgets.value_{name}",
        )
        self.refresh()

    def customer(self) -> pd.DataFrame:
        """The customer on the sliders as a one-row RFM table."""
        return pd.DataFrame(
            {
                "frequency": [float(self.frequency.value)],
                "recency": [float(self.recency.value)],
                "T": [float(self.age.value)],
            }
        )

    def compute(self) -> dict[str, float]:
        """P(alive) and expected purchases of the customer on the sliders, without drawing."""
        rfm = self.customer()
        h = float(self.horizon.value)
        return {
            "p_alive": float(self.fit.p_alive(rfm).iloc[0]),
            "expected_purchases": float(self.fit.expected_purchases(rfm, h).iloc[0]),
            "expected_purchases_new": self.fit.expected_purchases_new(h),
        }

    def _recompute(self) -> None:
        result = self.compute()
        x, T = float(self.frequency.value), float(self.age.value)
        rec = np.linspace(0.0, T, 80) if x > 0 else np.zeros(1)
        curve = self.fit.p_alive(pd.DataFrame({"frequency": x, "recency": rec, "T": T})).to_numpy()
        unit = t(f"value.unit.{self.period.lower()}", self.lang)
        fig, ax = new_figure((6.5, 3.4))
        ax.plot(rec, curve, color=PALETTE[0], marker="o" if x == 0 else None)
        ax.plot(
            [float(self.recency.value)],
            [result["p_alive"]],
            "o",
            color=PALETTE[5],
            markersize=9,
            label=t("value.this_customer", self.lang),
        )
        ax.set_ylim(0, 1.05)
        ax.set_xlabel(t("value.axis.recency", self.lang).format(unit=unit))
        ax.set_ylabel(t("value.axis.p_alive", self.lang))
        ax.set_title(t("value.title.p_alive", self.lang).format(T=round(T, 2), unit=unit))
        ax.legend(loc="lower right")
        self.result, self.figure = result, fig
        self.plot.value = figure_svg(fig)
        h = float(self.horizon.value)
        rows = [
            ("p_alive", f"{100 * result['p_alive']:.1f} %"),
            ("expected_purchases", f"{result['expected_purchases']:.3f}"),
            ("expected_purchases_new", f"{result['expected_purchases_new']:.3f}"),
        ]
        body = "".join(
            f"<tr data-key='{key}'><td>{html.escape(self.label(f'value_row.{key}').format(h=h))}"
            f"</td><td class='num'>{text}</td></tr>"
            for key, text in rows
        )
        self.table.value = f"{TABLE_CSS}<table class='jk-table jk-value'>{body}</table>"

    def _build(self) -> widgets.Widget:
        controls = widgets.VBox([self.frequency, self.recency, self.age, self.horizon])
        return widgets.VBox([controls, self.plot, self.table, self.status])
