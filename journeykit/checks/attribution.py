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
from journeykit.checks import Feedback, check_choice, check_number, no_answer, safely
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
    *,
    tol: float = 1e-6,
) -> Feedback:
    """Check a numeric answer against ``compute() -> (expected, hints)``; never raises."""
    if (fb := no_answer(answer, name)) is not None:
        return fb
    got, fb = safely(name, compute)
    if fb is not None:
        return fb
    expected, hints = got
    hints.pop(expected, None)
    return check_number(answer, expected, name=name, rel_tol=tol, abs_tol=tol, hints=hints)


def _rows(paths: pd.DataFrame) -> list[tuple[list[str], float, float]]:
    v = validate_paths(paths)
    return [
        (p.split(SEP), float(c), float(n))
        for p, c, n in zip(v["path"], v["total_conversions"], v["total_null"], strict=True)
    ]


def check_assisted(answer: object, paths: pd.DataFrame, channel: str) -> Feedback:
    """Assisted conversions of ``channel`` (GA's rule) in an aggregated paths table."""
    name = f"assisted conversions of {channel}"

    def compute() -> tuple[float, dict[float, str]]:
        report = assisted_conversions(paths).set_index("channel")
        expected = float(report["assisted_conversions"].get(channel, 0.0))
        rows = _rows(paths)
        every = sum(c * path[:-1].count(channel) for path, c, _ in rows)
        anywhere = sum(c for path, c, _ in rows if channel in path)
        n_paths = sum(1 for path, c, _ in rows if c > 0 and channel in path[:-1])
        hints = {
            every: (
                "You counted every appearance; a channel assists a conversion once, however "
                "often it appears on the path."
            ),
            anywhere: (
                "You counted conversions where the channel is last too; the last touch is a "
                "last-click conversion, not an assist."
            ),
            float(n_paths): (
                "You counted paths; count their conversions (total_conversions) instead."
            ),
        }
        return expected, hints

    return _number(answer, name, compute)


def check_linear_credit(answer: object, paths: pd.DataFrame, channel: str) -> Feedback:
    """Conversions the linear model credits to ``channel`` (one share per touch)."""
    name = f"linear credit of {channel}"

    def compute() -> tuple[float, dict[float, str]]:
        expected = float(heuristic_credit(paths, "linear").get(channel, 0.0))
        rows = _rows(paths)
        once = sum(c / len(set(path)) for path, c, _ in rows if channel in path)
        first = float(heuristic_credit(paths, "first").get(channel, 0.0))
        last = float(heuristic_credit(paths, "last").get(channel, 0.0))
        repeat = next((len(p) for p, c, _ in rows if p.count(channel) > 1 and c > 0), None)
        once_hint = (
            f"Linear gives one share per touch: {channel} appears twice on a {repeat}-touch "
            f"path, so it gets 2/{repeat} of those conversions."
            if repeat
            else "Linear gives one share per touch, counting repeated channels each time."
        )
        hints = {
            once: once_hint,
            first: "That is the first-touch credit; linear shares every conversion equally.",
            last: "That is the last-touch credit; linear shares every conversion equally.",
        }
        return expected, hints

    return _number(answer, name, compute)


def check_position_credit(
    answer: object,
    paths: pd.DataFrame,
    channel: str,
    *,
    first_weight: float = 0.4,
    last_weight: float = 0.4,
) -> Feedback:
    """Conversions the position-based model (40/20/40 by default) credits to ``channel``."""
    name = f"position-based credit of {channel}"

    def compute() -> tuple[float, dict[float, str]]:
        kw = {"first_weight": first_weight, "last_weight": last_weight}
        expected = float(heuristic_credit(paths, "position", **kw).get(channel, 0.0))
        rows = _rows(paths)
        # the usual slip: 40/20/40 applied to two-touch paths too (first 0.4, last 0.4)
        no_two_rule = 0.0
        for path, c, _ in rows:
            n = len(path)
            for i, ch in enumerate(path):
                if ch != channel:
                    continue
                if n == 1:
                    no_two_rule += c
                elif i == 0:
                    no_two_rule += c * first_weight
                elif i == n - 1:
                    no_two_rule += c * last_weight
                else:
                    no_two_rule += c * (1 - first_weight - last_weight) / (n - 2)
        linear = float(heuristic_credit(paths, "linear").get(channel, 0.0))
        hints = {
            no_two_rule: (
                "On a two-touch path there is no middle: first and last share everything "
                "(50/50 with 40/40 weights)."
            ),
            linear: "That is the linear credit; position based gives 40 % to the first and "
            "40 % to the last touch and shares 20 % among the touches between.",
        }
        return expected, hints

    return _number(answer, name, compute)


def check_removal_effect(answer: object, paths: pd.DataFrame, channel: str) -> Feedback:
    """The Markov removal effect (0-1) of ``channel``: the share of P(conversion) lost
    without it."""
    name = f"removal effect of {channel}"

    def compute() -> tuple[float, dict[float, str]]:
        r = markov_removal_effects(paths).removal.set_index("channel")
        expected = float(r.loc[channel, "removal_effect"])
        no_null = paths.assign(total_null=0) if "total_null" in paths.columns else paths
        r0 = markov_removal_effects(no_null).removal.set_index("channel")
        hints = {
            expected * 100: "You gave a percentage; give the effect as a share between 0 and 1.",
            float(r.loc[channel, "share"]): (
                "That is the channel's share (effect / sum of all effects); the removal effect "
                "is 1 - P(conversion without it) / P(conversion)."
            ),
            float(r.loc[channel, "conversions"]): (
                "That is the attributed conversions; the question asks for the removal effect."
            ),
            float(r0.loc[channel, "removal_effect"]): (
                "Count the journeys that did not convert (total_null) too: they lead to (null)."
            ),
        }
        return expected, hints

    return _number(answer, name, compute, tol=1e-4)


def check_biggest_gain(
    answer: object, credit: pd.DataFrame, *, from_model: str = "last", to_model: str = "first"
) -> Feedback:
    """The channel that gains the most credit when moving from ``from_model`` to ``to_model``
    (``credit``: :func:`journeykit.attribution.attribute`'s table)."""
    name = f"channel gaining most from {from_model} to {to_model}"

    def compute() -> tuple[str, dict[object, str]]:
        gain = (credit[to_model] - credit[from_model]).to_numpy(dtype=float)
        channels = credit["channel"].astype(str).to_numpy()
        expected = str(channels[int(np.argmax(gain))])
        hints: dict[object, str] = {
            str(channels[int(np.argmin(gain))]): (
                f"That channel loses the most; compute {to_model} minus {from_model} and take "
                "the largest."
            ),
            str(channels[int(np.argmax(credit[to_model].to_numpy(dtype=float)))]): (
                f"That channel has the most {to_model} credit, but the question is about the "
                "change between the models."
            ),
        }
        hints.pop(expected, None)
        return expected, hints

    got, fb = safely(name, compute)
    if fb is not None:
        return fb
    expected, hints = got
    return check_choice(answer, expected, name=name, hints=hints)
