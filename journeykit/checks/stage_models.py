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

from journeykit.checks import Feedback, check_choice, check_sequence, not_yet
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

_WRONG_MODEL_HINT = "those are stage keys of another model; use the 8 Customer Value Journey steps"
_STAGE_HINTS: dict[tuple[str, str], str] = {
    ("subscribe", "purchase"): (
        "Subscribing gives contact details, not money: the customer is still considering "
        "(article 004, step 3)."
    ),
    (
        "convert",
        "consideration",
    ): "Converting means buying (or investing time): that is the purchase.",
    ("excite", "purchase"): (
        "Excite comes after the purchase: the new customer gets value from it, which keeps them "
        "(retention)."
    ),
    ("ascend", "purchase"): (
        "Ascend is buying more after the first purchase, so it belongs to keeping the customer "
        "(retention)."
    ),
    ("advocate", "retention"): "Speaking well of you to others is advocacy, not only staying.",
    ("engage", "awareness"): (
        "Engaging goes beyond knowing you exist: the prospect starts comparing and talking to you."
    ),
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
    name = "journey order"
    if isinstance(answer, Sequence) and not isinstance(answer, str):
        keys = _keys_of(answer)
        if keys == list(CVJ_STEPS)[::-1]:
            return not_yet(name, "You listed the steps backwards: start at 'aware'.", lang)
        five = set(get_model("five").keys()) | set(get_model("map").keys())
        if keys and set(keys) <= five:
            return not_yet(name, f"{_WRONG_MODEL_HINT}.", lang)
        if keys == list(CVJ_STEPS):
            answer = keys
    return check_sequence(answer, list(CVJ_STEPS), name=name, lang=lang)


def check_smartphone_stages(answer: object, *, lang: str = "en") -> Feedback:
    """Is ``answer`` the 5-stage key of each smartphone-buyer moment (a list of 5, in order)?"""
    name = "smartphone buyer stages"
    if answer is None:
        return check_sequence(answer, list(SMARTPHONE_STAGES), name=name, lang=lang)
    if isinstance(answer, Mapping):
        answer = list(answer.values())
    if not isinstance(answer, Sequence) or isinstance(answer, str) or len(answer) != 5:
        return Feedback(False, f"✘ {name}: give a list of 5 stage keys, one per moment.")
    keys = _keys_of(answer)
    labels = {s.label_en.lower(): s.key for s in get_model("five")}
    if any(k in labels and k not in SMARTPHONE_STAGES for k in keys):
        return Feedback(
            False,
            f"✘ {name}: use the stage keys ('purchase'), not the labels ('Decision / Purchase').",
        )
    wrong = [
        (i, k) for i, (k, want) in enumerate(zip(keys, SMARTPHONE_STAGES, strict=True)) if k != want
    ]
    if not wrong:
        return Feedback(True, f"✔ {name}: correct.")
    quotes = smartphone_quotes("en")
    i, got = wrong[0]
    why = {
        3: "The thank-you message comes after the sale: keeping the customer is retention.",
        2: "Choosing a brand and buying is the decision / purchase stage.",
        1: "Comparing Samsung with Apple is consideration.",
        4: "Recommending to friends is advocacy.",
        0: "Searching because of a need is where awareness starts.",
    }[i]
    return Feedback(
        False, f"✘ {name}: not yet - {quotes[i]!r} is not {got!r}. {why} ({len(wrong)} wrong)"
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
    name = f"{step!r} in the {tgt.key!r} model"
    targets = mapping(src, tgt).get(step, ())
    if not targets:
        return Feedback(False, f"✘ {name}: {step!r} is not a stage of the {src.key!r} model.")
    if isinstance(answer, str):
        key = answer.strip().lower()
        by_label = {s.label_en.lower(): s.key for s in tgt} | {
            s.label_id.lower(): s.key for s in tgt
        }
        if key in by_label and key not in tgt:
            return Feedback(
                False, f"✘ {name}: use the stage key ({by_label[key]!r}), not its label."
            )
        if key in targets:
            return Feedback(True, f"✔ {name}: correct ({key!r}).")
        if key in src and key not in tgt:
            return Feedback(
                False,
                f"✘ {name}: {key!r} is a stage of the {src.key!r} model; answer with a stage of {tgt.key!r}.",
            )
        hint = _STAGE_HINTS.get((step, key))
        if hint:
            return not_yet(name, f"{hint}", lang)
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
    name = "users per stage"
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
                    False, f"✘ {name}: {extra[0]!r} is not a stage of the {model.key!r} model."
                )
            if len(series) == len(model) and list(series.index) != list(model.keys()):
                return Feedback(
                    False,
                    f"✘ {name}: put the stages in journey order: .reindex({list(model.keys())}).",
                )
            if len(series) < len(model):
                return Feedback(
                    False,
                    f"✘ {name}: a stage nobody reached still needs a row with 0 (try .reindex(..., fill_value=0)).",
                )
            got = series.to_numpy()
        else:
            got = np.asarray(list(answer), dtype="float64")  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(False, f"✘ {name}: expected numbers per stage (a Series, dict or list).")
    if got.shape != (len(model),):
        return Feedback(
            False, f"✘ {name}: expected {len(model)} numbers, one per stage, got {got.size}."
        )
    if np.allclose(got, want.to_numpy()):
        return Feedback(True, f"✔ {name}: correct ({', '.join(str(int(v)) for v in got)}).")
    steps = events["stage"].map(cvj_to_model(model))
    event_counts = steps.value_counts().reindex(model.keys(), fill_value=0).to_numpy()
    at_furthest = np.append(-np.diff(want.to_numpy()), want.to_numpy()[-1])
    if np.allclose(got, event_counts):
        hint = "You counted events; count people: .nunique() on user_id per stage."
    elif np.allclose(got, at_furthest):
        hint = "You counted people only at their furthest stage; someone who bought also passed every earlier stage."
    elif want.iloc[0] > 0 and (
        np.allclose(got, want.to_numpy() / want.iloc[0])
        or np.allclose(got, 100 * want.to_numpy() / want.iloc[0])
    ):
        hint = "Those are shares; give the number of people."
    else:
        first = int(np.argmax(~np.isclose(got, want.to_numpy())))
        hint = f"the first stage that differs is {model.keys()[first]!r}."
    return not_yet(name, f"{hint}", lang)


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
        before: (f"People were lost after {before!r}: answer with the stage they did not reach."),
        keys[-1]: "The last stage has the fewest people, but the drop is the difference "
        "between one stage and the next.",
    }
    hints.pop(want, None)
    return check_choice(
        answer.strip().lower() if isinstance(answer, str) else answer,
        want,
        name="biggest drop",
        hints=hints,
        lang=lang,
    )
