"""Built-in examples: the coffee personas and the coffee-shop journey map of article 002.

The examples are JSON files under ``journeykit/data/`` in the same format a learner saves
(:meth:`journeykit.personas.Persona.save`, :meth:`journeykit.maps.JourneyMap.save`), one file
per language: ``data/personas/<key>.<lang>.json`` and ``data/maps/<name>.<lang>.json``. A map
file names its persona by key; :func:`load_map` embeds the persona of the same language, so the
map you get (and the file ``journeykit map example`` writes) is self-contained.

>>> load_map("coffee", lang="id").stages[0].actions
('Melihat iklan kopi di Instagram',)
>>> load_persona("student").devices
('mobile',)
>>> sorted(MAP_EXAMPLES)
['coffee']
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from importlib.resources import as_file, files
from typing import TYPE_CHECKING

from journeykit.errors import ValidationError
from journeykit.i18n import check_lang

if TYPE_CHECKING:  # pragma: no cover
    from journeykit.maps import JourneyMap
    from journeykit.personas import Persona

__all__ = ["MAP_EXAMPLES", "PERSONA_EXAMPLES", "load_map", "load_persona"]

MAP_EXAMPLES: dict[str, str] = {
    "coffee": "Buying coffee online (article 002): Instagram ad to recommending a friend",
}
"""Built-in journey maps, by name, with a one-line description."""

PERSONA_EXAMPLES: tuple[str, ...] = ("office_worker", "home_barista", "student")
"""Built-in coffee personas, by key."""


def _choice(value: object, choices: tuple[str, ...] | list[str], field: str) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ValidationError(field, f"one of {', '.join(map(repr, choices))}", repr(value))
    return value


@lru_cache(maxsize=32)
def load_persona(key: str = "office_worker", lang: str = "en") -> Persona:
    """The built-in persona ``key`` written in ``lang`` (``"en"`` or ``"id"``)."""
    from journeykit.personas import Persona

    _choice(key, PERSONA_EXAMPLES, "persona")
    check_lang(lang)
    with as_file(files("journeykit") / "data" / "personas" / f"{key}.{lang}.json") as path:
        return Persona.load(path)


@lru_cache(maxsize=8)
def load_map(name: str = "coffee", lang: str = "en") -> JourneyMap:
    """The built-in journey map ``name`` in ``lang``, with its persona embedded."""
    from journeykit.maps import JourneyMap

    _choice(name, list(MAP_EXAMPLES), "example")
    check_lang(lang)
    with as_file(files("journeykit") / "data" / "maps" / f"{name}.{lang}.json") as path:
        journey_map = JourneyMap.load(path)
    if isinstance(journey_map.persona, str):
        journey_map = dataclasses.replace(
            journey_map, persona=load_persona(journey_map.persona, lang)
        )
    return journey_map
