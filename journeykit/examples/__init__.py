"""Built-in examples: the coffee personas and the coffee-shop journey map of article 002.

The examples are JSON files under ``journeykit/data/`` in the same format a learner saves
(:meth:`journeykit.personas.Persona.save`, :meth:`journeykit.maps.JourneyMap.save`), one file
per language: ``data/personas/<key>.<lang>.json`` and ``data/maps/<name>.<lang>.json``. This
module only knows which examples exist and where their files are; the one loader of each kind is
:func:`journeykit.personas.example` and :func:`journeykit.maps.example` (which embeds the map's
persona of the same language, so the map you get — and the file ``journeykit map example``
writes — is self-contained).

>>> persona_file("student", "id").name
'student.id.json'
>>> sorted(MAP_EXAMPLES)
['coffee']
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from journeykit.errors import ValidationError
from journeykit.i18n import check_lang

__all__ = ["MAP_EXAMPLES", "PERSONA_EXAMPLES", "map_file", "persona_file"]

MAP_EXAMPLES: dict[str, str] = {
    "coffee": "Buying coffee online (article 002): Instagram ad to recommending a friend",
}
"""Built-in journey maps, by name, with a one-line description."""

PERSONA_EXAMPLES: tuple[str, ...] = ("office_worker", "home_barista", "student")
"""Built-in coffee personas, by key (the one list: ``journeykit.personas.EXAMPLE_KEYS`` is it)."""


def _choice(value: object, choices: tuple[str, ...] | list[str], field: str) -> str:
    if not isinstance(value, str) or value not in choices:
        raise ValidationError(field, f"one of {', '.join(map(repr, choices))}", repr(value))
    return value


def _data(*parts: str) -> Path:
    return Path(str(files("journeykit").joinpath("data", *parts)))


def persona_file(key: str = "office_worker", lang: str = "en") -> Path:
    """The file of built-in persona ``key`` written in ``lang`` (``"en"`` or ``"id"``)."""
    _choice(key, PERSONA_EXAMPLES, "persona")
    check_lang(lang)
    return _data("personas", f"{key}.{lang}.json")


def map_file(name: str = "coffee", lang: str = "en") -> Path:
    """The file of built-in journey map ``name`` in ``lang`` (its persona named by key)."""
    _choice(name, list(MAP_EXAMPLES), "example")
    check_lang(lang)
    return _data("maps", f"{name}.{lang}.json")
