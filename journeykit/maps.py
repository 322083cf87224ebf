"""Customer journey maps: stages × lanes, with an emotion score per stage (articles 002 and 003).

A :class:`JourneyMap` follows one persona towards one goal through the stages of a stage model
(by default the journey-map model ``"map"``: Awareness, Consideration, Decision, Experience,
Loyalty). For every stage it records, lane by lane (:data:`LANES`): the customer's **actions**,
**thoughts** and **feelings**, the **touchpoints** where they meet the business, their **pain
points**, and the business's **opportunities** — plus an **emotion score** on this scale:

====  =======================================================================
 +2   very positive: delighted, satisfied, proud to recommend
 +1   positive: interested, pleased, confident
  0   neutral, or mixed feelings that cancel out (excited *and* anxious)
 -1   negative: worried, confused, a little frustrated
 -2   very negative: angry, let down, ready to give up
====  =======================================================================

Scores may be whole numbers or decimals in [-2, +2]; they draw the emotion curve
(:func:`journeykit.plots.maps.plot_map`) whose dips point to the pain points worth fixing first.

Maps are validated (every error names its field, e.g. ``stages[3].emotion``;
:func:`map_problems` collects all of them), saved to JSON with a ``schema_version`` and read
back without loss, and viewed as a DataFrame (:meth:`JourneyMap.to_frame`). Drawing lives with
the other pictures: :func:`journeykit.plots.maps.plot_map` (swimlanes and emotion curve),
:func:`~journeykit.plots.maps.map_html` (a self-contained page) and
:func:`~journeykit.plots.maps.render` (either, written to a file). The coffee-shop map of
article 002 ships in English and Bahasa Indonesia: :func:`example`.

>>> m = example("coffee")
>>> [s.stage for s in m.stages]
['awareness', 'consideration', 'decision', 'experience', 'loyalty']
>>> m.to_frame()[["stage", "emotion"]].set_index("stage")["emotion"].idxmin()
'decision'
>>> JourneyMap.from_dict(m.to_dict()) == m
True
>>> bad = m.to_dict()
>>> bad["stages"][3]["emotion"] = 5
>>> JourneyMap.from_dict(bad)
Traceback (most recent call last):
...
journeykit.errors.ValidationError: stages[3].emotion: expected a number from -2 to +2 (the emotion scale), got 5 (int)
"""

from __future__ import annotations

import dataclasses
import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

import pandas as pd

from journeykit.documents import (
    KEY_PATTERN,
    JsonDocument,
    check_text,
    check_text_list,
    fields_of,
    raise_first,
    read_document,
    show_value,
    values_of,
)
from journeykit.errors import MapFileError, ValidationError
from journeykit.i18n import LANGS, check_lang
from journeykit.personas import Persona, persona_problems
from journeykit.stages import MODELS, StageModel, define_model, get_model

__all__ = [
    "LANES",
    "EMOTION_MIN",
    "EMOTION_MAX",
    "MAP_SCHEMA_VERSION",
    "MapStage",
    "JourneyMap",
    "stage_problems",
    "map_problems",
    "new_map",
    "example",
    "check_file",
]

LANES: tuple[str, ...] = (
    "actions",
    "thoughts",
    "feelings",
    "touchpoints",
    "pain_points",
    "opportunities",
)
"""The text lanes of a map, top to bottom (labels: ``journeykit.i18n`` keys ``map.lane.<lane>``)."""

EMOTION_MIN: float = -2
EMOTION_MAX: float = 2
MAP_SCHEMA_VERSION = 1
"""Version of the journey-map JSON format (field ``schema_version`` of a saved map)."""

_EMOTION_EXPECTED = "a number from -2 to +2 (the emotion scale)"


