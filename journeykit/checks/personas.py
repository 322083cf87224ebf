"""Checks for exercise 02 (personas): write a persona from a brief, read journeys by persona.

Every check returns a :class:`~journeykit.checks.Feedback` (never raises) and recognises the
usual wrong answers: a dict or a label where an object or key is asked, a percentage where a
share is asked, people counted where shares should be compared, a share of everyone instead of
a share of the persona's own users.

>>> print(check_persona(None))
✘ persona: no answer yet - replace None with your answer.
>>> print(check_persona({"key": "warung_owner"}))
✘ persona: not yet. That is a dict; build the object with Persona(...) (or Persona(**your_dict)) so it is validated.
"""

from __future__ import annotations

import math
from typing import Any

from journeykit.checks import Feedback, check_choice, check_number, msg, not_yet
from journeykit.errors import JourneykitError
from journeykit.i18n import check_lang

__all__ = [
    "BRIEF_KEY",
    "persona_brief",
    "check_persona",
    "check_top_persona",
    "check_reach_share",
    "check_largest_segment_share",
]

BRIEF_KEY = "warung_owner"
_BRIEF = {
    "en": (
        "Pak Hendra (key 'warung_owner') is 45-54 and runs a warung kopi, a small coffee stall, "
        "in Surabaya. He wants a steady supply of robusta beans at a fair price and wants his "
        "regulars to keep coming back. He orders by WhatsApp on his phone. He hates late "
        "deliveries and beans that taste different from last time. He says: 'My regulars notice "
        "every change in taste.'"
    ),
    "id": (
        "Pak Hendra (key 'warung_owner') berusia 45-54 tahun dan punya warung kopi di Surabaya. "
        "Ia ingin pasokan biji robusta yang stabil dengan harga wajar dan ingin pelanggan "
        "tetapnya terus datang. Ia memesan lewat WhatsApp di ponselnya. Ia tidak suka kiriman "
        "yang terlambat dan biji yang rasanya berbeda dari pesanan sebelumnya. Katanya: "
        "'Pelanggan tetap saya langsung sadar kalau rasanya berubah.'"
    ),
}


def persona_brief(lang: str = "en") -> str:
    """The brief the exercise's persona is written from, in ``lang``.

    >>> persona_brief("id").startswith("Pak Hendra")
    True
    """
    return _BRIEF[check_lang(lang)]


def _fail(name: str, text: str, lang: str = "en") -> Feedback:
    return not_yet(name, text, lang)


def check_persona(answer: Any, *, lang: str = "en") -> Feedback:
    """Does ``answer`` describe Pak Hendra from :func:`persona_brief` as a valid ``Persona``?

    Wanted: key ``warung_owner``, age band 45-54, at least one goal, need and frustration,
    ``whatsapp`` among the channels, ``mobile`` among the devices, and his quote.
    """
    from journeykit.personas import Persona

    name = msg("personas.name.persona", lang)
    if answer is None or answer is Ellipsis:
        return Feedback(False, msg("no_answer", lang, name=name))
    if isinstance(answer, dict):
        return _fail(
            name,
            msg("personas.dict", lang),
            lang,
        )
    if not isinstance(answer, Persona):
        return _fail(name, msg("personas.not_persona", lang, got=type(answer).__name__), lang)
    missing = []
    if answer.key != BRIEF_KEY:
        missing.append(msg("personas.key", lang, want=repr(BRIEF_KEY), got=repr(answer.key)))
    if answer.age_band.replace("–", "-").replace(" ", "") != "45-54":
        missing.append(msg("personas.age", lang, got=repr(answer.age_band)))
    for lane in ("goals", "needs", "frustrations"):
        if not getattr(answer, lane):
            missing.append(msg("personas.lane", lang, lane=lane))
    if "whatsapp" not in answer.channels:
        missing.append(msg("personas.whatsapp", lang))
    if "mobile" not in answer.devices:
        missing.append(msg("personas.mobile", lang))
    if not answer.quote.strip():
        missing.append(msg("personas.quote", lang))
    if missing:
        return _fail(name, "; ".join(missing) + ".", lang)
    return Feedback(True, msg("personas.ready", lang, name=name, persona=answer.name))


