"""Checks for exercise 03 (journey maps): build a map from a brief, read it, save and reload it.

Every check returns a :class:`~journeykit.checks.Feedback` (never raises) and recognises the
usual wrong answers (a stage's label is read as its key), the highest point instead of the
lowest, stages counted instead of pain points, a dict or a path where a reloaded map is asked.

>>> from journeykit.maps import example
>>> print(check_lowest_stage("Keputusan", example("coffee")))
✔ lowest stage: correct ('decision'; 'Keputusan' is its label - code needs the key).
>>> print(check_pain_point_count(7, example("coffee")))
✔ pain points: correct (7).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journeykit.checks import Feedback, check_choice, check_number, msg, not_yet
from journeykit.i18n import check_lang

__all__ = [
    "STUDENT_SCORES",
    "student_brief",
    "check_student_map",
    "check_lowest_stage",
    "check_pain_point_count",
    "check_reloaded",
]

STUDENT_SCORES: dict[str, float] = {
    "awareness": 2,
    "consideration": 1,
    "decision": -2,
    "experience": 1,
    "loyalty": 0,
}
"""Dinda's emotion scores in the exercise brief (scale -2..+2)."""

_BRIEF = {
    "en": (
        "Dinda (persona 'student') sees a friend's post about a new coffee sampler and is thrilled "
        "(+2). On the shop's website she likes the small packs (+1). At checkout the shipping "
        "cost nearly doubles the price and she almost gives up (-2): that is the pain point of "
        "the decision stage. The coffee arrives and she enjoys it (+1). Nothing rewards her for "
        "telling friends, so she does not bother (0)."
    ),
    "id": (
        "Dinda (persona 'student') melihat unggahan teman tentang paket sampler kopi baru dan "
        "sangat antusias (+2). Di website toko ia suka kemasan kecilnya (+1). Saat checkout "
        "ongkos kirim hampir dua kali harga kopinya dan ia hampir batal (-2): itulah pain point "
        "tahap keputusan. Kopinya tiba dan ia menikmatinya (+1). Tidak ada hadiah untuk "
        "bercerita ke teman, jadi ia diam saja (0)."
    ),
}


def student_brief(lang: str = "en") -> str:
    """Dinda's first order, the story the exercise's map is built from, in ``lang``.

    >>> "(-2)" in student_brief("id")
    True
    """
    return _BRIEF[check_lang(lang)]


def _fail(name: str, text: str, lang: str = "en") -> Feedback:
    return not_yet(name, text, lang)


def check_student_map(answer: Any, *, lang: str = "en") -> Feedback:
    """Is ``answer`` Dinda's map from :func:`student_brief`? Persona ``student``, the
    journey-map stages, the brief's emotion scores and a pain point at the decision stage."""
    from journeykit.maps import JourneyMap

    name = msg("maps.name.dinda", lang)
    if answer is None or answer is Ellipsis:
        return Feedback(False, msg("no_answer", lang, name=name))
    if not isinstance(answer, JourneyMap):
        return _fail(name, msg("maps.not_map_new", lang, got=type(answer).__name__), lang)
    persona_key = answer.persona if isinstance(answer.persona, str) else answer.persona.key
    if persona_key != "student":
        return _fail(name, msg("maps.persona", lang, got=repr(persona_key)), lang)
    if answer.model.key != "map" or answer.stage_keys() != tuple(STUDENT_SCORES):
        return _fail(name, msg("maps.stages", lang), lang)
    scores = answer.emotions().to_dict()
    wrong = [k for k, v in STUDENT_SCORES.items() if scores[k] != v]
    if wrong:
        flipped = all(scores[k] == -v for k, v in STUDENT_SCORES.items())
        if flipped:
            return _fail(name, msg("maps.sign", lang), lang)
        shown = ", ".join(
            msg(
                "maps.score_vs_brief",
                lang,
                stage=k,
                got=f"{scores[k]:+g}",
                want=f"{STUDENT_SCORES[k]:+g}",
            )
            for k in wrong
        )
        return _fail(name, msg("maps.scores", lang, shown=shown), lang)
    if not answer.stage("decision").pain_points:
        return _fail(name, msg("maps.pain_point", lang), lang)
    return Feedback(True, msg("maps.dips", lang, name=name))


def check_lowest_stage(answer: Any, journey_map: Any, *, lang: str = "en") -> Feedback:
    """The key of the stage with the lowest emotion score (the first one on a tie)."""
    scores = journey_map.emotions()
    expected = str(scores.idxmin())
    model = journey_map.model
    labels = {s.key: (s.label("en"), s.label("id")) for s in model}
    hints: dict[object, str] = {}
    highest = str(scores.idxmax())
    if highest != expected:
        hints[highest] = msg("maps.highest", lang)
    return check_choice(
        answer, expected, name=msg("maps.name.lowest", lang), hints=hints, labels=labels, lang=lang
    )


def check_pain_point_count(answer: Any, journey_map: Any, *, lang: str = "en") -> Feedback:
    """How many pain points the map lists, over all stages."""
    expected = sum(len(s.pain_points) for s in journey_map.stages)
    with_pain = sum(1 for s in journey_map.stages if s.pain_points)
    hints = {}
    if with_pain != expected:
        hints[float(with_pain)] = msg("maps.pain.stages", lang)
    return check_number(
        answer, expected, name=msg("maps.name.pain_points", lang), hints=hints, lang=lang
    )


def check_reloaded(original: Any, reloaded: Any, *, lang: str = "en") -> Feedback:
    """Is ``reloaded`` a JourneyMap equal to ``original`` (saved and loaded without loss)?"""
    from journeykit.maps import JourneyMap

    name = msg("maps.name.reloaded", lang)
    if reloaded is None or reloaded is Ellipsis:
        return Feedback(False, msg("no_answer", lang, name=name))
    if isinstance(reloaded, str | Path):
        return _fail(name, msg("maps.reloaded.path", lang), lang)
    if isinstance(reloaded, dict):
        return _fail(name, msg("maps.reloaded.json", lang), lang)
    if not isinstance(reloaded, JourneyMap):
        return _fail(name, msg("maps.not_map", lang, got=type(reloaded).__name__), lang)
    if reloaded != original:
        return _fail(name, msg("maps.reloaded.differs", lang), lang)
    return Feedback(True, msg("maps.identical", lang, name=name))
