"""The attribution explorer: pick attribution models and a lookback window, compare channel credit.

Every number comes from the package on the data you pass:

* the journeys are :func:`journeykit.paths.conversion_paths` (``lookback_days`` from the slider,
  or none with "from first contact"), built once per lookback value and tables object (with
  their :func:`~journeykit.paths.path_arrays` and assisted report, which only the lookback
  changes);
* the credit per channel and model is :func:`journeykit.attribution.attribute` on those
  journeys (conversions, or conversion value);
* assisted vs last-click conversions are :func:`journeykit.paths.assisted_conversions`.

>>> import pandas as pd
>>> ts = pd.to_datetime(["2024-01-01 09:00", "2024-01-03 20:00", "2024-01-05 10:00",
...                      "2024-01-05 10:05", "2024-01-02 08:00"])
>>> events = pd.DataFrame({"user_id": [1, 1, 1, 1, 2], "timestamp": ts,
...     "channel": ["social_ads", "email", "direct", "direct", "organic_search"],
...     "event_type": ["click", "visit", "visit", "purchase", "visit"], "device": ["mobile"] * 5})
>>> ex = AttributionExplorer({"events": events, "orders": None})
>>> ex.credit.set_index("channel")["first"].to_dict()
{'direct': 0.0, 'email': 0.0, 'organic_search': 0.0, 'social_ads': 1.0}
>>> ex.lookback_days.value = 1       # only the touches of the last day before the purchase
>>> ex.credit.set_index("channel")["first"].to_dict()
{'direct': 1.0, 'organic_search': 0.0}
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import numpy as np
import pandas as pd

from journeykit import attribution, paths
from journeykit.i18n import t
from journeykit.plots.style import color_for
from journeykit.schema import CHANNELS
from journeykit.widgets._base import (
    DESCRIPTION_WIDTH,
    TABLE_CSS,
    WidgetBase,
    figure_svg,
    new_figure,
    number_text,
    prepared,
    table_of,
)

__all__ = ["AttributionExplorer"]


def _journeys(
    tables: Any, lookback_days: float | None
) -> tuple[paths.Journeys, paths.PathArrays, pd.DataFrame]:
    """Journeys, their path arrays and the assisted report: all that only the lookback changes."""
    orders = table_of(tables, "orders")
    journeys = paths.conversion_paths(
        table_of(tables, "events"), orders, lookback_days=lookback_days
    )
    return journeys, paths.path_arrays(journeys), paths.assisted_conversions(journeys)


class AttributionExplorer(WidgetBase):
    """Compare attribution models per channel: ``AttributionExplorer(tables)``.

    Controls (public; set ``.value``): ``models`` (a tuple of model keys of
    :data:`journeykit.attribution.MODELS`), ``lookback_days`` (slider, days),
    ``from_first_contact`` (checkbox: no lookback limit), ``half_life_days`` (time decay),
    ``measure`` (``"conversions"`` or ``"value"``). Results: ``journeys``
    (:class:`~journeykit.paths.Journeys`), ``credit`` (the output of
    :func:`~journeykit.attribution.attribute`), ``assisted``
    (:func:`~journeykit.paths.assisted_conversions`), ``figure``, and the HTML widgets
    ``plot``, ``table`` and ``summary``.
    """

    def __init__(
        self,
        tables: Any,
        *,
        models: tuple[str, ...] = attribution.DEFAULT_MODELS,
        lookback_days: int = 30,
        half_life_days: float = 7.0,
        lang: str = "en",
    ) -> None:
        super().__init__(lang=lang)
        self.tables = tables
        style = {"description_width": DESCRIPTION_WIDTH}
        self.models = widgets.SelectMultiple(
            options=[(self.label(f"attr_model.{m}"), m) for m in attribution.MODELS],
            value=tuple(models),
            rows=len(attribution.MODELS),
            description=self.label("attr_models"),
            style=style,
            layout=widgets.Layout(width="36em"),
        )
        self.lookback_days = widgets.IntSlider(
            value=lookback_days,
            min=1,
            max=180,
            description=self.label("lookback_days"),
            continuous_update=False,
            style=style,
            layout=widgets.Layout(width="40em"),
        )
        self.from_first_contact = widgets.Checkbox(
            value=False, description=self.label("from_first_contact"), indent=False
        )
        self.half_life_days = widgets.FloatSlider(
            value=half_life_days,
            min=0.5,
            max=30.0,
            step=0.5,
            description=self.label("half_life_days"),
            continuous_update=False,
            style=style,
            layout=widgets.Layout(width="40em"),
        )
        self.measure = widgets.ToggleButtons(
            options=[
                (self.label("measure_conversions"), "conversions"),
                (self.label("measure_value"), "value"),
            ],
            value="conversions",
            description=self.label("measure"),
            style=style,
        )
        self.summary = widgets.HTML()
        self.plot = widgets.HTML()
        self.table = widgets.HTML()
        for name in ("summary", "plot", "table"):
            getattr(self, name).add_class(f"jk-{name}")
        self.journeys: paths.Journeys | None = None
        self.credit: pd.DataFrame = pd.DataFrame()
        self.assisted: pd.DataFrame = pd.DataFrame()
        self.figure: Any = None
        self._watch(
            {
                "attr_models": self.models,
                "lookback_days": self.lookback_days,
                "from_first_contact": self.from_first_contact,
                "half_life_days": self.half_life_days,
                "measure": self.measure,
            }
        )
        self.from_first_contact.observe(
            lambda change: setattr(self.lookback_days, "disabled", bool(change["new"])),
            names="value",
        )
        self.refresh()

    def _build(self) -> widgets.Widget:
        controls = widgets.VBox(
            [
                self.models,
                self.lookback_days,
                self.from_first_contact,
                self.half_life_days,
                self.measure,
                self.summary,
            ]
        )
        return widgets.VBox([controls, self.status, self.plot, self.table])

    # --- recompute --------------------------------------------------------------------------------
    def lookback(self) -> float | None:
        """The lookback window in days now chosen (None: from first contact)."""
        return None if self.from_first_contact.value else float(self.lookback_days.value)

    def compute(self) -> tuple[paths.Journeys, pd.DataFrame, pd.DataFrame]:
        """Journeys, credit per model and the assisted report for the controls, without drawing."""
        lookback = self.lookback()
        journeys, arrays, assisted = prepared(
            self.tables, f"attribution:{lookback}", lambda tb: _journeys(tb, lookback)
        )
        credit = attribution.attribute(
            arrays,
            models=tuple(self.models.value),
            value=self.measure.value == "value",
            half_life_days=float(self.half_life_days.value),
        )
        return journeys, credit, assisted

    def _recompute(self) -> None:
        journeys, credit, assisted = self.compute()
        figure = self._draw(credit, assisted)
        self.journeys, self.credit, self.assisted, self.figure = journeys, credit, assisted, figure
        self.plot.value = figure_svg(figure)
        self.table.value = self._table_html(credit, assisted)
        converted = int(journeys.journeys["converted"].sum())
        self.summary.value = (
            f"<b class='jk-conversions'>{number_text(converted)}</b> "
            f"{html.escape(self.label('conversions_on_paths'))}"
        )

    # --- rendering --------------------------------------------------------------------------------
    def _channel_label(self, key: str) -> str:
        return t(f"channel.{key}", self.lang) if key in CHANNELS else key

    def _draw(self, credit: pd.DataFrame, assisted: pd.DataFrame) -> Any:
        channels = credit["channel"].astype(str).tolist()
        models = [c for c in credit.columns if c != "channel"]
        n = max(len(channels), 1)
        fig, (left, right) = new_figure((11.0, 0.45 * n + 1.8), ncols=2)
        y = np.arange(len(channels))
        height = 0.8 / max(len(models), 1)
        for i, m in enumerate(models):
            left.barh(
                y - 0.4 + height * (i + 0.5),
                credit[m].to_numpy(dtype=float),
                height=height,
                color=color_for(i),
                label=self.label(f"attr_model.{m}"),
            )
        labels = [self._channel_label(c) for c in channels]
        left.set_yticks(y, labels)
        left.invert_yaxis()
        left.set_xlabel(
            self.label("axis_value" if self.measure.value == "value" else "axis_conversions")
        )
        left.set_title(self.label("attribution_title"))
        left.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=3)
        left.grid(axis="x", alpha=0.3)

        ya = np.arange(len(assisted))
        right.barh(
            ya - 0.2,
            assisted["last_click_conversions"].to_numpy(dtype=float),
            height=0.4,
            color=color_for(0),
            label=self.label("last_click"),
        )
        right.barh(
            ya + 0.2,
            assisted["assisted_conversions"].to_numpy(dtype=float),
            height=0.4,
            color=color_for(1),
            label=self.label("assisted"),
        )
        right.set_yticks(ya, [self._channel_label(str(c)) for c in assisted["channel"]])
        right.invert_yaxis()
        right.set_xlabel(self.label("axis_conversions"))
        right.set_title(self.label("assisted_title"))
        right.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=3)
        right.grid(axis="x", alpha=0.3)
        return fig

    def _table_html(self, credit: pd.DataFrame, assisted: pd.DataFrame) -> str:
        models = [c for c in credit.columns if c != "channel"]
        digits = 0 if self.measure.value == "value" else 1
        merged = credit.merge(assisted, on="channel", how="outer").sort_values("channel")
        head = (
            f"<th>{html.escape(t('channel', self.lang))}</th>"
            + "".join(f"<th>{html.escape(self.label(f'attr_model.{m}'))}</th>" for m in models)
            + "".join(
                f"<th>{html.escape(self.label(k))}</th>"
                for k in ("last_click", "assisted", "assisted_ratio")
            )
        )
        rows = []
        for r in merged.to_dict("records"):
            cells = "".join(
                f"<td class='num' data-model='{m}'>{number_text(r[m], digits=digits)}</td>"
                for m in models
            )
            ratio = r["assisted_to_last_click_ratio"]
            ratio_text = "∞" if np.isinf(ratio) else number_text(ratio, digits=2)
            rows.append(
                f"<tr data-channel='{html.escape(str(r['channel']))}'>"
                f"<td>{html.escape(self._channel_label(str(r['channel'])))}</td>{cells}"
                f"<td class='num'>{number_text(r['last_click_conversions'])}</td>"
                f"<td class='num'>{number_text(r['assisted_conversions'])}</td>"
                f"<td class='num'>{ratio_text}</td></tr>"
            )
        return (
            f"{TABLE_CSS}<table class='jk-table jk-attribution'><tr>{head}</tr>"
            f"{''.join(rows)}</table>"
        )
