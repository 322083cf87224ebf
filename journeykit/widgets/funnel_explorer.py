"""The funnel explorer: filter people, pick a stage model, see the funnel and per-stage metrics.

Filters select **people** (never single events), with the same groups as the package's
breakdowns (:func:`journeykit.funnels.user_groups`): persona from the users table, channel,
device and campaign of the first touch, and the date each person was first seen
(``users.first_seen``). The funnel is :func:`journeykit.funnels.stage_funnel` and the metrics
those :func:`journeykit.metrics.stage_metrics` lists for each stage of the model, on the selected
people's data — :meth:`FunnelExplorer.selected_tables` gives that data, so every number can be
recomputed by hand::

    sel = explorer.selected_tables()
    stage_funnel(sel.events, "five")          # == explorer.funnel
    stage_metrics(sel, "five")                # == explorer.metrics

Moving a filter is fast because the work no filter changes is done once per tables object
(:func:`journeykit.widgets._base.prepared`): per-person facts
(:func:`journeykit.metrics.user_facts`), first-touch groups, and each person's furthest
Customer Value Journey step. A stage funnel depends only on that furthest step, so the funnel
of a selection is ``stage_funnel`` on one row per selected person.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from journeykit import funnels, metrics
from journeykit.i18n import t
from journeykit.personas import display_name
from journeykit.plots.style import PALETTE
from journeykit.schema import CHANNELS, DEVICES, Tables
from journeykit.stages import CVJ_STEPS, MODELS, StageModel, get_model
from journeykit.widgets._base import (
    TABLE_CSS,
    WidgetBase,
    figure_svg,
    new_figure,
    number_text,
    prepared,
    table_of,
)

__all__ = ["FunnelExplorer", "FunnelData", "prepare_funnel_data"]

ALL = "__all__"
FILTERS: tuple[str, ...] = ("persona", "channel", "device", "campaign")
"""The group filters, each a breakdown of :data:`journeykit.funnels.BREAKDOWNS`."""


@dataclass(frozen=True)
class FunnelData:
    """What no filter changes, computed once per tables object.

    ``people``: one row per person with an event, index ``user_id``; columns ``persona``,
    ``channel``, ``device``, ``campaign`` (first-touch groups as
    :func:`journeykit.funnels.user_groups`, categorical), ``first_seen`` (datetime) and
    ``furthest_step`` (the furthest Customer Value Journey step reached).
    ``furthest``: the same people as a two-column events-like table (``user_id``, ``stage`` =
    furthest step), the input :func:`journeykit.funnels.stage_funnel` needs.
    ``facts``: :func:`journeykit.metrics.user_facts` on the same people, as floats.
    """

    people: pd.DataFrame
    furthest: pd.DataFrame
    facts: pd.DataFrame


def prepare_funnel_data(tables: Tables | dict[str, pd.DataFrame]) -> FunnelData:
    """The filter-independent part of the explorer (cached per tables object by the widget)."""
    events = table_of(tables, "events")
    users = table_of(tables, "users")
    reached = funnels.stage_reached(events, "cvj")
    people = pd.Index(reached.index, name="user_id")
    frame = pd.DataFrame(
        {
            by: pd.Categorical(funnels.user_groups(events, by, users=users).reindex(people))
            for by in FILTERS
        },
        index=people,
    )
    us = funnels.checked_columns("users", users, ["user_id", "first_seen"])
    frame["first_seen"] = us.set_index("user_id")["first_seen"].reindex(people)
    steps = pd.array(np.asarray(CVJ_STEPS, dtype=object)[reached.to_numpy()], dtype="string")
    frame["furthest_step"] = steps
    furthest = pd.DataFrame({"user_id": people.to_numpy(), "stage": steps})
    facts = metrics.user_facts(tables).reindex(people).astype("float64")
    return FunnelData(people=frame, furthest=furthest, facts=facts)


def _format(value: float, unit: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    if unit == "share":
        return f"{100 * value:,.1f} %"
    if unit == "percent":
        return f"{100 * value:,.1f}"
    if unit in ("people", "events", "orders", "points", "rank"):
        return number_text(value)
    if unit.startswith("currency"):
        return number_text(value, digits=0 if abs(value) >= 100 else 2)
    if unit == "days":
        return number_text(value, digits=1)
    return number_text(value, digits=2)


class FunnelExplorer(WidgetBase):
    """Filter people and watch the stage funnel and per-stage metrics: ``FunnelExplorer(tables)``.

    Controls (public; set ``.value``): ``persona``, ``channel``, ``device``, ``campaign``
    (dropdowns, ``"__all__"`` = no filter), ``date_from`` and ``date_to`` (first-seen dates,
    inclusive; None = open), ``stage_model``. Results: ``selected`` (the selected ``user_id``\\ s),
    ``funnel`` (:func:`~journeykit.funnels.stage_funnel`), ``metrics`` (rows as
    :func:`~journeykit.metrics.stage_metrics`), ``figure`` and the HTML widgets ``plot``,
    ``funnel_table``, ``metrics_table``, ``summary``.
    """

    def __init__(
        self,
        tables: Tables | dict[str, pd.DataFrame],
        *,
        stage_model: str | StageModel = "five",
        lang: str = "en",
    ) -> None:
        super().__init__(lang=lang)
        self.tables = tables
        self.data: FunnelData = prepared(tables, "funnel_explorer", prepare_funnel_data)
        people = self.data.people
        style = {"description_width": "11em"}
        self.persona = widgets.Dropdown(
            options=self._options("persona"), description=t("breakdown.persona", lang), style=style
        )
        self.channel = widgets.Dropdown(
            options=self._options("channel"), description=t("breakdown.channel", lang), style=style
        )
        self.device = widgets.Dropdown(
            options=self._options("device"), description=t("breakdown.device", lang), style=style
        )
        self.campaign = widgets.Dropdown(
            options=self._options("campaign"),
            description=t("breakdown.campaign", lang),
            style=style,
        )
        first = people["first_seen"].min()
        last = people["first_seen"].max()
        self.date_from = widgets.DatePicker(
            value=None if pd.isna(first) else first.date(),
            description=self.label("date_from"),
            style=style,
        )
        self.date_to = widgets.DatePicker(
            value=None if pd.isna(last) else last.date(),
            description=self.label("date_to"),
            style=style,
        )
        model = get_model(stage_model)
        options = [(m.name(lang), key) for key, m in MODELS.items()]
        self._models = dict(MODELS)
        if model.key not in MODELS:
            options.append((model.name(lang), model.key))
            self._models[model.key] = model
        self.stage_model = widgets.Dropdown(
            options=options,
            value=model.key,
            description=self.label("stage_model"),
            style=style,
            layout=widgets.Layout(width="30em"),
        )
        self.summary = widgets.HTML()
        self.plot = widgets.HTML()
        self.funnel_table = widgets.HTML()
        self.metrics_table = widgets.HTML()
        for name in ("summary", "plot", "funnel_table", "metrics_table"):
            getattr(self, name).add_class(f"jk-{name.replace('_', '-')}")
        self.selected: pd.Index = pd.Index([], name="user_id")
        self.funnel: pd.DataFrame = pd.DataFrame()
        self.metrics: pd.DataFrame = pd.DataFrame()
        self.figure: Any = None
        self._watch(
            {
                name: getattr(self, name)
                for name in (*FILTERS, "date_from", "date_to", "stage_model")
            },
            field=lambda name: f"breakdown.{name}" if name in FILTERS else f"widgets.{name}",
        )
        self.refresh()

    def _options(self, by: str) -> list[tuple[str, str]]:
        present = set(self.data.people[by].dropna().unique())
        if by == "channel":
            keys = [c for c in CHANNELS if c in present]
            names = {c: t(f"channel.{c}", self.lang) for c in keys}
        elif by == "device":
            keys = [d for d in DEVICES if d in present]
            names = {d: t(f"device.{d}", self.lang) for d in keys}
        else:
            keys = sorted(k for k in present if k != funnels.NO_GROUP)
            names = {k: display_name(k, self.lang) for k in keys}
        if funnels.NO_GROUP in present:
            keys.append(funnels.NO_GROUP)
            names[funnels.NO_GROUP] = self.label("no_campaign" if by == "campaign" else "none")
        return [(self.label("all"), ALL)] + [(names[k], k) for k in keys]

    def _build(self) -> widgets.Widget:
        filters = widgets.VBox([*self.controls, self.summary])
        tables = widgets.VBox([self.funnel_table, self.metrics_table])
        return widgets.VBox(
            [widgets.HBox([filters, self.plot]), self.status, tables],
        )

    # --- selection ------------------------------------------------------------------------------
    def _mask(self) -> np.ndarray:
        people = self.data.people
        mask = np.ones(len(people), dtype=bool)
        for by in FILTERS:
            value = getattr(self, by).value
            if value != ALL:
                column = people[by].cat
                mask &= column.codes.to_numpy() == column.categories.get_loc(value)
        start, end = self.date_from.value, self.date_to.value
        if start is not None and end is not None and start > end:
            raise ValueError(
                f"{self.label('date_range')}: {self.label('date_from')} {start} > "
                f"{self.label('date_to')} {end}"
            )
        seen = people["first_seen"].to_numpy()
        if start is not None:
            mask &= seen >= np.datetime64(pd.Timestamp(start))
        if end is not None:
            mask &= seen < np.datetime64(pd.Timestamp(end) + pd.Timedelta(days=1))
        return mask

    def selected_tables(self) -> Tables:
        """The five tables restricted to the selected people (referrals: by inviter)."""
        ids = self.selected

        def keep(name: str, column: str) -> pd.DataFrame:
            table = table_of(self.tables, name)
            if column not in getattr(table, "columns", ()):
                return table
            return table[table[column].isin(ids)]

        return Tables(
            users=keep("users", "user_id"),
            events=keep("events", "user_id"),
            orders=keep("orders", "user_id"),
            referrals=keep("referrals", "inviter_id"),
            survey=keep("survey", "user_id"),
        )

    # --- recompute --------------------------------------------------------------------------------
    def _recompute(self) -> None:
        self._show(*self.compute())

    def compute(self) -> tuple[pd.Index, pd.DataFrame, pd.DataFrame]:
        """The selection, its funnel and its stage metrics, without drawing anything."""
        mask = self._mask()
        if not mask.any():
            raise ValueError(self.label("empty_selection"))
        people = self.data.people
        model = self._models[self.stage_model.value]
        ids = people.index[mask]
        # a stage funnel depends only on each person's furthest step: one row per person
        funnel = funnels.stage_funnel(self.data.furthest[mask], model, lang=self.lang)
        facts = self.data.facts[mask]
        pairs = [(s, k) for s in model.stages for k in s.metrics if k in metrics.METRICS]
        keys = sorted({k for _, k in pairs})
        everyone = pd.Categorical.from_codes(np.zeros(len(facts), dtype=np.int8), ["all"])
        wide = metrics.metrics_from_facts(
            facts, pd.Series(everyone, index=facts.index, name="group"), keys, {}
        )
        values = wide.loc["all"]
        table = pd.DataFrame(
            {
                "stage": [s.key for s, _ in pairs],
                "stage_label": [s.label(self.lang) for s, _ in pairs],
                "metric": [k for _, k in pairs],
                "metric_label": [metrics.METRICS[k].label(self.lang) for _, k in pairs],
                "value": [values[k] for _, k in pairs],
                "unit": [metrics.METRICS[k].unit for _, k in pairs],
            }
        )
        return ids, funnel, table

    def _show(self, ids: pd.Index, funnel: pd.DataFrame, table: pd.DataFrame) -> None:
        figure = self._draw(funnel)
        self.selected, self.funnel, self.metrics, self.figure = ids, funnel, table, figure
        self.plot.value = figure_svg(figure)
        self.funnel_table.value = self._funnel_html(funnel)
        self.metrics_table.value = self._metrics_html(table)
        self.summary.value = (
            f"<b class='jk-selected'>{number_text(len(ids))}</b> "
            f"{html.escape(self.label('users_selected'))}"
        )

    # --- rendering --------------------------------------------------------------------------------
    def _draw(self, funnel: pd.DataFrame) -> Any:
        n = len(funnel)
        fig, ax = new_figure((6.4, 0.55 * n + 1.4))
        y = np.arange(n)
        users = funnel["users"].to_numpy(dtype=float)
        ax.barh(y, users, color=PALETTE[0], height=0.65)
        top = users.max() if n and users.max() > 0 else 1.0
        for yi, (u, share) in enumerate(zip(users, funnel["overall_conversion"], strict=True)):
            pct = "" if pd.isna(share) else f"  ({100 * share:.1f} %)"
            ax.text(u + top * 0.01, yi, f"{u:,.0f}{pct}", va="center", fontsize=8)
        ax.set_yticks(y, funnel["label"].tolist())
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.35)
        ax.set_xlabel(t("axis.users", self.lang))
        ax.set_title(self.label("funnel_title"))
        ax.grid(axis="x", alpha=0.3)
        return fig

    def _funnel_html(self, funnel: pd.DataFrame) -> str:
        head = "".join(
            f"<th>{html.escape(x)}</th>"
            for x in (
                t("stage", self.lang),
                t("axis.users", self.lang),
                self.label("step_conversion"),
                self.label("overall_conversion"),
                self.label("drop_off"),
            )
        )
        rows = "".join(
            f"<tr data-stage='{html.escape(r.stage)}'><td>{html.escape(r.label)}</td>"
            f"<td class='jk-users'>{number_text(r.users)}</td>"
            f"<td class='num'>{_format(r.step_conversion, 'share')}</td>"
            f"<td class='num'>{_format(r.overall_conversion, 'share')}</td>"
            f"<td class='num'>{number_text(r.drop_off)}</td></tr>"
            for r in funnel.itertuples()
        )
        return f"{TABLE_CSS}<table class='jk-table jk-funnel'><tr>{head}</tr>{rows}</table>"

    def _metrics_html(self, table: pd.DataFrame) -> str:
        head = "".join(
            f"<th>{html.escape(x)}</th>"
            for x in (
                t("stage", self.lang),
                self.label("metric"),
                self.label("value"),
                self.label("unit"),
            )
        )
        rows = "".join(
            f"<tr data-metric='{html.escape(r.metric)}'><td>{html.escape(r.stage_label)}</td>"
            f"<td>{html.escape(r.metric_label)}</td><td class='jk-value'>{_format(r.value, 'percent' if r.unit == 'share' else r.unit)}</td>"
            f"<td>{html.escape('%' if r.unit == 'share' else t('unit.' + r.unit, self.lang))}</td></tr>"
            for r in table.itertuples()
        )
        return f"{TABLE_CSS}<table class='jk-table jk-metrics'><tr>{head}</tr>{rows}</table>"
