"""The journey-map builder: fill a map stage by stage and watch the drawing and emotion curve change.

The state is one :class:`journeykit.maps.JourneyMap` (``builder.map``). Every edit goes through
the map's own methods — :meth:`~journeykit.maps.JourneyMap.with_lane`,
:meth:`~journeykit.maps.JourneyMap.with_emotions`, ``dataclasses.replace`` (which validates),
:func:`journeykit.stages.define_model` for a custom stage model — so an invalid edit (an empty
title, a stage removed from a one-stage map) is refused by the package, shown in the status line,
and the last good map stays. Files go through :meth:`~journeykit.maps.JourneyMap.save`,
:meth:`~journeykit.maps.JourneyMap.load` and :func:`journeykit.plots.maps.render`; an existing file is
replaced only when "Replace an existing file" is ticked, and the tick clears after each write.

>>> b = MapBuilder(lang="en")
>>> b.stage.value = "decision"
>>> b.lanes["pain_points"].value = "Shipping cost shown late\\nNo cash on delivery"
>>> b.map.stage("decision").pain_points
('Shipping cost shown late', 'No cash on delivery')
>>> b.emotion.value = -1.5
>>> float(b.map.emotions()["decision"])
-1.5
>>> b.undo()
True
>>> float(b.map.emotions()["decision"])
0.0
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from journeykit import maps
from journeykit.errors import OverwriteError, ValidationError
from journeykit.i18n import LABELS, t
from journeykit.maps import LANES, JourneyMap, MapStage
from journeykit.personas import EXAMPLE_KEYS, Persona, display_name
from journeykit.plots.maps import plot_map, render
from journeykit.stages import MODELS, StageModel, define_model
from journeykit.widgets._base import WidgetBase, figure_svg

__all__ = ["MapBuilder"]

_HISTORY_LIMIT = 200
_CUSTOM = "custom"


def _lines(text: str) -> tuple[str, ...]:
    """One lane item per non-blank line of a text box."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _slug(name: str, taken: set[str]) -> str:
    """A stage key for a typed stage name: lower-case letters, digits and '_', not yet taken."""
    base = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_") or "stage"
    if not base[0].isalpha():
        base = f"stage_{base}"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


