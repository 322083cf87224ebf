"""Checks for exercise 04 (touchpoints and channels).

Each check computes the expected answer with :mod:`journeykit.touchpoints` on the same events
the learner used, returns a :class:`~journeykit.checks.Feedback` (never raises) and recognises
the usual mistakes: counting touches instead of people, counting touches after the purchase,
taking every person instead of the buyers, every purchase instead of first purchases, the
device mix of all touches instead of converting touches, a percentage where a share is asked.

>>> import pandas as pd
>>> ev = pd.DataFrame({"event_id": [1, 2, 3, 4], "user_id": [1, 1, 2, 2],
...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-01", "2024-01-02"]),
...     "channel": ["social_ads", "direct", "email", "email"],
...     "device": ["mobile", "desktop", "mobile", "mobile"],
...     "event_type": ["click", "purchase", "visit", "purchase"],
...     "stage": ["engage", "convert", "aware", "convert"]})
>>> print(check_mobile_conversion_share(0.5, ev))
✔ mobile share of conversions: correct (0.5).
>>> print(check_mobile_conversion_share(50, ev))
✘ mobile share of conversions: not yet. That is the right value as a percentage; give it as a share between 0 and 1 (divide by 100).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from journeykit.checks import Feedback, check_number, msg, safely
from journeykit.touchpoints import (
    channel_stage_matrix,
    conversion_by_channel_count,
    device_split,
    journey_breadth,
)

__all__ = [
    "check_channel_stage_people",
    "check_cross_device_share",
    "check_mobile_conversion_share",
    "check_single_channel_conversion",
]


def _check_share(
    answer: object,
    name: str,
    compute: Callable[[], dict[str, float]],
    texts: dict[str, str],
    lang: str = "en",
) -> Feedback:
    """Check a share: ``compute()`` gives ``expected`` plus the values of known mistakes, named
    like ``texts``' keys (a percentage of the right share gets the core's own hint)."""
    v, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected = v["expected"]
    hints: dict[float, str] = {}
    for key, text in texts.items():
        value = v.get(key)
        if value is not None and np.isfinite(value) and not np.isclose(value, expected):
            hints.setdefault(float(value), text)
    return check_number(answer, expected, name=name, hints=hints, lang=lang)


def check_channel_stage_people(
    answer: object,
    events: pd.DataFrame,
    *,
    channel: str,
    stage: str,
    model: str = "five",
    lang: str = "en",
) -> Feedback:
    """People with at least one touch on ``channel`` at ``stage`` of ``model``."""
    name = msg("touch.name.people", lang, channel=channel, stage=stage)

    def compute() -> tuple[int, int]:
        people = channel_stage_matrix(events, model)
        touches = channel_stage_matrix(events, model, value="touches")
        return int(people.loc[channel, stage]), int(touches.loc[channel, stage])

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, touches = got
    hints = {}
    if touches != expected:
        hints[float(touches)] = msg("touch.people.touches", lang)
    return check_number(answer, expected, name=name, hints=hints, lang=lang)


def check_cross_device_share(answer: object, events: pd.DataFrame, *, lang: str = "en") -> Feedback:
    """Share of buyers who used 2+ devices up to and including their first purchase."""
    name = msg("touch.name.cross_device", lang)

    def compute() -> dict[str, float]:
        b = journey_breadth(events)
        after = journey_breadth(events, until="all")
        buyers = b[b["converted"]]
        return {
            "expected": float((buyers["devices"] >= 2).mean()),
            "everyone": float((b["devices"] >= 2).mean()),
            "whole_history": float((after.loc[after["converted"], "devices"] >= 2).mean()),
        }

    texts = {
        "everyone": msg("touch.cross.everyone", lang),
        "whole_history": (msg("touch.cross.after", lang)),
    }
    return _check_share(answer, name, compute, texts, lang)


def check_mobile_conversion_share(
    answer: object, events: pd.DataFrame, *, lang: str = "en"
) -> Feedback:
    """Share of first purchases (conversions) made on a mobile device."""
    name = msg("touch.name.mobile", lang)

    def compute() -> dict[str, float]:
        first = device_split(events).set_index("device")
        every = device_split(events, conversions="all").set_index("device")
        touches = (events["device"] == "mobile").mean()
        return {
            "expected": float(first.loc["mobile", "share"]),
            "all": float(every.loc["mobile", "share"]),
            "touches": float(touches),
        }

    texts = {
        "all": msg("touch.mobile.every_purchase", lang),
        "touches": (msg("touch.mobile.all_touches", lang)),
    }
    return _check_share(answer, name, compute, texts, lang)


def check_single_channel_conversion(
    answer: object, events: pd.DataFrame, *, lang: str = "en"
) -> Feedback:
    """Conversion rate of people who used exactly one channel on the way (up to the purchase)."""
    name = msg("touch.name.single", lang)

    def compute() -> dict[str, float]:
        c = conversion_by_channel_count(events).set_index("channels")
        everyone = journey_breadth(events)["converted"].mean()
        return {"expected": float(c.loc["1", "conversion_rate"]), "overall": float(everyone)}

    texts = {"overall": msg("touch.single.everyone", lang)}
    return _check_share(answer, name, compute, texts, lang)
