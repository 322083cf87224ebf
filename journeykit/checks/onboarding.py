"""Checks for exercise 09 (Excite: time to first value and onboarding).

Each check computes the expected answer with :mod:`journeykit.onboarding` on the learner's
data, returns a :class:`~journeykit.checks.Feedback` (never raises) and recognises the usual
mistakes: hours instead of days, the mean instead of the median, a percentage where a share is
asked, dividing by every user instead of customers, the difference the wrong way round, a ratio
instead of a difference, and reading an observational comparison as a causal effect.

>>> print(check_causal_reading("observational"))
✔ how to read the difference: correct ('observational').
>>> print(check_causal_reading("causal"))
✘ how to read the difference: not yet. In real data customers choose to onboard; keen customers may onboard and come back anyway. Only the generator (or a randomised test) makes it causal.
"""

from __future__ import annotations

import pandas as pd

from journeykit.checks import Feedback, check_choice, check_number, msg, no_answer, safely
from journeykit.errors import JourneykitError
from journeykit.onboarding import (
    first_value_table,
    repeat_by_onboarding,
    summarize_time_to_first_value,
)

__all__ = [
    "check_median_days_to_first_value",
    "check_onboarded_share",
    "check_repeat_difference",
    "check_causal_reading",
]


def check_median_days_to_first_value(
    answer: object, events: pd.DataFrame, orders: pd.DataFrame, *, lang: str = "en"
) -> Feedback:
    """Median days from a customer's first order to their first value (onboard event)."""
    name = msg("onboarding.name.median", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    s, fb = safely(name, lambda: summarize_time_to_first_value(events, orders), lang)
    if fb is not None:
        return fb
    hints = {
        24 * s.median_days: msg("onboarding.median.hours", lang),
        s.mean_days: msg("onboarding.median.mean", lang),
    }
    return check_number(
        answer, s.median_days, name=name, rel_tol=1e-3, abs_tol=1e-3, hints=hints, lang=lang
    )


def check_onboarded_share(
    answer: object,
    events: pd.DataFrame,
    orders: pd.DataFrame,
    *,
    within_days: float | None = None,
    lang: str = "en",
) -> Feedback:
    """Share (0-1) of customers who reached first value (within ``within_days`` when given)."""
    name = msg("onboarding.name.share", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    s, fb = safely(
        name, lambda: summarize_time_to_first_value(events, orders, within_days=within_days), lang
    )
    if fb is not None:
        return fb
    hints: dict[float, str] = {}
    try:
        people = events["user_id"].nunique()
        if people:
            hints[s.onboarded / people] = msg("onboarding.share.every_user", lang)
        if within_days is not None:
            all_time = first_value_table(events, orders)["onboarded"].mean()
            hints[float(all_time)] = msg(
                "onboarding.share.window", lang, within_days=f"{within_days:g}"
            )
    except (KeyError, TypeError, JourneykitError):
        pass
    return check_number(
        answer, s.onboarded_share, name=name, rel_tol=1e-4, abs_tol=1e-4, hints=hints, lang=lang
    )


def check_repeat_difference(
    answer: object,
    events: pd.DataFrame,
    orders: pd.DataFrame,
    *,
    onboard_within_days: float | None = 14.0,
    followup_days: float | None = 90.0,
    lang: str = "en",
) -> Feedback:
    """Repeat rate of onboarded minus not-onboarded customers, as a share (0-1) difference."""
    name = msg("onboarding.name.difference", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    res, fb = safely(
        name,
        lambda: repeat_by_onboarding(
            events, orders, onboard_within_days=onboard_within_days, followup_days=followup_days
        ),
        lang,
    )
    if fb is not None:
        return fb
    d = res.difference
    hints: dict[float, str] = {
        100 * d: msg("onboarding.difference.points", lang),
        -d: msg("onboarding.difference.sign", lang),
    }
    if res.ratio == res.ratio:  # not NaN
        hints[res.ratio] = msg("onboarding.difference.ratio", lang)
    return check_number(answer, d, name=name, rel_tol=1e-4, abs_tol=1e-4, hints=hints, lang=lang)


def check_causal_reading(answer: object, *, lang: str = "en") -> Feedback:
    """Is the onboarded vs not-onboarded difference in real data ``"causal"`` or
    ``"observational"``? (Observational.)"""
    return check_choice(
        answer,
        "observational",
        name=msg("onboarding.name.reading", lang),
        hints={"causal": (msg("onboarding.reading.causal", lang))},
        lang=lang,
    )