class MapBuilder(WidgetBase):
    """Build a customer journey map in a notebook: one line, ``MapBuilder(lang="id")``.

    ``journey_map``: a :class:`~journeykit.maps.JourneyMap` to edit, ``"coffee"`` for the
    article-002 example, or None for an empty map of ``stage_model`` for ``persona``.

    Controls (public; set ``.value`` or call the methods): ``title``, ``goal``, ``persona``,
    ``stage_model``, ``stage`` (the stage being edited), ``lanes`` (dict lane -> text box, one
    item per line), ``emotion`` (score slider, -2..+2), ``new_stage_name`` with
    :meth:`add_stage` and :meth:`rename_stage`, :meth:`remove_stage`, :meth:`move_stage`,
    :meth:`undo`, ``path`` and
    ``overwrite`` with :meth:`save`, :meth:`load`, :meth:`export_html`, :meth:`export_png`.
    Output: ``map`` (the current map), ``figure`` (the last drawing), ``plot`` (its SVG).
    """

    def __init__(
        self,
        journey_map: JourneyMap | str | None = None,
        *,
        stage_model: str | StageModel = "map",
        persona: Persona | str = "office_worker",
        path: str = "journey_map.json",
        lang: str = "en",
    ) -> None:
        super().__init__(lang=lang)
        if journey_map is None:
            journey_map = maps.new_map(
                self.label("map_default_title"),
                self.label("map_default_goal"),
                persona,
                stage_model=stage_model,
                lang=lang,
            )
        elif isinstance(journey_map, str):
            journey_map = maps.example(journey_map, lang=lang)
        if not isinstance(journey_map, JourneyMap):
            raise ValidationError(
                "journey_map", "a JourneyMap, 'coffee' or None", repr(journey_map)
            )
        self.map: JourneyMap = journey_map
        self.history: list[JourneyMap] = []
        self.figure: Any = None
        self._last_tag: tuple[Any, ...] | None = None
        self._syncing = False
        self._custom_model: StageModel | None = None

        wide = widgets.Layout(width="98%")
        box = widgets.Layout(width="98%", height="4.5em")
        style = {"description_width": "10.5em"}
        self.title = widgets.Text(
            description=self.label("map_title"), continuous_update=True, layout=wide, style=style
        )
        self.goal = widgets.Text(
            description=t("map.goal", lang), continuous_update=True, layout=wide, style=style
        )
        self.persona = widgets.Dropdown(description=self.label("persona"), style=style)
        self.stage_model = widgets.Dropdown(description=self.label("stage_model"), style=style)
        self.stage = widgets.Dropdown(description=t("stage", lang), style=style)
        self.lanes: dict[str, widgets.Textarea] = {
            lane: widgets.Textarea(
                description=t(f"map.lane.{lane}", lang),
                placeholder=self.label("one_per_line"),
                continuous_update=True,
                layout=box,
                style=style,
            )
            for lane in LANES
        }
        self.emotion = widgets.FloatSlider(
            min=maps.EMOTION_MIN,
            max=maps.EMOTION_MAX,
            step=0.5,
            readout_format="+.1f",
            description=self.label("emotion"),
            continuous_update=False,
            style=style,
        )
        self.new_stage_name = widgets.Text(
            placeholder=self.label("new_stage_name"), layout=widgets.Layout(width="14em")
        )
        self.add_button = widgets.Button(description=self.label("add_stage"), icon="plus")
        self.rename_button = widgets.Button(description=self.label("rename_stage"), icon="pencil")
        self.remove_button = widgets.Button(description=self.label("remove_stage"), icon="trash")
        self.left_button = widgets.Button(description=self.label("move_left"), icon="arrow-left")
        self.right_button = widgets.Button(description=self.label("move_right"), icon="arrow-right")
        self.undo_button = widgets.Button(description=self.label("undo"), icon="undo")
        self.path = widgets.Text(value=path, description=self.label("file"), style=style)
        self.overwrite = widgets.Checkbox(value=False, description=self.label("overwrite"))
        self.save_button = widgets.Button(description=self.label("save_json"), icon="save")
        self.load_button = widgets.Button(description=self.label("load_json"), icon="folder-open")
        self.html_button = widgets.Button(description=self.label("export_html"), icon="file-code")
        self.png_button = widgets.Button(description=self.label("export_png"), icon="image")
        self.plot = widgets.HTML()
        for name in ("title", "goal", "persona", "stage_model", "stage", "emotion", "plot", "path"):
            getattr(self, name).add_class(f"jk-{name}")  # stable hooks for CSS and browser tests
        for lane, box_widget in self.lanes.items():
            box_widget.add_class(f"jk-lane-{lane}")

        self._sync_controls()
        self.title.observe(self._on_title, names="value")
        self.goal.observe(self._on_goal, names="value")
        self.persona.observe(self._on_persona, names="value")
        self.stage_model.observe(self._on_model, names="value")
        self.stage.observe(self._on_stage, names="value")
        for lane, box_widget in self.lanes.items():
            box_widget.observe(lambda change, lane=lane: self._on_lane(lane, change), names="value")
        self.emotion.observe(self._on_emotion, names="value")
        self.add_button.on_click(lambda _: self.add_stage())
        self.rename_button.on_click(lambda _: self.rename_stage())
        self.remove_button.on_click(lambda _: self.remove_stage())
        self.left_button.on_click(lambda _: self.move_stage(-1))
        self.right_button.on_click(lambda _: self.move_stage(+1))
        self.undo_button.on_click(lambda _: self.undo())
        self.save_button.on_click(lambda _: self.save())
        self.load_button.on_click(lambda _: self.load())
        self.html_button.on_click(lambda _: self.export_html())
        self.png_button.on_click(lambda _: self.export_png())
        self._attempt(self._draw, field="widgets.map_drawing")

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> widgets.Widget:
        head = widgets.VBox([self.title, self.goal, widgets.HBox([self.persona, self.stage_model])])
        stage_tools = widgets.HBox(
            [
                self.new_stage_name,
                self.add_button,
                self.rename_button,
                self.remove_button,
                self.left_button,
                self.right_button,
            ]
        )
        editor = widgets.VBox(
            [widgets.HBox([self.stage, self.emotion]), *self.lanes.values(), stage_tools]
        )
        files = widgets.HBox(
            [
                self.path,
                self.overwrite,
                self.save_button,
                self.load_button,
                self.html_button,
                self.png_button,
                self.undo_button,
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        return widgets.VBox([head, editor, files, self.status, self.plot])

    # --- syncing the controls with the map ---------------------------------------------------
    def _model_options(self) -> list[tuple[str, str]]:
        options = [(m.name(self.lang), key) for key, m in MODELS.items()]
        model = self.map.model
        if model.key not in MODELS:
            self._custom_model = model
        if self._custom_model is not None:
            options.append((f"{self._custom_model.name(self.lang)}", _CUSTOM))
        return options

    def _model_value(self) -> str:
        return self.map.model.key if self.map.model.key in MODELS else _CUSTOM

    def _persona_key(self) -> str:
        p = self.map.persona
        return p.key if isinstance(p, Persona) else p

    def _persona_options(self) -> list[tuple[str, str]]:
        options = [(display_name(k, self.lang), k) for k in EXAMPLE_KEYS]
        p = self.map.persona
        if self._persona_key() not in EXAMPLE_KEYS:
            options.append((p.name if isinstance(p, Persona) else p, self._persona_key()))
        return options

    def _sync_controls(self, focus: str | None = None) -> None:
        """Show the current map in every control (without treating it as an edit)."""
        current = focus or self.stage.value
        self._syncing = True
        try:
            m = self.map
            self.title.value = m.title
            self.goal.value = m.goal
            self.persona.options = self._persona_options()
            self.persona.value = self._persona_key()
            self.stage_model.options = self._model_options()
            self.stage_model.value = self._model_value()
            model = m.model
            self.stage.options = [(model.stage(k).label(self.lang), k) for k in m.stage_keys()]
            self.stage.value = current if current in m.stage_keys() else m.stage_keys()[0]
            self._sync_stage()
        finally:
            self._syncing = False

    def _sync_stage(self) -> None:
        s = self.map.stage(self.stage.value)
        was, self._syncing = self._syncing, True
        try:
            for lane, box in self.lanes.items():
                box.value = "\n".join(getattr(s, lane))
            self.emotion.value = float(s.emotion)
        finally:
            self._syncing = was

    # --- edits --------------------------------------------------------------------------------
    def _edit(self, change: Any, *, tag: tuple[Any, ...] | None, field: str) -> bool:
        """Apply ``change(map) -> map``; draw it; keep it only when both worked.

        Consecutive edits with the same ``tag`` (typing in one box) are one step for undo.
        """

        def action() -> None:
            new = change(self.map)
            if new == self.map:
                return
            figure = self._figure_of(new)
            if tag is None or tag != self._last_tag or not self.history:
                self.history.append(self.map)
                del self.history[:-_HISTORY_LIMIT]
            self._last_tag = tag
            self.map = new
            self._show_figure(figure)

        return self._attempt(action, field=field)

    def _on_title(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            value = change["new"]
            self._edit(
                lambda m: dataclasses.replace(m, title=value),
                tag=("title",),
                field="widgets.map_title",
            )

    def _on_goal(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            value = change["new"]
            self._edit(
                lambda m: dataclasses.replace(m, goal=value), tag=("goal",), field="map.goal"
            )

    def _on_persona(self, change: dict[str, Any]) -> None:
        if self._syncing or change["new"] == self._persona_key():
            return
        key = change["new"]
        self._edit(lambda m: dataclasses.replace(m, persona=key), tag=None, field="widgets.persona")

    def _on_model(self, change: dict[str, Any]) -> None:
        if self._syncing or change["new"] == self._model_value():
            return
        target: StageModel = (
            self._custom_model if change["new"] == _CUSTOM else MODELS[change["new"]]
        )  # type: ignore[assignment]

        def to_model(m: JourneyMap) -> JourneyMap:
            kept = {s.stage: s for s in m.stages}
            stages = tuple(kept.get(k, MapStage(k, 0)) for k in [s.key for s in target])
            model: str | StageModel = target.key if target.key in MODELS else target
            return dataclasses.replace(m, stage_model=model, stages=stages)

        if self._edit(to_model, tag=None, field="widgets.stage_model"):
            self._sync_controls()
        else:
            self._sync_controls()  # show the model still in use

    def _on_stage(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self._attempt(self._sync_stage, field="stage")

    def _on_lane(self, lane: str, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        key, items = self.stage.value, _lines(change["new"])
        self._edit(
            lambda m: m.with_lane(lane, {key: list(items)}),
            tag=("lane", lane, key),
            field=f"map.lane.{lane}",
        )

    def _on_emotion(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        key, score = self.stage.value, float(change["new"])
        self._edit(lambda m: m.with_emotions({key: score}), tag=None, field="widgets.emotion")

    # --- custom stage models ------------------------------------------------------------------
    def _restage(
        self, m: JourneyMap, order: list[MapStage], extra: dict[str, dict[str, Any]]
    ) -> JourneyMap:
        """``m`` with its columns in ``order`` and a custom stage model of exactly those stages
        (``extra``: stage specs, by key, for new or renamed stages)."""
        old = m.model
        old_stages = {s["key"]: s for s in old.to_dict()["stages"]}
        specs = [extra.get(s.stage) or old_stages[s.stage] for s in order]
        key = old.key if old.key not in MODELS else _CUSTOM
        names = LABELS["widgets.custom_model"]
        name_en = old.name_en if old.key not in MODELS else names[0]
        name_id = old.name_id if old.key not in MODELS else names[1]
        try:
            model = define_model(key, specs, name_en=name_en, name_id=name_id)
        except ValidationError as err:
            if "cvj_steps" not in err.field:
                raise
            # reordered past the journey's order: the stages no longer map onto the data's steps
            model = define_model(
                key,
                [{**spec, "cvj_steps": []} for spec in specs],
                name_en=name_en,
                name_id=name_id,
            )
        return dataclasses.replace(m, stage_model=model, stages=tuple(order))

    def _after_restage(self, ok: bool, focus: str | None = None) -> bool:
        if ok:
            self._sync_controls(focus)
        return ok

    def add_stage(self, name: str | None = None) -> bool:
        """Add a stage named ``name`` (default: the "new stage" box) after the selected stage."""
        label = (self.new_stage_name.value if name is None else name).strip()
        if not label:
            self.show_error(self.label("need_stage_name"), field="widgets.add_stage")
            return False
        key = _slug(label, set(self.map.stage_keys()))
        spec = {"key": key, "label_en": label, "label_id": label}
        where = self.map.stage_keys().index(self.stage.value) + 1

        def change(m: JourneyMap) -> JourneyMap:
            order = list(m.stages)
            order.insert(where, MapStage(key, 0))
            return self._restage(m, order, {key: spec})

        ok = self._edit(change, tag=None, field="widgets.add_stage")
        if ok:
            self.new_stage_name.value = ""
        return self._after_restage(ok, key)

    def rename_stage(self, name: str | None = None) -> bool:
        """Give the selected stage the name ``name`` (default: the "new stage" box) in this
        widget's language; its key, lanes and emotion stay."""
        label = (self.new_stage_name.value if name is None else name).strip()
        if not label:
            self.show_error(self.label("need_stage_name"), field="widgets.rename_stage")
            return False
        key = self.stage.value

        def change(m: JourneyMap) -> JourneyMap:
            spec = next(s for s in m.model.to_dict()["stages"] if s["key"] == key)
            return self._restage(m, list(m.stages), {key: {**spec, f"label_{self.lang}": label}})

        ok = self._edit(change, tag=None, field="widgets.rename_stage")
        if ok:
            self.new_stage_name.value = ""
        return self._after_restage(ok, key)

    def remove_stage(self) -> bool:
        """Remove the selected stage (a map keeps at least one)."""
        key = self.stage.value

        def change(m: JourneyMap) -> JourneyMap:
            return self._restage(m, [s for s in m.stages if s.stage != key], {})

        return self._after_restage(self._edit(change, tag=None, field="widgets.remove_stage"))

    def move_stage(self, step: int) -> bool:
        """Move the selected stage ``step`` places (-1 = one to the left, +1 = one to the right)."""
        key = self.stage.value
        keys = list(self.map.stage_keys())
        i = keys.index(key)
        j = i + int(step)
        if not 0 <= j < len(keys):
            self.show_error(self.label("cannot_move"), field="stage")
            return False

        def change(m: JourneyMap) -> JourneyMap:
            order = list(m.stages)
            order[i], order[j] = order[j], order[i]
            return self._restage(m, order, {})

        return self._after_restage(self._edit(change, tag=None, field="stage"), key)

    def undo(self) -> bool:
        """Go back to the map before the last change (typing in one box counts as one change)."""
        if not self.history:
            self.show_info(self.label("nothing_to_undo"))
            return False
        previous = self.history[-1]

        def action() -> None:
            figure = self._figure_of(previous)
            self.history.pop()
            self.map = previous
            self._last_tag = None
            self._show_figure(figure)
            self._sync_controls()

        return self._attempt(action, field="widgets.undo")

    # --- files ----------------------------------------------------------------------------------
    def _file(self, suffix: str) -> Path:
        text = self.path.value.strip()
        if not text:
            raise ValidationError("path", "a file name such as journey_map.json", "an empty box")
        p = Path(text).expanduser().absolute()
        return p if p.suffix.lower() == suffix else p.with_suffix(suffix)

    def _write(self, write: Any, suffix: str, field: str) -> Path | None:
        out: list[Path] = []

        def action() -> None:
            target = self._file(suffix)
            try:
                out.append(write(target, self.overwrite.value))
            except OverwriteError:
                raise OverwriteError(self.label("file_exists").format(path=target)) from None

        if not self._attempt(action, field=field):
            return None
        self.overwrite.value = False  # ask again before the next replacement
        self.show_info(self.label("written").format(path=out[0]))
        return out[0]

    def save(self) -> Path | None:
        """Save the map as JSON to the file box's name (``.json``); returns the path or None."""
        return self._write(
            lambda p, force: self.map.save(p, force=force), ".json", "widgets.save_json"
        )

    def export_html(self) -> Path | None:
        """Export the map as a self-contained HTML page (``.html``); returns the path or None."""
        return self._write(
            lambda p, force: render(self.map, p, lang=self.lang, force=force),
            ".html",
            "widgets.export_html",
        )

    def export_png(self) -> Path | None:
        """Export the map drawing as a PNG picture (``.png``); returns the path or None."""
        return self._write(
            lambda p, force: render(self.map, p, lang=self.lang, force=force),
            ".png",
            "widgets.export_png",
        )

    def load(self) -> bool:
        """Load the map in the file box's ``.json`` file (the current map can be got back by undo)."""
        loaded: list[JourneyMap] = []

        def read(m: JourneyMap) -> JourneyMap:
            loaded.append(JourneyMap.load(self._file(".json")))
            return loaded[0]

        ok = self._edit(read, tag=None, field="widgets.load_json")
        if ok:
            self._sync_controls()
            self.show_info(self.label("loaded").format(path=self._file(".json")))
        return ok

    # --- drawing ------------------------------------------------------------------------------
    def _figure_of(self, m: JourneyMap) -> Any:
        import matplotlib.pyplot as plt

        figure = plot_map(m, lang=self.lang).figure
        plt.close(figure)  # out of pyplot's hands: no stray copy under the cell, still drawable
        return figure

    def _show_figure(self, figure: Any) -> None:
        self.figure = figure
        self.plot.value = figure_svg(figure)

    def _draw(self) -> None:
        self._show_figure(self._figure_of(self.map))

    def map_text(self) -> str:
        """The map's drawing as SVG text (what the widget shows), for searching in tests."""
        return html.unescape(self.plot.value)
