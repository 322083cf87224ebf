"""Checks for exercise 11 (campaigns).

Each check computes the expected answer with :mod:`journeykit.campaigns` from the same counts,
rates or data the learner used, returns a :class:`~journeykit.checks.Feedback` (never raises)
and recognises the usual mistakes: a campaign aimed at two steps, the relative lift where the
difference is asked (or the other way round), percentage points where a share is asked, the
sign turned round, a standard error without the square root, adding step rates instead of
multiplying them.

>>> print(check_transition(("subscribe", "convert"), expected=("subscribe", "convert")))
✔ transition: correct.
>>> print(check_rate_difference(1.0, treated=(50, 20), control=(50, 10)))
✘ difference in rates: not yet. That is the relative lift (0.4 / 0.2 - 1); the question asks for the difference 0.4 - 0.2.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from journeykit import campaigns
from journeykit.checks import Feedback, check_number, msg, not_yet, safely

__all__ = [
    "practice_rates",
    "check_transition",
    "check_rate_difference",
    "check_interval",
    "check_campaign_difference",
    "check_promoter_share",
    "check_required_rate",
]


def practice_rates() -> dict[str, float]:
    """Step rates of a small coffee roaster, for the exercise (share moving on at each step).

    >>> practice_rates()["aware"]
    0.1
    """
    return {
        "aware": 0.10,
        "engage": 0.40,
        "subscribe": 0.25,
        "convert": 0.30,
        "excite": 0.70,
        "ascend": 0.40,
        "advocate": 0.30,
        "promote": 0.20,
    }


def check_transition(answer: object, *, expected: tuple[str, str], lang: str = "en") -> Feedback:
    """A ``(from_step, to_step)`` pair (or a Campaign) against the transition the story targets."""
    name = msg("campaigns.name.transition", lang)
    if answer is None:
        return Feedback(False, msg("no_answer", lang, name=name))
    if isinstance(answer, campaigns.Campaign):
        answer = (answer.from_step, answer.to_step)
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        return Feedback(False, msg("campaigns.pair", lang, name=name))
    got = (answer[0], answer[1])
    if got == tuple(expected):
        return Feedback(True, msg("correct_plain", lang, name=name))
    steps = campaigns.STEPS
    if any(s not in steps for s in got):
        return Feedback(False, msg("campaigns.step_keys", lang, name=name, keys=", ".join(steps)))
    i, j = steps.index(got[0]), steps.index(got[1])
    if j <= i:
        return Feedback(False, msg("campaigns.forward", lang, name=name))
    if j - i > 1:
        return not_yet(
            name,
            msg("campaigns.skips", lang, start=got[0], end=got[1]),
            lang,
        )
    if got[1] == expected[0]:
        return not_yet(
            name,
            msg("campaigns.already_at", lang, step=repr(expected[0])),
            lang,
        )
    return not_yet(name, msg("campaigns.transition.who", lang), lang)


def check_rate_difference(
    answer: object, *, treated: tuple[int, int], control: tuple[int, int], lang: str = "en"
) -> Feedback:
    """Treated rate minus untreated rate, as a share. ``treated``/``control``: (users, moved on)."""
    name = msg("campaigns.name.difference", lang)
    lift, fb = safely(name, lambda: campaigns.lift_from_counts(*treated, *control), lang)
    if fb is not None:
        return fb
    p1, p0 = lift.rate_treated, lift.rate_control
    hints = {
        lift.relative_lift: msg("campaigns.relative", lang, p1=f"{p1:g}", p0=f"{p0:g}"),
        lift.difference * 100: msg("campaigns.difference.points", lang),
        -lift.difference: msg("campaigns.difference.sign", lang),
        float(treated[1] - control[1]): msg("campaigns.difference.counts", lang),
    }
    return check_number(answer, lift.difference, name=name, rel_tol=1e-4, hints=hints, lang=lang)


def check_interval(
    answer: object,
    *,
    treated: tuple[int, int],
    control: tuple[int, int],
    confidence: float = 0.95,
    lang: str = "en",
) -> Feedback:
    """The normal-approximation interval of the difference, as ``(low, high)`` shares."""
    name = msg("campaigns.name.interval", lang)
    lift, fb = safely(
        name, lambda: campaigns.lift_from_counts(*treated, *control, confidence=confidence), lang
    )
    if fb is not None:
        return fb
    if answer is None:
        return Feedback(False, msg("no_answer", lang, name=name))
    try:
        low, high = (float(v) for v in answer)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return Feedback(False, msg("campaigns.interval_pair", lang, name=name))
    ok = math.isclose(low, lift.ci_low, abs_tol=5e-4) and math.isclose(
        high, lift.ci_high, abs_tol=5e-4
    )
    if ok:
        return Feedback(
            True,
            msg("campaigns.interval_ok", lang, name=name, low=f"{low:.4f}", high=f"{high:.4f}"),
        )
    half = (lift.ci_high - lift.ci_low) / 2
    se = half / 1.959964 if confidence == 0.95 else None
    got_half = (high - low) / 2
    if se is not None and math.isclose(got_half, 1.959964 * se**2, rel_tol=1e-2):
        return not_yet(name, msg("campaigns.interval.sqrt", lang), lang)
    if math.isclose(got_half, half / 1.959964, rel_tol=1e-2):
        return not_yet(name, msg("campaigns.interval.z", lang), lang)
    if math.isclose((low + high) / 2, lift.difference, abs_tol=5e-4):
        return Feedback(
            False,
            msg("campaigns.width", lang, name=name),
        )
    return Feedback(False, msg("campaigns.centre", lang, name=name))


def check_campaign_difference(
    answer: object, events: pd.DataFrame, campaign: campaigns.Campaign, *, lang: str = "en"
) -> Feedback:
    """The campaign's measured difference in transition rate (treated - untreated) on ``events``."""
    name = msg("campaigns.name.campaign", lang, key=getattr(campaign, "key", "?"))
    lift, fb = safely(name, lambda: campaigns.campaign_lift(events, campaign), lang)
    if fb is not None:
        return fb
    hints = {
        lift.relative_lift: msg("campaigns.campaign.relative", lang),
        lift.difference * 100: msg("campaigns.campaign.points", lang),
        lift.rate_treated: msg("campaigns.campaign.treated", lang),
    }
    return check_number(answer, lift.difference, name=name, rel_tol=1e-4, hints=hints, lang=lang)