@dataclass(frozen=True)
class MapStage:
    """One column of a journey map: a stage key, its emotion score and the text of every lane.

    ``emotion`` is on the -2..+2 scale of :mod:`journeykit.maps`; each lane (``actions``,
    ``thoughts``, ``feelings``, ``touchpoints``, ``pain_points``, ``opportunities``) is a tuple
    of short texts (lists are stored as tuples; empty lanes are allowed while you build a map).

    >>> MapStage("decision", -1, actions=["Adds the coffee to the cart"]).actions
    ('Adds the coffee to the cart',)
    >>> MapStage("decision", 2.5)
    Traceback (most recent call last):
    ...
    journeykit.errors.ValidationError: emotion: expected a number from -2 to +2 (the emotion scale), got 2.5 (float)
    """

    stage: str
    emotion: float
    actions: tuple[str, ...] = ()
    thoughts: tuple[str, ...] = ()
    feelings: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()
    pain_points: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for lane in LANES:
            if isinstance(getattr(self, lane), list):
                object.__setattr__(self, lane, tuple(getattr(self, lane)))
        raise_first(stage_problems(self))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (lanes as lists)."""
        out: dict[str, Any] = {"stage": self.stage, "emotion": self.emotion}
        out.update({lane: list(getattr(self, lane)) for lane in LANES})
        return out


def stage_problems(
    data: MapStage | Mapping[str, Any], *, where: str = "", model: StageModel | None = None
) -> list[ValidationError]:
    """Every problem with one map stage (or its dict form), each naming its field.

    With ``model``, the stage key must be one of the model's stages.

    >>> [str(p) for p in stage_problems({"stage": "decision", "emotion": "bad", "actions": "buy"})]
    ["emotion: expected a number from -2 to +2 (the emotion scale), got 'bad'", "actions: expected a list of strings, got 'buy'"]
    """
    problems: list[ValidationError] = []
    prefix = f"{where}." if where else ""
    values = values_of(data, MapStage, where, problems, required=("stage", "emotion"))
    if values is None:
        return problems
    if "stage" in values:
        key = values["stage"]
        if not isinstance(key, str) or not key:
            problems.append(
                ValidationError(f"{prefix}stage", "a stage key (string)", show_value(key))
            )
        elif model is not None and key not in model:
            problems.append(
                ValidationError(
                    f"{prefix}stage",
                    f"one of {', '.join(map(repr, model.keys()))} (stage model {model.key!r})",
                    show_value(key),
                )
            )
    if "emotion" in values:
        score = values["emotion"]
        ok = (
            isinstance(score, int | float)
            and not isinstance(score, bool)
            and math.isfinite(score)
            and EMOTION_MIN <= score <= EMOTION_MAX
        )
        if not ok:
            problems.append(
                ValidationError(f"{prefix}emotion", _EMOTION_EXPECTED, show_value(score))
            )
    for lane in LANES:
        if lane in values:
            check_text_list(values[lane], f"{prefix}{lane}", problems)
    return problems


def _model_from(value: Any, problems: list[ValidationError]) -> StageModel | None:
    """The stage model named or described by ``value`` (a key or a dict), or None with problems."""
    if isinstance(value, StageModel):
        return value
    if isinstance(value, str):
        if value in MODELS:
            return MODELS[value]
        problems.append(
            ValidationError(
                "stage_model",
                f"one of {', '.join(map(repr, MODELS))} or a custom model (dict)",
                show_value(value),
            )
        )
        return None
    if isinstance(value, Mapping):
        before = len(problems)
        fields_of(
            value,
            "stage_model",
            problems,
            known=("key", "name_en", "name_id", "stages"),
            required=("key", "stages"),
        )
        if len(problems) > before:
            return None
        stages = value["stages"]
        if isinstance(stages, str) or not isinstance(stages, Sequence):
            problems.append(
                ValidationError("stage_model.stages", "a list of stages", show_value(stages))
            )
            return None
        try:
            return define_model(
                value["key"], stages, name_en=value.get("name_en"), name_id=value.get("name_id")
            )
        except ValidationError as err:
            problems.append(
                ValidationError(
                    "stage_model." + err.field.removeprefix("model."), err.expected, err.got
                )
            )
        except TypeError as err:  # a wrong type deep inside a stage dict
            problems.append(ValidationError("stage_model", "a valid stage model", str(err)))
        return None
    problems.append(
        ValidationError(
            "stage_model", "a model key ('map', 'five', 'cvj') or a dict", show_value(value)
        )
    )
    return None


def map_problems(data: JourneyMap | Mapping[str, Any]) -> list[ValidationError]:
    """Every problem with a journey map (or its dict form, e.g. read from JSON), each naming its field.

    Checks: the fields are there and of the right type; ``title`` and ``goal`` are non-empty;
    ``persona`` is a persona (or its dict) or a persona key; ``stage_model`` is a built-in key or
    a valid custom model; ``stages`` is a non-empty list of stages that belong to the model, each
    used once, in journey order, with an emotion score in [-2, +2]; ``lang`` is ``"en"``/``"id"``.
    Returns ``[]`` for a valid map.

    >>> [str(p) for p in map_problems({"title": "T", "goal": "G", "persona": "student", "stages": []})]
    ['stages: expected at least one stage, got an empty list']
    """
    problems: list[ValidationError] = []
    values = values_of(
        data, JourneyMap, "", problems, required=("title", "goal", "persona", "stages")
    )
    if values is None:
        return problems
    for name in ("title", "goal"):
        if name in values:
            check_text(values[name], name, problems)
    if "lang" in values and values["lang"] not in LANGS:
        problems.append(ValidationError("lang", "'en' or 'id'", show_value(values["lang"])))
    if "persona" in values:
        persona = values["persona"]
        if isinstance(persona, str):
            if not KEY_PATTERN.match(persona):
                problems.append(
                    ValidationError(
                        "persona",
                        "a persona (object) or a persona key like 'student'",
                        show_value(persona),
                    )
                )
        elif isinstance(persona, Mapping):
            problems.extend(persona_problems(persona, where="persona"))
        elif not isinstance(persona, Persona):
            problems.append(
                ValidationError("persona", "a persona or a persona key", show_value(persona))
            )
    model = _model_from(values.get("stage_model", "map"), problems)
    if "stages" not in values:
        return problems
    stages = values["stages"]
    if isinstance(stages, str) or not isinstance(stages, list | tuple):
        problems.append(ValidationError("stages", "a list of stages", show_value(stages)))
        return problems
    if not stages:
        problems.append(ValidationError("stages", "at least one stage", "an empty list"))
        return problems
    last_pos, last_key, seen = -1, None, set()
    for i, stage in enumerate(stages):
        where = f"stages[{i}]"
        if not isinstance(stage, MapStage | Mapping):
            problems.append(ValidationError(where, "a stage (dict or MapStage)", show_value(stage)))
            continue
        found = stage_problems(stage, where=where, model=model)
        problems.extend(found)
        key = stage.stage if isinstance(stage, MapStage) else stage.get("stage")
        if model is None or not isinstance(key, str) or key not in model:
            continue
        if key in seen:
            problems.append(
                ValidationError(f"{where}.stage", "each stage once on a map", f"{key!r} again")
            )
            continue
        pos = model.index(key)
        if pos < last_pos:
            problems.append(
                ValidationError(
                    f"{where}.stage",
                    f"stages in journey order ({', '.join(model.keys())})",
                    f"{key!r} after {last_key!r}",
                )
            )
        seen.add(key)
        last_pos, last_key = max(pos, last_pos), key if pos >= last_pos else last_key
    return problems


@dataclass(frozen=True)
class JourneyMap(JsonDocument):
    """A customer journey map: one persona, one goal, one column per stage, one row per lane.

    ``persona`` is a :class:`~journeykit.personas.Persona` (embedded, saved with the map) or a
    persona key; ``stage_model`` a built-in model key (``"map"``, ``"five"``, ``"cvj"``) or a
    custom :class:`~journeykit.stages.StageModel` (saved inside the map file); ``stages`` the
    :class:`MapStage` columns, in journey order; ``lang`` the language the texts are written in
    (stage and lane labels are drawn in it). Invalid maps raise
    :class:`~journeykit.errors.ValidationError` naming the field.

    >>> m = new_map("Buying coffee online", "Sell more", "office_worker")
    >>> m = m.with_lane("actions", {"awareness": "Sees an Instagram ad"}).with_emotions({"decision": -1})
    >>> m.stage("awareness").actions, m.stage("decision").emotion
    (('Sees an Instagram ad',), -1)
    """

    title: str
    goal: str
    persona: Persona | str
    stages: tuple[MapStage, ...]
    stage_model: str | StageModel = "map"
    lang: str = "en"

    _KIND: ClassVar[str] = "journey_map"
    _VERSION: ClassVar[int] = MAP_SCHEMA_VERSION
    _problems = staticmethod(lambda data: map_problems(data))

    def __post_init__(self) -> None:
        if isinstance(self.stages, list):
            object.__setattr__(self, "stages", tuple(self.stages))
        if isinstance(self.stage_model, StageModel) and MODELS.get(self.stage_model.key) == (
            self.stage_model
        ):
            object.__setattr__(self, "stage_model", self.stage_model.key)  # canonical: the key
        raise_first(map_problems(self))
        # dict forms (as in JSON) become objects, so equal maps compare equal
        if isinstance(self.persona, Mapping):
            object.__setattr__(self, "persona", Persona.from_dict(self.persona))
        if isinstance(self.stage_model, Mapping):
            object.__setattr__(self, "stage_model", _model_from(self.stage_model, []))
        if any(isinstance(s, Mapping) for s in self.stages):
            stages = tuple(s if isinstance(s, MapStage) else MapStage(**s) for s in self.stages)
            object.__setattr__(self, "stages", stages)

    # structure --------------------------------------------------------------------------------
    @property
    def model(self) -> StageModel:
        """The stage model the map's stages belong to."""
        return get_model(self.stage_model)

    def stage_keys(self) -> tuple[str, ...]:
        """The map's stage keys, in journey order."""
        return tuple(s.stage for s in self.stages)

    def stage(self, key: str) -> MapStage:
        """The column of stage ``key``."""
        for s in self.stages:
            if s.stage == key:
                return s
        raise ValidationError(
            "stage", f"one of {', '.join(map(repr, self.stage_keys()))}", repr(key)
        )

    def persona_obj(self) -> Persona | None:
        """The embedded persona, or the built-in one the key names (in the map's ``lang``), or None."""
        if isinstance(self.persona, Persona):
            return self.persona
        from journeykit.personas import EXAMPLE_KEYS, example

        return example(self.persona, self.lang) if self.persona in EXAMPLE_KEYS else None

    def emotions(self) -> pd.Series:
        """The emotion curve: score (-2..+2) per stage key, in journey order."""
        return pd.Series(
            [s.emotion for s in self.stages],
            index=pd.Index(self.stage_keys(), name="stage"),
            name="emotion",
        )

    # building lane by lane --------------------------------------------------------------------
    def with_lane(self, lane: str, values: Mapping[str, str | Sequence[str]]) -> JourneyMap:
        """A copy with lane ``lane`` set for the given stages (``{stage: text or list of texts}``).

        Stages not named keep their text. A single string becomes a one-item lane.
        """
        if lane not in LANES:
            raise ValidationError("lane", f"one of {', '.join(LANES)}", repr(lane))
        if not isinstance(values, Mapping):
            raise ValidationError(
                lane, "a dict {stage key: text or list of texts}", show_value(values)
            )
        for key in values:
            self.stage(key)  # unknown stage -> error naming the choices
        new = []
        for s in self.stages:
            if s.stage in values:
                v = values[s.stage]
                texts = (v,) if isinstance(v, str) else v
                if not isinstance(texts, Sequence):
                    raise ValidationError(
                        f"{lane}.{s.stage}", "a text or a list of texts", show_value(v)
                    )
                problems: list[ValidationError] = []
                check_text_list(list(texts), f"{lane}.{s.stage}", problems)
                raise_first(problems)
                s = dataclasses.replace(s, **{lane: tuple(texts)})
            new.append(s)
        return dataclasses.replace(self, stages=tuple(new))

    def with_emotions(self, scores: Mapping[str, float]) -> JourneyMap:
        """A copy with the emotion score (-2..+2) of the given stages replaced."""
        if not isinstance(scores, Mapping):
            raise ValidationError("emotion", "a dict {stage key: score}", show_value(scores))
        for key in scores:
            self.stage(key)
        new = []
        for s in self.stages:
            if s.stage in scores:
                problems = stage_problems(
                    {"stage": s.stage, "emotion": scores[s.stage]}, where=f"emotion.{s.stage}"
                )
                raise_first(problems)
                s = dataclasses.replace(s, emotion=scores[s.stage])
            new.append(s)
        return dataclasses.replace(self, stages=tuple(new))

    # views ---------------------------------------------------------------------------------
    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """The map as a table, one row per stage in journey order.

        Columns: ``stage`` (key), ``label`` (stage name in ``lang``, default the map's),
        ``emotion`` (score, -2..+2), then one text column per lane (items joined by ``"; "``).
        """
        lang = check_lang(lang or self.lang)
        model = self.model
        data: dict[str, list[Any]] = {
            "stage": list(self.stage_keys()),
            "label": [model.stage(k).label(lang) for k in self.stage_keys()],
            "emotion": [s.emotion for s in self.stages],
        }
        for lane in LANES:
            data[lane] = ["; ".join(getattr(s, lane)) for s in self.stages]
        return pd.DataFrame(data)

    # JSON ------------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The map as a JSON-ready dict; :meth:`from_dict` reads it back to an equal map."""
        persona = self.persona.to_dict() if isinstance(self.persona, Persona) else self.persona
        model = (
            self.stage_model.to_dict()
            if isinstance(self.stage_model, StageModel)
            else self.stage_model
        )
        return {
            "title": self.title,
            "goal": self.goal,
            "lang": self.lang,
            "persona": persona,
            "stage_model": model,
            "stages": [s.to_dict() for s in self.stages],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> JourneyMap:
        """Build a map from a dict (see :meth:`to_dict`); the first problem found is raised.

        ``schema_version`` and ``kind`` (the file header) are accepted; ``schema_version``, when
        present, must be :data:`MAP_SCHEMA_VERSION`.
        """
        version = data.get("schema_version", MAP_SCHEMA_VERSION) if isinstance(data, Mapping) else 1
        if version != MAP_SCHEMA_VERSION or isinstance(version, bool):
            raise ValidationError("schema_version", str(MAP_SCHEMA_VERSION), show_value(version))
        problems = map_problems(data)
        raise_first(problems)
        return cls(
            title=data["title"],
            goal=data["goal"],
            persona=data["persona"],
            stages=tuple(data["stages"]),
            stage_model=data.get("stage_model", "map"),
            lang=data.get("lang", "en"),
        )


def new_map(
    title: str,
    goal: str,
    persona: Persona | str,
    *,
    stage_model: str | StageModel = "map",
    lang: str = "en",
) -> JourneyMap:
    """An empty map to fill lane by lane: one column per stage of ``stage_model``, emotion 0.

    >>> m = new_map("First visit", "Understand first-time buyers", "student", stage_model="five")
    >>> m.stage_keys()
    ('awareness', 'consideration', 'purchase', 'retention', 'advocacy')
    """
    problems: list[ValidationError] = []
    model = _model_from(stage_model, problems)
    raise_first(problems)
    assert model is not None
    return JourneyMap(
        title=title,
        goal=goal,
        persona=persona,
        stages=tuple(MapStage(key, 0) for key in model.keys()),  # noqa: SIM118 (Stage objects)
        stage_model=stage_model,
        lang=lang,
    )


def example(name: str = "coffee", lang: str = "en") -> JourneyMap:
    """A built-in map: ``"coffee"`` is article 002's online coffee purchase, in ``"en"`` or ``"id"``.

    >>> example("coffee", lang="id").stages[2].thoughts
    ('“Apakah proses pembayarannya aman?”',)
    """
    return _example(name, lang)


@lru_cache(maxsize=8)
def _example(name: str, lang: str) -> JourneyMap:
    from journeykit.examples import map_file

    journey_map = JourneyMap.load(map_file(name, lang))
    if isinstance(journey_map.persona, str):  # the file names its persona: embed it
        from journeykit.personas import example as persona_example

        journey_map = dataclasses.replace(
            journey_map, persona=persona_example(journey_map.persona, lang)
        )
    return journey_map


def check_file(path: str | os.PathLike[str]) -> list[str]:
    """Every problem of a saved map file, one line each (``[]`` when the file is a valid map).

    Used by ``journeykit map validate``: it reports all problems, not only the first.
    """
    try:
        data = read_document(path, kind="journey_map", version=MAP_SCHEMA_VERSION)
    except MapFileError as err:
        return [str(err)]
    return [f"{path}: {problem}" for problem in map_problems(data)]
