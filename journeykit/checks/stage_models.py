"""Checks for exercise 01 (stage models), and the seeded practice data the exercise uses.

Every check returns a :class:`~journeykit.checks.Feedback` (never raises) and recognises the
usual wrong answers: the steps backwards, a label where a key is asked, a stage of the wrong
model, events counted instead of people, people counted only at their furthest stage.

>>> print(check_journey_order(["aware", "engage", "subscribe", "convert",
...                            "excite", "ascend", "advocate", "promote"]))
✔ journey order: correct.
>>> print(check_stage_of("purchase", "subscribe"))
✘ 'subscribe' in the 'five' model: not yet. Subscribing gives contact details, not money: ...
>>> events = practice_events(seed=1, n_users=6)
>>> print(check_stage_users(None, events))
✘ users per stage: no answer yet - replace None with your answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from journeykit.checks import Feedback, check_choice, check_sequence, msg, not_yet
from journeykit.errors import JourneykitError
from journeykit.i18n import check_lang
from journeykit.stages import CVJ_STEPS, StageModel, cvj_to_model, get_model, mapping

__all__ = [
    "SMARTPHONE_STAGES",
    "smartphone_quotes",
    "practice_steps",
    "practice_events",
    "expected_stage_users",
    "check_journey_order",
    "check_smartphone_stages",
    "check_stage_of",
    "check_stage_users",
    "biggest_drop",
    "check_biggest_drop",
]

# Article 001: the smartphone buyer's five moments, in journey order, with the 5-stage key of each.
_QUOTES: tuple[tuple[str, str, str], ...] = (
    (
        "I need a smartphone; let's Google",
        "Saya membutuhkan ponsel cerdas; mari Google",
        "awareness",
    ),
    ("I'm confused! Samsung or Apple?", "Saya bingung! Samsung atau Apple?", "consideration"),
    ("I choose Apple", "Saya memilih Apple", "purchase"),
    ("Thank you for buying an iPhone", "Terima kasih telah membeli iPhone", "retention"),
    (
        "Apple products are great; you should try them",
        "Produk Apple sangat bagus; Anda harus mencobanya",
        "advocacy",
    ),
)
SMARTPHONE_STAGES: tuple[str, ...] = tuple(q[2] for q in _QUOTES)

# Probability that a practice shopper's furthest Customer Value Journey step is each step.
_FURTHEST_P = np.array([0.30, 0.22, 0.16, 0.12, 0.08, 0.06, 0.04, 0.02])

_WRONG_MODEL_HINT = "stages.wrong_model"
# (step, wrong answer) -> catalogue key of its hint
_STAGE_HINTS: dict[tuple[str, str], str] = {
    ("subscribe", "purchase"): ("stages.subscribe.purchase"),
    (
        "convert",
        "consideration",
    ): "stages.convert.consideration",
    ("excite", "purchase"): ("stages.excite.purchase"),
    ("ascend", "purchase"): ("stages.ascend.purchase"),
    ("advocate", "retention"): "stages.advocate.retention",
    ("engage", "awareness"): ("stages.engage.awareness"),
}


def smartphone_quotes(lang: str = "en") -> list[str]:
    """The smartphone buyer's five moments from article 001, in journey order, in ``lang``.

    >>> smartphone_quotes("id")[2]
    'Saya memilih Apple'
    """
    col = 0 if check_lang(lang) == "en" else 1
    return [q[col] for q in _QUOTES]


def practice_steps(seed: int = 42) -> list[str]:
    """The 8 Customer Value Journey step keys, shuffled with ``seed`` (never in journey order).

    >>> sorted(practice_steps(3)) == sorted(CVJ_STEPS)
    True
    >>> practice_steps(3) == practice_steps(3) != list(CVJ_STEPS)
    True
    """
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(CVJ_STEPS))
    if (order == np.arange(len(CVJ_STEPS))).all():
        order = order[::-1]
    return [CVJ_STEPS[i] for i in order]


def practice_events(seed: int = 42, n_users: int = 40) -> pd.DataFrame:
    """A small seeded event table: each shopper has one event for every step up to their furthest.

    Columns: ``event_id`` (int, 1..), ``user_id`` (int, 1..n_users), ``stage`` (the Customer
    Value Journey step the event shows the user reached). Furthest steps are drawn so that about
    30 % stop at *aware* and 2 % reach *promote*; the table is in user, then journey order.

    >>> ev = practice_events(seed=5, n_users=3)
    >>> ev.groupby("user_id").size().tolist()
    [5, 5, 2]
    >>> ev[ev["user_id"] == 3]["stage"].tolist()
    ['aware', 'engage']
    """
    if isinstance(n_users, bool) or not isinstance(n_users, int) or n_users < 1:
        raise JourneykitError(f"n_users: expected an integer >= 1, got {n_users!r}")
    rng = np.random.default_rng(seed)
    furthest = rng.choice(len(CVJ_STEPS), size=n_users, p=_FURTHEST_P)
    counts = furthest + 1
    users = np.repeat(np.arange(1, n_users + 1), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    step_index = np.arange(counts.sum()) - starts
    return pd.DataFrame(
        {
            "event_id": np.arange(1, counts.sum() + 1),
            "user_id": users,
            "stage": np.asarray(CVJ_STEPS, dtype=object)[step_index],
        }
    ).astype({"stage": "string"})


def expected_stage_users(events: pd.DataFrame, stage_model: str | StageModel = "five") -> pd.Series:
    """People who reached each stage of ``stage_model`` (furthest stage at or after it).

    Index: the model's stage keys in journey order (name ``stage``); values: number of distinct
    ``user_id`` (people, not events). A stage nobody reached counts 0. This is the ``users``
    column of :func:`journeykit.funnels.stage_funnel`, which the checks use as the reference.

    >>> ev = pd.DataFrame({"user_id": [1, 1, 2], "stage": ["aware", "convert", "aware"]})
    >>> expected_stage_users(ev).tolist()
    [2, 1, 1, 0, 0]
    """
    from journeykit.funnels import stage_funnel

    funnel = stage_funnel(events, get_model(stage_model))
    return pd.Series(
        funnel["users"].to_numpy(dtype="int64"),
        index=pd.Index(funnel["stage"].tolist(), name="stage"),
        name="users",
    )


def _keys_of(answer: Sequence[object]) -> list[object]:
    return [a.strip().lower() if isinstance(a, str) else a for a in answer]


def check_journey_order(answer: object, *, lang: str = "en") -> Feedback:
    """Is ``answer`` the 8 Customer Value Journey step keys in journey order?"""
    name = msg("stages.name.order", lang)
    if isinstance(answer, Sequence) and not isinstance(answer, str):
        keys = _keys_of(answer)
        if keys == list(CVJ_STEPS)[::-1]:
            return not_yet(name, msg("stages.order.backwards", lang), lang)
        five = set(get_model("five").keys()) | set(get_model("map").keys())
        if keys and set(keys) <= five:
            return not_yet(name, msg(_WRONG_MODEL_HINT, lang) + ".", lang)
        if keys == list(CVJ_STEPS):
            answer = keys
    return check_sequence(answer, list(CVJ_STEPS), name=name, lang=lang)


def check_smartphone_stages(answer: object, *, lang: str = "en") -> Feedback:
    """Is ``answer`` the 5-stage key of each smartphone-buyer moment (a list of 5, in order)?"""
    name = msg("stages.name.smartphone", lang)
    if answer is None:
        return check_sequence(answer, list(SMARTPHONE_STAGES), name=name, lang=lang)
    if isinstance(answer, Mapping):
        answer = list(answer.values())
    if not isinstance(answer, Sequence) or isinstance(answer, str) or len(answer) != 5:
        return Feedback(False, msg("stages.smartphone.five", lang, name=name))
    # a stage's label (either language) is read as its key
    five = get_model("five")
    labels = {s.label_en.lower(): s.key for s in five} | {s.label_id.lower(): s.key for s in five}
    typed = _keys_of(answer)
    keys = [labels.get(k, k) if isinstance(k, str) and k not in five else k for k in typed]
    wrong = [
        (i, k) for i, (k, want) in enumerate(zip(keys, SMARTPHONE_STAGES, strict=True)) if k != want
    ]
    if not wrong:
        if keys != typed:
            return Feedback(True, msg("stages.smartphone.labels", lang, name=name, keys=keys))
        return Feedback(True, msg("correct_plain", lang, name=name))
    quotes = smartphone_quotes(lang)
    i, got = wrong[0]
    why = {
        3: msg("stages.why.retention", lang),
        2: msg("stages.why.purchase", lang),
        1: msg("stages.why.consideration", lang),
        4: msg("stages.why.advocacy", lang),
        0: msg("stages.why.awareness", lang),
    }[i]
    return Feedback(
        False,
        msg("stages.smartphone.wrong", lang, name=name, quote=repr(quotes[i]), got=repr(got))
        + f" {why} "
        + msg("stages.smartphone.n_wrong", lang, n=len(wrong)),
    )


def check_stage_of(
    answer: object,
    step: str,
    *,
    source: str | StageModel = "cvj",
    target: str | StageModel = "five",
    lang: str = "en",
) -> Feedback:
    """Is ``answer`` the ``target`` stage that stage ``step`` of ``source`` maps onto?

    When a source stage spans several target stages, any of them is accepted.
    """
    src, tgt = get_model(source), get_model(target)
    name = msg("stages.name.stage_of", lang, step=repr(step), model=repr(tgt.key))
    targets = mapping(src, tgt).get(step, ())
    if not targets:
        return Feedback(
            False, msg("stages.not_a_stage", lang, name=name, key=repr(step), model=repr(src.key))
        )
    if isinstance(answer, str):
        key = answer.strip().lower()
        by_label = {s.label_en.lower(): s.key for s in tgt} | {
            s.label_id.lower(): s.key for s in tgt
        }
        if key in by_label and key not in tgt:
            # a label is read as its stage's key: right with a note, or that key's hint
            if by_label[key] in targets:
                return Feedback(
                    True,
                    msg(
                        "correct_label",
                        lang,
                        name=name,
                        key=repr(by_label[key]),
                        label=repr(answer.strip()),
                    ),
                )
            key = by_label[key]
        if key in targets:
            return Feedback(True, msg("correct", lang, name=name, value=repr(key)))
        if key in src and key not in tgt:
            return Feedback(
                False,
                msg(
                    "stages.other_model",
                    lang,
                    name=name,
                    key=repr(key),
                    model=repr(src.key),
                    target=repr(tgt.key),
                ),
            )
        hint = _STAGE_HINTS.get((step, key))
        if hint:
            return not_yet(name, msg(hint, lang), lang)
        answer = key
    return check_choice(answer, targets[0], name=name, lang=lang)


def check_stage_users(
    answer: object,
    events: pd.DataFrame,
    stage_model: str | StageModel = "five",
    *,
    lang: str = "en",
) -> Feedback:
    """Is ``answer`` the number of people who reached each stage (see :func:`expected_stage_users`)?

    ``answer`` may be a Series indexed by stage key, a dict, or a list in journey order.
    """
    name = msg("stages.name.users", lang)
    model = get_model(stage_model)
    want = expected_stage_users(events, model)
    if answer is None:
        return check_sequence(None, want.tolist(), name=name, lang=lang)
    try:
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        if isinstance(answer, pd.Series | Mapping):
            series = (
                pd.Series(answer, dtype="float64")
                if isinstance(answer, Mapping)
                else answer.astype("float64")
            )
            extra = [k for k in series.index if k not in model]
            if extra:
                return Feedback(
                    False,
                    msg(
                        "stages.not_a_stage",
                        lang,
                        name=name,
                        key=repr(extra[0]),
                        model=repr(model.key),
                    ),
                )
            if len(series) == len(model) and list(series.index) != list(model.keys()):
                return Feedback(
                    False,
                    msg("stages.users.order", lang, name=name, keys=list(model.keys())),
                )
            if len(series) < len(model):
                return Feedback(
                    False,
                    msg("stages.users.zero_row", lang, name=name),
                )
            got = series.to_numpy()
        else:
            got = np.asarray(list(answer), dtype="float64")  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(False, msg("stages.users.numbers", lang, name=name))
    if got.shape != (len(model),):
        return Feedback(
            False, msg("stages.users.count", lang, name=name, n=len(model), got=got.size)
        )
    if np.allclose(got, want.to_numpy()):
        values = ", ".join(str(int(v)) for v in got)
        return Feedback(True, msg("correct", lang, name=name, value=values))
    steps = events["stage"].map(cvj_to_model(model))
    event_counts = steps.value_counts().reindex(model.keys(), fill_value=0).to_numpy()
    at_furthest = np.append(-np.diff(want.to_numpy()), want.to_numpy()[-1])
    if np.allclose(got, event_counts):
        hint = msg("stages.users.events", lang)
    elif np.allclose(got, at_furthest):
        hint = msg("stages.users.furthest", lang)
    elif want.iloc[0] > 0 and (
        np.allclose(got, want.to_numpy() / want.iloc[0])
        or np.allclose(got, 100 * want.to_numpy() / want.iloc[0])
    ):
        hint = msg("stages.users.shares", lang)
    else:
        first = int(np.argmax(~np.isclose(got, want.to_numpy())))
        hint = msg("stages.users.first_differs", lang, key=repr(model.keys()[first]))
    return not_yet(name, hint, lang)


def biggest_drop(events: pd.DataFrame, stage_model: str | StageModel = "five") -> str:
    """The stage that the most people failed to reach from the stage before it (first on ties).

    >>> ev = pd.DataFrame({"user_id": [1, 1, 2, 3], "stage": ["aware", "convert", "aware", "aware"]})
    >>> biggest_drop(ev)  # 3 aware, 1 considered, 1 bought: the 2 were lost before consideration
    'consideration'
    """
    users = expected_stage_users(events, stage_model)
    lost = (users.shift(1) - users).iloc[1:]
    return str(lost.idxmax())


def check_biggest_drop(
    answer: object,
    events: pd.DataFrame,
    stage_model: str | StageModel = "five",
    *,
    lang: str = "en",
) -> Feedback:
    """Is ``answer`` the stage key that the most people failed to reach (:func:`biggest_drop`)?"""
    model = get_model(stage_model)
    want = biggest_drop(events, model)
    keys = list(model.keys())
    before = keys[keys.index(want) - 1]
    hints = {
        before: msg("stages.drop.before", lang, key=repr(before)),
        keys[-1]: msg("stages.drop.last", lang),
    }
    hints.pop(want, None)
    return check_choice(
        answer.strip().lower() if isinstance(answer, str) else answer,
        want,
        name=msg("stages.name.drop", lang),
        hints=hints,
        lang=lang,
    )
