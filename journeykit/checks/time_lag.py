"""Checks for exercise 06 (time lag and path length).

Each check recomputes the expected answer with :mod:`journeykit.paths` from the same journeys
or tables the learner used, returns a :class:`~journeykit.checks.Feedback` (never raises) and
recognises the usual mistakes: the mean where the median is asked, hours instead of days, a
percentage where a share is asked, counting every journey instead of conversions, the person's
preferred device instead of the device of the purchase, forgetting to change the lookback, the
median where the mean is asked.

>>> import pandas as pd
>>> from journeykit.paths import conversion_paths
>>> events = pd.DataFrame({"user_id": [1, 1, 2],
...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-05", "2024-01-02"]),
...     "channel": ["email", "direct", "email"], "event_type": ["visit", "purchase", "purchase"],
...     "device": ["mobile", "mobile", "desktop"]})
>>> j = conversion_paths(events)
>>> print(check_median_time_lag(2, j))
✔ median time lag: correct (2).
>>> print(check_median_time_lag(48, j))
✘ median time lag: not yet. That looks like hours; give the time lag in days.
>>> print(check_mobile_share(50, j))
✘ mobile share: not yet. That is the right value as a percentage; give it as a share between 0 and 1 (divide by 100).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from journeykit.checks import Feedback, check_number, msg, no_answer, safely
from journeykit.paths import Journeys, conversion_paths, path_summary

__all__ = [
    "check_median_time_lag",
    "check_long_path_share",
    "check_mobile_share",
    "check_median_path_length",
    "check_mean_path_length",
]


def _converted(journeys: Journeys) -> pd.DataFrame:
    return journeys.journeys[journeys.journeys["converted"]]


def check_median_time_lag(answer: object, journeys: Journeys, *, lang: str = "en") -> Feedback:
    """Median days from the first touch on the path to the conversion (converting journeys).

    Accepts answers rounded to 0.05 days (about an hour).
    """
    name = msg("time_lag.name.median_lag", lang)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb
    s, fb = safely(name, lambda: path_summary(journeys), lang)
    if fb is not None:
        return fb
    expected = s.median_time_lag_days
    hints = {
        expected * 24: msg("time_lag.lag.hours", lang),
        s.mean_time_lag_days: (msg("time_lag.lag.mean", lang)),
        s.median_path_length: msg("time_lag.lag.path_length", lang),
    }
    return check_number(
        answer, expected, name=name, rel_tol=0, abs_tol=0.05, hints=hints, lang=lang
    )


def check_long_path_share(
    answer: object, journeys: Journeys, *, min_length: int = 12, lang: str = "en"
) -> Feedback:
    """Share (0-1) of conversions whose path has ``min_length`` or more interactions."""
    name = msg("time_lag.name.long", lang, min_length=min_length)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb

    def compute() -> tuple[float, float, float]:
        conv = _converted(journeys)
        long = (conv["n_touches"] >= min_length).sum()
        all_long = (journeys.journeys["n_touches"] >= min_length).mean()
        more = (conv["n_touches"] > min_length).mean()
        return long / len(conv), float(all_long), float(more)

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, all_share, strictly = got
    hints = {
        all_share: (msg("time_lag.long.all_journeys", lang)),
        strictly: msg("time_lag.long.strictly", lang, min_length=min_length),
        float((_converted(journeys)["n_touches"] >= min_length).sum()): (
            msg("time_lag.long.count", lang)
        ),
    }
    return check_number(
        answer, expected, name=name, rel_tol=0, abs_tol=0.0005, hints=hints, lang=lang
    )


def check_mobile_share(
    answer: object, journeys: Journeys, *, users: pd.DataFrame | None = None, lang: str = "en"
) -> Feedback:
    """Share (0-1) of conversions whose purchase happened on a mobile device.

    ``users`` (optional) lets the check recognise the buyers' *preferred* device used instead.
    """
    name = msg("time_lag.name.mobile", lang)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb

    def compute() -> tuple[float, float | None]:
        conv = _converted(journeys)
        share = float((conv["device"] == "mobile").mean())
        preferred = None
        if users is not None:
            dev = users.set_index("user_id")["device"]
            preferred = float((conv["user_id"].map(dev) == "mobile").mean())
        return share, preferred

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, preferred = got
    hints: dict[float, str] = {
        1 - expected: msg("time_lag.mobile.not_mobile", lang),
    }
    if preferred is not None and not np.isclose(preferred, expected):
        hints[preferred] = msg("time_lag.mobile.preferred", lang)
    return check_number(
        answer, expected, name=name, rel_tol=0, abs_tol=0.0005, hints=hints, lang=lang
    )


def check_median_path_length(
    answer: object,
    events: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    *,
    lookback_days: float | None = 7,
    usual_lookback: float | None = 30,
    lang: str = "en",
) -> Feedback:
    """Median path length (interactions) of conversions with a ``lookback_days`` window."""
    name = msg("time_lag.name.length", lang, lookback_days=lookback_days)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb

    def compute() -> tuple[float, float, float]:
        s = path_summary(conversion_paths(events, orders, lookback_days=lookback_days))
        usual = path_summary(conversion_paths(events, orders, lookback_days=usual_lookback))
        return s.median_path_length, usual.median_path_length, s.mean_path_length

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, usual, mean = got
    hints: dict[float, str] = {}
    if usual != expected:
        hints[usual] = msg(
            "time_lag.length.usual",
            lang,
            usual_lookback=usual_lookback,
            lookback_days=lookback_days,
        )
    if mean != expected:
        hints[mean] = msg("time_lag.length.mean", lang)
    return check_number(
        answer, expected, name=name, rel_tol=0, abs_tol=1e-9, hints=hints, lang=lang
    )


def check_mean_path_length(
    answer: object,
    events: pd.DataFrame,
    orders: pd.DataFrame | None = None,
    *,
    lookback_days: float | None = 1,
    usual_lookback: float | None = 30,
    lang: str = "en",
) -> Feedback:
    """Mean path length (interactions per conversion) with a ``lookback_days`` window.

    Recognises the mean with the ``usual_lookback`` window (the lookback not changed) and the
    median path length (a whole number on short journeys) given instead of the mean.
    """
    name = msg("time_lag.name.mean_length", lang, lookback_days=lookback_days)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb

    def compute() -> tuple[float, float, float]:
        s = path_summary(conversion_paths(events, orders, lookback_days=lookback_days))
        usual = path_summary(conversion_paths(events, orders, lookback_days=usual_lookback))
        return s.mean_path_length, usual.mean_path_length, s.median_path_length

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, usual, median = got
    hints: dict[float, str] = {}
    if not np.isclose(usual, expected):
        hints[usual] = msg(
            "time_lag.length.usual",
            lang,
            usual_lookback=usual_lookback,
            lookback_days=lookback_days,
        )
    if not np.isclose(median, expected):
        hints.setdefault(median, msg("time_lag.length.median", lang))
    return check_number(
        answer, expected, name=name, rel_tol=0, abs_tol=0.005, hints=hints, lang=lang
    )
