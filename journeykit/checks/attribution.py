"""Checks for exercise 07 (assisted conversions and attribution).

Each check recomputes the expected answer with :mod:`journeykit.paths` and
:mod:`journeykit.attribution` from the same paths the learner used, returns a
:class:`~journeykit.checks.Feedback` (never raises) and recognises the usual mistakes: counting
every appearance of a channel instead of once per conversion, counting the last touch as an
assist, counting paths instead of conversions, one share per channel instead of one per touch
under linear, forgetting the two-touch rule of position based, the share instead of the
removal effect, forgetting the journeys that did not convert.

>>> import pandas as pd
>>> p = pd.DataFrame({"path": ["ads > email > ads > direct", "email"],
...                   "total_conversions": [2, 1], "total_null": [0, 1]})
>>> print(check_assisted(2, p, "ads"))
✔ assisted conversions of ads: correct (2).
>>> print(check_assisted(4, p, "ads"))
✘ assisted conversions of ads: not yet. You counted every appearance; a channel assists a conversion once, however often it appears on the path.
>>> print(check_linear_credit(2 * 1 / 3, p, "ads"))
✘ linear credit of ads: not yet. Linear gives one share per touch: ads appears twice on a 4-touch path, so it gets 2/4 of those conversions.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from journeykit.attribution import heuristic_credit, markov_removal_effects
from journeykit.checks import Feedback, check_choice, check_number, msg, no_answer, safely
from journeykit.paths import SEP, assisted_conversions, validate_paths

__all__ = [
    "check_assisted",
    "check_linear_credit",
    "check_position_credit",
    "check_removal_effect",
    "check_biggest_gain",
]


def _number(
    answer: object,
    name: str,
    compute: Callable[[], tuple[float, dict[float, str]]],
    lang: str,
    *,
    tol: float = 0.0,
) -> Feedback:
    """Check a numeric answer against ``compute() -> (expected, hints)``; never raises."""
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb
    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, hints = got
    hints = {k: v for k, v in hints.items() if not np.isclose(k, expected, rtol=1e-9, atol=1e-12)}
    return check_number(answer, expected, name=name, abs_tol=tol, hints=hints, lang=lang)


def _rows(paths: pd.DataFrame) -> list[tuple[list[str], float, float]]:
    v = validate_paths(paths)
    return [
        (p.split(SEP), float(c), float(n))
        for p, c, n in zip(v["path"], v["total_conversions"], v["total_null"], strict=True)
    ]


def assisted_mistakes(paths: pd.DataFrame, channel: str) -> dict[str, float]:
    """The numbers the usual slips give for the assisted conversions of ``channel``.

    ``every``: every appearance before the last touch counted; ``anywhere``: conversions with
    the channel anywhere, the last touch included; ``paths``: converting paths counted
    instead of their conversions.

    >>> p = pd.DataFrame({"path": ["ads > email > ads > direct", "ads"],
    ...                   "total_conversions": [2, 1], "total_null": [0, 0]})
    >>> assisted_mistakes(p, "ads")
    {'every': 4.0, 'anywhere': 3.0, 'paths': 1.0}
    """
    rows = _rows(paths)
    return {
        "every": sum(c * path[:-1].count(channel) for path, c, _ in rows),
        "anywhere": sum(c for path, c, _ in rows if channel in path),
        "paths": float(sum(1 for path, c, _ in rows if c > 0 and channel in path[:-1])),
    }


def check_assisted(answer: object, paths: pd.DataFrame, channel: str, lang: str = "en") -> Feedback:
    """Assisted conversions of ``channel`` (GA's rule) in an aggregated paths table."""
    name = msg("attr.name.assisted", lang, channel=channel)

    def compute() -> tuple[float, dict[float, str]]:
        report = assisted_conversions(paths).set_index("channel")
        expected = float(report["assisted_conversions"].get(channel, 0.0))
        wrong = assisted_mistakes(paths, channel)
        hints = {wrong[k]: msg(f"attr.assisted.{k}", lang) for k in ("every", "anywhere", "paths")}
        return expected, hints

    return _number(answer, name, compute, lang)


def linear_mistakes(paths: pd.DataFrame, channel: str) -> dict[str, float]:
    """The numbers the usual slips give for the linear credit of ``channel``.

    ``once``: one share per distinct channel (a repeat counted once); ``first`` / ``last``:
    the first- / last-touch credit given instead.

    >>> p = pd.DataFrame({"path": ["ads > email > ads > direct"],
    ...                   "total_conversions": [4], "total_null": [0]})
    >>> linear_mistakes(p, "ads")
    {'once': 1.3333333333333333, 'first': 4.0, 'last': 0.0}
    """
    rows = _rows(paths)
    return {
        "once": sum(c / len(set(path)) for path, c, _ in rows if channel in path),
        "first": float(heuristic_credit(paths, "first").get(channel, 0.0)),
        "last": float(heuristic_credit(paths, "last").get(channel, 0.0)),
    }


def check_linear_credit(
    answer: object, paths: pd.DataFrame, channel: str, lang: str = "en"
) -> Feedback:
    """Conversions the linear model credits to ``channel`` (one share per touch)."""
    name = msg("attr.name.linear", lang, channel=channel)

    def compute() -> tuple[float, dict[float, str]]:
        expected = float(heuristic_credit(paths, "linear").get(channel, 0.0))
        rows = _rows(paths)
        wrong = linear_mistakes(paths, channel)
        repeat = next((len(p) for p, c, _ in rows if p.count(channel) > 1 and c > 0), None)
        once_hint = (
            msg("attr.linear.once_repeat", lang, channel=channel, n=repeat)
            if repeat
            else msg("attr.linear.once", lang)
        )
        hints = {
            wrong["once"]: once_hint,
            wrong["first"]: msg("attr.linear.first", lang),
            wrong["last"]: msg("attr.linear.last", lang),
        }
        return expected, hints

    return _number(answer, name, compute, lang)


def position_mistakes(
    paths: pd.DataFrame, channel: str, *, first_weight: float = 0.4, last_weight: float = 0.4
) -> dict[str, float]:
    """The numbers the usual slips give for the position-based credit of ``channel``.

    ``no_two_rule``: 40/40 applied to two-touch paths too (first 0.4, last 0.4, nothing
    shared); ``middle_each``: each middle touch given the whole middle weight (20 %) instead
    of a share of it; ``first_only``: only the channel's first appearance on a path credited;
    ``linear``: the linear credit.

    >>> p = pd.DataFrame({"path": ["ads > direct", "ads > email > ads > direct"],
    ...                   "total_conversions": [1, 1], "total_null": [0, 0]})
    >>> {k: round(v, 3) for k, v in position_mistakes(p, "ads").items()}
    {'no_two_rule': 0.9, 'middle_each': 1.1, 'first_only': 0.9, 'linear': 1.0}
    """
    rows = _rows(paths)
    middle = 1 - first_weight - last_weight
    out = {"no_two_rule": 0.0, "middle_each": 0.0, "first_only": 0.0}
    for path, c, _ in rows:
        n = len(path)
        for i, ch in enumerate(path):
            if ch != channel:
                continue
            if n == 1:
                share = {"no_two_rule": 1.0, "middle_each": 1.0, "first_only": 1.0}
            elif n == 2:
                half = 0.5
                share = {
                    "no_two_rule": first_weight if i == 0 else last_weight,
                    "middle_each": half,
                    "first_only": half,
                }
            else:
                w = first_weight if i == 0 else last_weight if i == n - 1 else None
                share = {
                    "no_two_rule": w if w is not None else middle / (n - 2),
                    "middle_each": w if w is not None else middle,
                    "first_only": w if w is not None else middle / (n - 2),
                }
            if i > path.index(channel):
                share["first_only"] = 0.0
            for key in out:
                out[key] += c * share[key]
    out["linear"] = float(heuristic_credit(paths, "linear").get(channel, 0.0))
    return out


def check_position_credit(
    answer: object,
    paths: pd.DataFrame,
    channel: str,
    *,
    first_weight: float = 0.4,
    last_weight: float = 0.4,
    lang: str = "en",
) -> Feedback:
    """Conversions the position-based model (40/20/40 by default) credits to ``channel``."""
    name = msg("attr.name.position", lang, channel=channel)

    def compute() -> tuple[float, dict[float, str]]:
        kw = {"first_weight": first_weight, "last_weight": last_weight}
        expected = float(heuristic_credit(paths, "position", **kw).get(channel, 0.0))
        wrong = position_mistakes(paths, channel, **kw)
        hints = {v: msg(f"attr.position.{k}", lang, channel=channel) for k, v in wrong.items()}
        return expected, hints

    return _number(answer, name, compute, lang)


def removal_mistakes(paths: pd.DataFrame, channel: str) -> dict[str, float]:
    """The numbers the usual slips give for the removal effect of ``channel``.

    ``share``: the channel's share of all effects; ``conversions``: the attributed
    conversions; ``no_null``: the effect with the non-converting journeys left out;
    ``ratio``: P(without) / P(with), without the "1 -"; ``without``: 1 - P(without).

    >>> t = pd.DataFrame({"path": ["ads > direct", "direct"],
    ...                   "total_conversions": [1, 1], "total_null": [2, 1]})
    >>> {k: round(v, 3) for k, v in removal_mistakes(t, "ads").items()}
    {'share': 0.375, 'conversions': 0.75, 'no_null': 0.5, 'ratio': 0.4, 'without': 0.84}
    """
    res = markov_removal_effects(paths)
    r = res.removal.set_index("channel")
    no_null = paths.assign(total_null=0) if "total_null" in paths.columns else paths
    r0 = markov_removal_effects(no_null).removal.set_index("channel")
    effect = float(r.loc[channel, "removal_effect"])
    p_with = float(res.conversion_probability)
    p_without = p_with * (1 - effect)
    return {
        "share": float(r.loc[channel, "share"]),
        "conversions": float(r.loc[channel, "conversions"]),
        "no_null": float(r0.loc[channel, "removal_effect"]),
        "ratio": 1 - effect,
        "without": 1 - p_without,
    }


def check_removal_effect(
    answer: object, paths: pd.DataFrame, channel: str, lang: str = "en"
) -> Feedback:
    """The Markov removal effect (0-1) of ``channel``: the share of P(conversion) lost
    without it."""
    name = msg("attr.name.removal", lang, channel=channel)

    def compute() -> tuple[float, dict[float, str]]:
        r = markov_removal_effects(paths).removal.set_index("channel")
        expected = float(r.loc[channel, "removal_effect"])
        wrong = removal_mistakes(paths, channel)
        hints = {v: msg(f"attr.removal.{k}", lang) for k, v in wrong.items()}
        return expected, hints

    return _number(answer, name, compute, lang, tol=1e-4)


def check_biggest_gain(
    answer: object,
    credit: pd.DataFrame,
    *,
    from_model: str = "last",
    to_model: str = "first",
    lang: str = "en",
) -> Feedback:
    """The channel that gains the most credit when moving from ``from_model`` to ``to_model``
    (``credit``: :func:`journeykit.attribution.attribute`'s table)."""
    name = msg("attr.name.gain", lang, from_model=from_model, to_model=to_model)

    def compute() -> tuple[str, dict[object, str]]:
        gain = (credit[to_model] - credit[from_model]).to_numpy(dtype=float)
        channels = credit["channel"].astype(str).to_numpy()
        expected = str(channels[int(np.argmax(gain))])
        hints: dict[object, str] = {
            str(channels[int(np.argmin(gain))]): msg(
                "attr.gain.loses", lang, from_model=from_model, to_model=to_model
            ),
            str(channels[int(np.argmax(credit[to_model].to_numpy(dtype=float)))]): msg(
                "attr.gain.most", lang, to_model=to_model
            ),
        }
        hints.pop(expected, None)
        return expected, hints

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, hints = got
    return check_choice(answer, expected, name=name, hints=hints, lang=lang)
