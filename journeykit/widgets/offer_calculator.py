"""The offer calculator: an entry-point offer and its ascension on sliders, LTV and payback live.

The sliders edit an :class:`journeykit.offers.OfferPlan` (start from one of article 004's
presets, :data:`journeykit.offers.PRESETS`, or your own plan) through ``OfferPlan.replace``, so the
plan's own validation refuses impossible combinations (a step bought before the step it
requires) and the widget keeps the last good plan. Every number is the package's:

* closed form: :func:`journeykit.offers.summarize` (first-order profit, lifetime value, LTV/CAC,
  payback month, break-even entry price, expected lifetime) and
  :func:`journeykit.offers.expected_monthly_margin` (profit after the horizon);
* simulation: :func:`journeykit.offers.simulate_cohort` of ``n_customers`` (seeded);
* the picture: :func:`journeykit.plots.offers.plot_cumulative_profit`, closed form and
  simulated cohort on one chart.

>>> calc = OfferCalculator("car_wash", n_customers=200)
>>> calc.entry_price.value = 0.0            # give the first wash away
>>> plan = calc.plan
>>> plan.entry_price, calc.summary.first_order_profit == -(plan.entry_cost + plan.acquisition_cost)
(0.0, True)
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from journeykit import offers
from journeykit.i18n import LABELS, t
from journeykit.offers import AscensionStep, OfferPlan
from journeykit.plots.offers import plot_cumulative_profit
from journeykit.widgets._base import (
    DESCRIPTION_WIDTH,
    TABLE_CSS,
    WidgetBase,
    figure_svg,
    new_figure,
    number_text,
)

__all__ = ["OfferCalculator"]

_CUSTOM = "__custom__"
_PLAN_FIELDS = (
    "entry_price",
    "entry_cost",
    "acquisition_cost",
    "repeat_price",
    "repeat_cost",
    "repeat_rate",
    "monthly_churn",
)
_STEP_FIELDS = ("step_price", "step_cost", "step_share", "step_month")


def _money_range(value: float) -> tuple[float, float]:
    """Slider maximum and step for a money amount: room to quadruple it, in round steps."""
    top = max(4.0 * float(value), 10.0)
    magnitude = 10 ** np.floor(np.log10(top))
    top = float(np.ceil(top / magnitude) * magnitude)
    return top, float(max(top / 400.0, 0.01))


class OfferCalculator(WidgetBase):
    """Entry-point offer economics on sliders: ``OfferCalculator("book")`` or ``OfferCalculator(plan)``.

    Controls (public; set ``.value``): ``preset``; the plan's ``entry_price``, ``entry_cost``,
    ``acquisition_cost``, ``repeat_price``, ``repeat_cost``, ``repeat_rate`` (repeat purchases
    per active month), ``monthly_churn``; the ascension ``step`` chosen and its ``step_price``,
    ``step_cost``, ``step_share``, ``step_month``; ``discount`` (per month), ``months`` (horizon
    of the chart and of the simulation), ``n_customers``, ``seed``.
    Results: ``plan``, ``summary`` (:class:`~journeykit.offers.OfferSummary`), ``expected``
    (:func:`~journeykit.offers.expected_monthly_margin`), ``simulated``
    (:func:`~journeykit.offers.simulate_cohort`), ``comparison`` (closed form beside simulation),
    ``figure``, and the HTML widgets ``plot`` and ``table``.
    """

    def __init__(
        self,
        plan: OfferPlan | str = "book",
        *,
        months: int = 36,
        discount: float = 0.0,
        n_customers: int = 2000,
        seed: int = 42,
        lang: str = "en",
    ) -> None:
        super().__init__(lang=lang)
        self._plans: dict[str, OfferPlan] = dict(offers.PRESETS)
        options = [(self._preset_label(k), k) for k in offers.PRESETS]
        if isinstance(plan, OfferPlan):
            self._plans[_CUSTOM] = plan
            options.append((plan.name, _CUSTOM))
            start = _CUSTOM
        else:
            offers.get_preset(plan)  # an unknown name raises, naming the presets
            start = plan
        self.plan: OfferPlan = self._plans[start]
        self._syncing = False
        wide = {"description_width": DESCRIPTION_WIDTH}
        long = widgets.Layout(width="40em")
        self.preset = widgets.Dropdown(
            options=options, value=start, description=self.label("preset"), style=wide, layout=long
        )
        self.entry_price = self.slider("entry_price", 0, 0, 10, 0.05)
        self.entry_cost = self.slider("entry_cost", 0, 0, 10, 0.05)
        self.acquisition_cost = self.slider("acquisition_cost", 0, 0, 10, 0.05)
        self.repeat_price = self.slider("repeat_price", 0, 0, 10, 0.05)
        self.repeat_cost = self.slider("repeat_cost", 0, 0, 10, 0.05)
        self.repeat_rate = self.slider("repeat_rate", 0, 0, 4, 0.01)
        self.monthly_churn = self.slider("monthly_churn", 0.05, 0, 1, 0.005, readout_format=".3f")
        self.step = widgets.Dropdown(description=self.label("step"), style=wide, layout=long)
        self.step_price = self.slider("step_price", 0, 0, 10, 0.05)
        self.step_cost = self.slider("step_cost", 0, 0, 10, 0.05)
        self.step_share = self.slider("step_share", 0, 0, 1, 0.01)
        self.step_month = self.slider("step_month", 0, 0, 36, 1, integer=True)
        self.discount = self.slider("discount", discount, 0, 0.1, 0.001, readout_format=".3f")
        self.months = self.slider("months", months, 1, 120, 1, integer=True)
        self.n_customers = self.slider("n_customers", n_customers, 100, 20_000, 100, integer=True)
        self.seed = widgets.IntText(value=seed, description=self.label("seed"), style=wide)
        self.plot = widgets.HTML()
        self.table = widgets.HTML()
        for name in ("plot", "table"):
            getattr(self, name).add_class(f"jk-{name}")
        self.summary: offers.OfferSummary | None = None
        self.expected: pd.DataFrame = pd.DataFrame()
        self.simulated: pd.DataFrame = pd.DataFrame()
        self.comparison: pd.DataFrame = pd.DataFrame()
        self.figure: Any = None
        self._show_plan(self.plan)
        names = (*_PLAN_FIELDS, *_STEP_FIELDS, "discount", "months", "n_customers", "seed")
        self._watch({name: getattr(self, name) for name in names})
        self.preset.observe(self._on_preset, names="value")
        self.preset.add_class("jk-preset")
        self.step.observe(self._on_step, names="value")
        self.step.add_class("jk-step")
        self.refresh()

    # --- labels -------------------------------------------------------------------------------
    def _preset_label(self, name: str) -> str:
        key = f"widgets.preset.{name}"
        return t(key, self.lang) if key in LABELS else name

    def _step_label(self, name: str) -> str:
        key = f"offer.step.{name}"
        return t(key, self.lang) if key in LABELS else name

    # --- controls <-> plan ----------------------------------------------------------------------
    def _show_plan(self, plan: OfferPlan) -> None:
        """Put ``plan``'s numbers on the sliders (ranges scaled to them) without recomputing."""
        was, self._syncing = self._syncing, True
        try:
            for name in (
                "entry_price",
                "entry_cost",
                "acquisition_cost",
                "repeat_price",
                "repeat_cost",
            ):
                self._set_money(getattr(self, name), getattr(plan, name))
            self.repeat_rate.max = max(4.0, float(plan.repeat_rate) * 2)
            self.repeat_rate.value = float(plan.repeat_rate)
            self.monthly_churn.value = float(plan.monthly_churn)
            names = [s.name for s in plan.steps]
            self.step.options = [(self._step_label(n), n) for n in names]
            self.step.disabled = not names
            if names:
                self.step.value = names[0]
            self._show_step(plan)
        finally:
            self._syncing = was

    def _set_money(self, control: widgets.FloatSlider, value: float) -> None:
        control.max, control.step = _money_range(value)
        control.value = float(value)

    def _show_step(self, plan: OfferPlan) -> None:
        was, self._syncing = self._syncing, True
        try:
            step = self._selected_step(plan)
            for control in (self.step_price, self.step_cost, self.step_share, self.step_month):
                control.disabled = step is None
            if step is not None:
                self._set_money(self.step_price, step.price)
                self._set_money(self.step_cost, step.unit_cost)
                self.step_cost.max = self.step_price.max
                self.step_share.value = float(step.share)
                self.step_month.max = max(36, int(step.month))
                self.step_month.value = int(step.month)
        finally:
            self._syncing = was

    def _selected_step(self, plan: OfferPlan) -> AscensionStep | None:
        for s in plan.steps:
            if s.name == self.step.value:
                return s
        return None

    def plan_from_controls(self) -> OfferPlan:
        """The plan the sliders describe (validated by :class:`~journeykit.offers.OfferPlan`)."""
        base = self._plans[self.preset.value]
        changes: dict[str, Any] = {name: float(getattr(self, name).value) for name in _PLAN_FIELDS}
        chosen = self._selected_step(base)
        if chosen is not None:
            edited = AscensionStep(
                name=chosen.name,
                price=float(self.step_price.value),
                unit_cost=float(self.step_cost.value),
                share=float(self.step_share.value),
                month=int(self.step_month.value),
                recurring=chosen.recurring,
                requires=chosen.requires,
            )
            # keep the other steps' edits: they live in self.plan
            current = {s.name: s for s in self.plan.steps} if self.plan.name == base.name else {}
            changes["steps"] = tuple(
                edited if s.name == chosen.name else current.get(s.name, s) for s in base.steps
            )
        return base.replace(**changes)

    def _on_preset(self, change: dict[str, Any]) -> None:
        def switch() -> None:
            plan = self._plans[change["new"]]
            self.plan = plan
            self._show_plan(plan)
            self._recompute()

        self._attempt(switch, field="widgets.preset")

    def _on_step(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self._attempt(lambda: self._show_step(self.plan), field="widgets.step")

    # --- recompute --------------------------------------------------------------------------------
    def refresh(self, *, field: str = "") -> bool:
        if self._syncing:
            return True
        return super().refresh(field=field)

    def compute(
        self,
    ) -> tuple[OfferPlan, offers.OfferSummary, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Plan, summary, expected months, simulated cohort and the comparison, without drawing."""
        plan = self.plan_from_controls()
        months = int(self.months.value)
        discount = float(self.discount.value)
        summary = offers.summarize(plan, discount=discount)
        expected = offers.expected_monthly_margin(plan, months=months, discount=0.0)
        simulated = offers.simulate_cohort(
            plan, n_customers=int(self.n_customers.value), months=months, seed=int(self.seed.value)
        )
        comparison = self._comparison(plan, summary, expected, simulated)
        return plan, summary, expected, simulated, comparison

    def _recompute(self) -> None:
        plan, summary, expected, simulated, comparison = self.compute()
        months = int(self.months.value)
        discount = float(self.discount.value)
        fig, ax = new_figure((7.5, 4.2))
        plot_cumulative_profit(
            plan, months=months, discount=discount, simulated=simulated, lang=self.lang, ax=ax
        )
        self.plan, self.summary, self.expected, self.simulated = plan, summary, expected, simulated
        self.comparison, self.figure = comparison, fig
        self.plot.value = figure_svg(fig)
        self.table.value = self._table_html(plan, comparison)

    def _comparison(
        self,
        plan: OfferPlan,
        summary: offers.OfferSummary,
        expected: pd.DataFrame,
        simulated: pd.DataFrame,
    ) -> pd.DataFrame:
        """Rows: each headline number; columns ``closed_form`` and ``simulation`` (NaN = none).

        Payback in the simulation is the first month whose simulated cumulative profit
        (``simulate_cohort``'s own column) reaches zero; over the horizon both are undiscounted.
        """
        paid = np.flatnonzero(simulated["cumulative_profit"].to_numpy() >= -1e-9)
        closed_paid = offers.payback_month(plan, discount=0.0, max_months=len(expected))
        nan = float("nan")
        rows = {
            "first_order_profit": (summary.first_order_profit, nan),
            "profit_after_horizon": (
                float(expected["cumulative_profit"].iloc[-1]),
                float(simulated["cumulative_profit"].iloc[-1]),
            ),
            "payback_month_horizon": (
                nan if closed_paid is None else float(closed_paid),
                float(paid[0]) if paid.size else nan,
            ),
            "lifetime_value": (summary.lifetime_value, nan),
            "net_value": (summary.net_value, nan),
            "ltv_to_cac": (summary.ltv_to_cac, nan),
            "payback_month": (
                nan if summary.payback_month is None else float(summary.payback_month),
                nan,
            ),
            "break_even_entry_price": (summary.break_even_entry_price, nan),
            "expected_lifetime_months": (summary.expected_lifetime_months, nan),
            "ascension_rate": (summary.ascension_rate, nan),
        }
        return pd.DataFrame(
            rows.values(),
            index=pd.Index(list(rows), name="quantity"),
            columns=["closed_form", "simulation"],
        )

    def _table_html(self, plan: OfferPlan, comparison: pd.DataFrame) -> str:
        months = int(self.months.value)
        currency = html.escape(plan.currency)

        def fmt(key: str, value: float) -> str:
            if pd.isna(value):
                return "–"
            if key.startswith("payback"):
                return f"{value:.0f}"
            if key == "ltv_to_cac":
                return "∞" if np.isinf(value) else f"{value:.2f}"
            if key == "ascension_rate":
                return f"{100 * value:.1f} %"
            if key == "expected_lifetime_months":
                return number_text(value, digits=1)
            return f"{number_text(value, digits=2)} {currency}"

        head = (
            f"<tr><th>{html.escape(self.label('quantity'))}</th>"
            f"<th>{html.escape(self.label('closed_form'))}</th>"
            f"<th>{html.escape(self.label('simulation'))} "
            f"({number_text(self.n_customers.value)})</th></tr>"
        )
        rows = []
        for key, row in comparison.iterrows():
            name = self.label(f"offer_row.{key}").format(months=months)
            rows.append(
                f"<tr data-key='{key}'><td>{html.escape(name)}</td>"
                f"<td class='num jk-closed'>{fmt(str(key), row['closed_form'])}</td>"
                f"<td class='num jk-sim'>{fmt(str(key), row['simulation'])}</td></tr>"
            )
        return f"{TABLE_CSS}<table class='jk-table jk-offer'>{head}{''.join(rows)}</table>"

    def _build(self) -> widgets.Widget:
        plan_box = widgets.VBox(
            [self.preset, *(getattr(self, n) for n in _PLAN_FIELDS)],
        )
        step_box = widgets.VBox(
            [self.step, *(getattr(self, n) for n in _STEP_FIELDS)],
        )
        run_box = widgets.VBox([self.discount, self.months, self.n_customers, self.seed])
        controls = widgets.VBox([plan_box, step_box, run_box])
        return widgets.VBox(
            [widgets.HBox([controls, widgets.VBox([self.plot, self.table])]), self.status]
        )
