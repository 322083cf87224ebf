"""The referral-loop simulator: sliders for the loop, the closed form beside the simulation.

Every change calls :func:`journeykit.referrals.growth_table` (the closed form),
:func:`journeykit.referrals.simulate_growth` and :func:`journeykit.referrals.simulation_summary`
with the slider values — the same calls a learner can type — and shows both answers side by
side: a table (K, steady state, users after the last cycle) and the growth curves over days.

>>> sim = ReferralSimulator(runs=50)
>>> sim.invite_conversion.value = 0.5          # K = 2 invites x 0.5 = 1.0
>>> float(sim.summary.loc["k", "closed_form"])
1.0
>>> sim.cycles.value = 3
>>> float(sim.closed.total_users.iloc[-1])    # 100 * (3 + 1) with K = 1
400.0
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from journeykit import referrals
from journeykit.plots.referrals import plot_growth
from journeykit.widgets._base import (
    DESCRIPTION_WIDTH,
    TABLE_CSS,
    WidgetBase,
    figure_svg,
    new_figure,
    number_text,
)

__all__ = ["ReferralSimulator"]

_SUMMARY_ROWS = ("k", "steady_state", "total_users", "active_users")


class ReferralSimulator(WidgetBase):
    """Sliders for a referral loop; closed-form and simulated growth update live.

    Controls (public, set their ``.value`` to drive the widget): ``n0``, ``invites_per_user``,
    ``invite_conversion``, ``churn``, ``cycle_time_days``, ``cycles``, ``runs``, ``seed``.
    Results: ``closed`` (:func:`~journeykit.referrals.growth_table`), ``simulated``
    (:func:`~journeykit.referrals.simulation_summary` of total users), ``simulated_active``
    (the same for active users), ``summary`` (rows ``k``, ``steady_state``, ``total_users``,
    ``active_users``; columns ``closed_form``, ``simulation_mean``, ``simulation_p05``,
    ``simulation_p95``), ``figure`` (the matplotlib Figure shown) and ``plot``/``table``
    (the HTML widgets showing them).

    ``tables`` (optional): start the sliders at the K measured on data
    (:func:`journeykit.referrals.observed_k`, per customer: the course's K).
    """

    def __init__(
        self,
        tables: Any | None = None,
        *,
        n0: int = 100,
        invites_per_user: float = 2.0,
        invite_conversion: float = 0.25,
        churn: float = 0.0,
        cycle_time_days: float = 7.0,
        cycles: int = 10,
        runs: int = 200,
        seed: int = 42,
        lang: str = "en",
    ) -> None:
        super().__init__(lang=lang)
        if tables is not None:
            measured = referrals.observed_k(tables)
            if measured.n_base and measured.invites:
                invites_per_user = round(float(measured.invites_per_user), 1)
                invite_conversion = round(float(measured.invite_conversion), 2)
        self.n0 = self.slider("n0", n0, 1, 10_000, 1, integer=True)
        self.invites_per_user = self.slider("invites_per_user", invites_per_user, 0.0, 10.0, 0.1)
        self.invite_conversion = self.slider("invite_conversion", invite_conversion, 0.0, 1.0, 0.01)
        self.churn = self.slider("churn", churn, 0.0, 1.0, 0.01)
        self.cycle_time_days = self.slider("cycle_time_days", cycle_time_days, 0.5, 90.0, 0.5)
        self.cycles = self.slider("cycles", cycles, 1, 52, 1, integer=True)
        self.runs = self.slider("runs", runs, 10, 2000, 10, integer=True)
        self.seed = widgets.IntText(
            value=seed,
            description=self.label("seed"),
            style={"description_width": DESCRIPTION_WIDTH},
        )
        self.k_text = widgets.HTML()
        self.table = widgets.HTML()
        self.plot = widgets.HTML()
        self.closed: pd.DataFrame = pd.DataFrame()
        self.simulated: pd.DataFrame = pd.DataFrame()
        self.simulated_active: pd.DataFrame = pd.DataFrame()
        self.summary: pd.DataFrame = pd.DataFrame()
        self.figure = None
        self._watch({name: getattr(self, name) for name in _FIELDS})
        self.refresh()

    def _build(self) -> widgets.Widget:
        numbers = widgets.VBox([self.k_text, self.table], layout=widgets.Layout(margin="0 0 0 2em"))
        top = widgets.HBox([widgets.VBox(list(self.controls)), numbers])
        return widgets.VBox([top, self.status, self.plot])

    def compute(self) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        """Closed form, simulated totals, simulated actives and the summary, without drawing."""
        params = dict(
            n0=int(self.n0.value),
            invites_per_user=float(self.invites_per_user.value),
            invite_conversion=float(self.invite_conversion.value),
            churn=float(self.churn.value),
            cycle_time_days=float(self.cycle_time_days.value),
            cycles=int(self.cycles.value),
        )
        closed = referrals.growth_table(**params)
        sim = referrals.simulate_growth(
            **params, runs=int(self.runs.value), seed=int(self.seed.value)
        )
        total = referrals.simulation_summary(sim, column="total_users")
        active = referrals.simulation_summary(sim, column="active_users")
        k = referrals.viral_coefficient(params["invites_per_user"], params["invite_conversion"])
        steady = referrals.steady_state(n0=params["n0"], k=k) if k < 1 else float("nan")
        last_t, last_a = total.iloc[-1], active.iloc[-1]
        summary = pd.DataFrame(
            {
                "closed_form": [
                    k,
                    steady,
                    closed.total_users.iloc[-1],
                    closed.active_users.iloc[-1],
                ],
                "simulation_mean": [np.nan, np.nan, last_t["mean"], last_a["mean"]],
                "simulation_p05": [np.nan, np.nan, last_t["p05"], last_a["p05"]],
                "simulation_p95": [np.nan, np.nan, last_t["p95"], last_a["p95"]],
            },
            index=pd.Index(_SUMMARY_ROWS, name="quantity"),
        )
        return closed, total, active, summary

    def _recompute(self) -> None:
        closed, total, active, summary = self.compute()
        k, steady = summary.loc["k", "closed_form"], summary.loc["steady_state", "closed_form"]
        figure = self._draw(closed, total, active, steady)
        # everything computed: only now replace the shown state
        self.closed, self.simulated, self.simulated_active = closed, total, active
        self.summary, self.figure = summary, figure
        self.table.value = self._table_html(summary)
        self.plot.value = figure_svg(figure)
        self.k_text.value = (
            f"<b>{html.escape(self.label('viral_k'))}</b> = "
            f"<span class='jk-k'>{number_text(k, digits=2)}</span>"
        )

    def _table_html(self, summary: pd.DataFrame) -> str:
        names = {
            "k": self.label("viral_k"),
            "steady_state": self.label("steady_state"),
            "total_users": self.label("total_after"),
            "active_users": self.label("active_after"),
        }
        rows = []
        for key, row in summary.iterrows():
            closed = row["closed_form"]
            digits = 2 if key == "k" else 0
            closed_txt = (
                self.label("no_steady_state")
                if key == "steady_state" and pd.isna(closed)
                else number_text(closed, digits=digits)
            )
            if pd.isna(row["simulation_mean"]):
                sim_txt = "–"
            else:
                sim_txt = (
                    f"{number_text(row['simulation_mean'])} "
                    f"({number_text(row['simulation_p05'])}–{number_text(row['simulation_p95'])})"
                )
            rows.append(
                f"<tr data-key='{key}'><th>{html.escape(names[str(key)])}</th>"
                f"<td class='jk-closed'>{html.escape(closed_txt)}</td>"
                f"<td class='jk-sim'>{html.escape(sim_txt)}</td></tr>"
            )
        head = (
            f"<tr><th>{html.escape(self.label('quantity'))}</th>"
            f"<th>{html.escape(self.label('closed_form'))}</th>"
            f"<th>{html.escape(self.label('simulation'))} (5–95 %)</th></tr>"
        )
        return f"{TABLE_CSS}<table class='jk-table jk-referral'>{head}{''.join(rows)}</table>"

    def _draw(
        self, closed: pd.DataFrame, total: pd.DataFrame, active: pd.DataFrame, steady: float
    ) -> Any:
        """Who ever joined (with the steady state) and who is still active, over days."""
        fig, (left, right) = new_figure((10.0, 3.8), ncols=2)
        plot_growth(
            closed,
            total,
            column="total_users",
            steady_state=None if np.isnan(steady) else steady,
            x="day",
            lang=self.lang,
            ax=left,
        )
        plot_growth(closed, active, column="active_users", x="day", lang=self.lang, ax=right)
        right.set_title(self.label("active_users").capitalize())
        return fig


_FIELDS = (
    "n0",
    "invites_per_user",
    "invite_conversion",
    "churn",
    "cycle_time_days",
    "cycles",
    "runs",
    "seed",
)