def check_promoter_share(
    answer: object, rates: Mapping[str, float], *, lang: str = "en"
) -> Feedback:
    """Share of strangers who end up promoting: the product of the eight step rates."""
    name = msg("campaigns.name.promoter", lang)
    reach, fb = safely(name, lambda: campaigns.journey_reach(rates), lang)
    if fb is not None:
        return fb
    share = float(reach["share_of_strangers"].iloc[-1])
    values = list(rates.values())
    hints = {
        min(values): msg("campaigns.promoter.weakest", lang),
        sum(values) / len(values): msg("campaigns.promoter.average", lang),
        float(reach["share_of_strangers"].iloc[-2]): msg("campaigns.promoter.advocate", lang),
    }
    return check_number(answer, share, name=name, rel_tol=1e-3, hints=hints, lang=lang)


def check_required_rate(
    answer: object,
    rates: Mapping[str, float],
    *,
    to_step: str,
    target_share: float,
    lang: str = "en",
) -> Feedback:
    """The rate one step would need for ``target_share`` of strangers to promote."""
    name = msg("campaigns.name.required", lang, step=to_step)
    need, fb = safely(
        name,
        lambda: campaigns.required_step_rate(rates, to_step=to_step, target_share=target_share),
        lang,
    )
    if fb is not None:
        return fb
    reach = campaigns.journey_reach(rates)
    share = float(reach["share_of_strangers"].iloc[-1])
    hints = {
        target_share / share: msg("campaigns.required.growth", lang, rate=f"{rates[to_step]:g}"),
    }
    fb = check_number(answer, need, name=name, rel_tol=1e-3, hints=hints, lang=lang)
    if fb.ok and need > 1:
        return Feedback(
            True,
            fb.message + " " + msg("campaigns.required.above_one", lang),
        )
    return fb