def check_top_persona(
    answer: Any,
    tables: Any,
    *,
    stage: str = "convert",
    by: str = "persona",
    lang: str = "en",
) -> Feedback:
    """Which group of ``by`` (a ``users`` column, default ``persona``) has the largest *share* of
    its users reaching ``stage`` (CVJ step)?"""
    from journeykit.personas import display_name, stage_reach

    try:
        reach = stage_reach(tables, by=by)[stage]
    except (JourneykitError, KeyError) as err:
        return Feedback(
            False, msg("cannot_check", lang, name=msg("personas.name.answer", lang), error=err)
        )
    expected = str(reach.idxmax())
    users = tables.users
    reached_users = tables.events.loc[tables.events["stage"] == stage, "user_id"].unique()
    counts = users.loc[users["user_id"].isin(reached_users), by].value_counts()
    hints: dict[object, str] = {}
    most_people = str(counts.idxmax()) if len(counts) else None
    if most_people is not None and most_people != expected:
        key = "personas.top.biggest" if by == "persona" else "personas.top.biggest_group"
        hints[most_people] = msg(key, lang)
    labels = None
    if by == "persona":
        labels = {key: (display_name(key, "en"), display_name(key, "id")) for key in reach.index}
    name = (
        msg("personas.name.top", lang, stage=stage)
        if by == "persona"
        else msg("personas.name.top_group", lang, stage=stage, by=by)
    )
    return check_choice(answer, expected, name=name, hints=hints, labels=labels, lang=lang)


def check_reach_share(
    answer: Any,
    tables: Any,
    *,
    persona: str = "student",
    stage: str = "subscribe",
    lang: str = "en",
) -> Feedback:
    """The share (0-1) of ``persona``'s users who reached ``stage`` (a Customer Value Journey step)."""
    from journeykit.personas import stage_reach

    try:
        expected = float(stage_reach(tables).loc[persona, stage])
    except (JourneykitError, KeyError) as err:
        return Feedback(
            False, msg("cannot_check", lang, name=msg("personas.name.answer", lang), error=err)
        )
    group = tables.users["persona"] == persona
    ids = tables.users.loc[group, "user_id"]
    reached = tables.events.loc[
        (tables.events["stage"] == stage) & tables.events["user_id"].isin(ids), "user_id"
    ].nunique()
    hints = {
        float(reached): msg("personas.reach.count", lang),
    }
    everyone = len(tables.users)
    if everyone:
        hints[reached / everyone] = msg("personas.reach.all_users", lang, persona=persona)
    return check_number(
        answer,
        expected,
        name=msg("personas.name.reach", lang, persona=persona, stage=stage),
        rel_tol=1e-3,
        hints=hints,
        lang=lang,
    )


def check_largest_segment_share(
    answer: Any, tables: Any, *, k: int = 3, seed: int = 42, lang: str = "en"
) -> Feedback:
    """The share (0-1) of users in the largest behaviour segment (segment 1) of
    :func:`journeykit.personas.segment_users` with ``k`` segments and ``seed``."""
    from journeykit.personas import behaviour_features, segment_users

    try:
        segments = segment_users(behaviour_features(tables), k=k, seed=seed)
    except JourneykitError as err:
        return Feedback(
            False, msg("cannot_check", lang, name=msg("personas.name.answer", lang), error=err)
        )
    sizes = segments.value_counts()
    expected = float(sizes.loc[1] / len(segments))
    hints = {
        float(sizes.loc[1]): msg("personas.segment.count", lang),
    }
    smallest = float(sizes.min() / len(segments))
    if not math.isclose(smallest, expected):
        hints[smallest] = msg("personas.segment.smallest", lang)
    return check_number(
        answer,
        expected,
        name=msg("personas.name.segment", lang),
        rel_tol=1e-3,
        hints=hints,
        lang=lang,
    )
