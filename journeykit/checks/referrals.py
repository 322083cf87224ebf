"""Checks for exercise 10 (referral loops).

Each check computes the expected answer with :mod:`journeykit.referrals` from the same numbers
or data the learner used, returns a :class:`~journeykit.checks.Feedback` (never raises) and
recognises the usual mistakes: adding instead of multiplying, a percentage where a share is
asked, counting ``n`` generations instead of ``n + 1``, giving only the last generation,
dividing by K instead of 1 - K, the wrong denominator for an observed K, and confusing
advocates with promoters.

>>> print(check_viral_coefficient(0.6, invites_per_user=4, invite_conversion=0.15))
✔ viral coefficient K: correct (0.6).
>>> print(check_viral_coefficient(4.15, invites_per_user=4, invite_conversion=0.15))
✘ viral coefficient K: not yet. K multiplies the two: invites per user x the share that converts.
>>> print(check_steady_state(500 / 0.4, n0=500, k=0.4))
✘ steady state: not yet. Divide by 1 - K, not by K: n0 / (1 - K).
"""

from __future__ import annotations

from typing import Any

from journeykit import referrals
from journeykit.checks import Feedback, check_number, safely

__all__ = [
    "check_viral_coefficient",
    "check_total_users",
    "check_steady_state",
    "check_observed_k",
    "check_silent_advocates",
]


def check_viral_coefficient(
    answer: object, *, invites_per_user: float, invite_conversion: float, lang: str = "en"
) -> Feedback:
    """K = invites per user x invite conversion."""
    name = "viral coefficient K"
    k, fb = safely(
        name, lambda: referrals.viral_coefficient(invites_per_user, invite_conversion), lang
    )
    if fb is not None:
        return fb
    hints = {
        invites_per_user + invite_conversion: "K multiplies the two: invites per user x the share "
        "that converts.",
        k * 100: "You gave a percentage-style number; K is new users per user (0.6, not 60).",
        invites_per_user / invite_conversion if invite_conversion else -1.0: "Multiply by the "
        "conversion rate, do not divide by it.",
        invites_per_user: "That is only the invitations; only a share of them convert.",
    }
    return check_number(answer, k, name=name, rel_tol=1e-3, hints=hints, lang=lang)


def check_total_users(
    answer: object, *, n0: float, k: float, cycles: int, lang: str = "en"
) -> Feedback:
    """Users who ever joined after ``cycles`` cycles: ``n0 (1 - K**(n+1)) / (1 - K)``."""
    name = "users after the last cycle"
    total, fb = safely(name, lambda: referrals.total_users(n0=n0, k=k, cycles=cycles), lang)
    if fb is not None:
        return fb
    hints = {
        n0 * k**cycles: "That is only the newest generation; add every generation from the seed "
        "cohort on (n0 + n0 K + n0 K^2 + ...).",
        float(referrals.total_users(n0=n0, k=k, cycles=max(cycles - 1, 0))): "One generation "
        "short: after n cycles there are n + 1 generations, the seed cohort included.",
        n0 * (1 + k * cycles): "Growth is not linear (unless K = 1): each generation is K times "
        "the one before it.",
    }
    if k < 1:
        hints[n0 / (1 - k)] = (
            f"That is the steady state after infinitely many cycles, not after {cycles}."
        )
    return check_number(answer, total, name=name, rel_tol=1e-3, hints=hints, lang=lang)


def check_steady_state(answer: object, *, n0: float, k: float, lang: str = "en") -> Feedback:
    """``n0 / (1 - K)`` for K < 1."""
    name = "steady state"
    ss, fb = safely(name, lambda: referrals.steady_state(n0=n0, k=k), lang)
    if fb is not None:
        return fb
    hints = {
        n0 / k if k else -1.0: "Divide by 1 - K, not by K: n0 / (1 - K).",
        n0 * (1 + k): "That counts the seed cohort and one generation; the invited invite too: "
        "n0 (1 + K + K^2 + ...) = n0 / (1 - K).",
        n0 * k / (1 - k): "That is the referred users only; the total includes the seed cohort.",
    }
    return check_number(answer, ss, name=name, rel_tol=1e-3, hints=hints, lang=lang)


def check_observed_k(
    answer: object, tables: Any, *, base: str = "inviters", lang: str = "en"
) -> Feedback:
    """The K measured per ``base`` user (default: per inviter, the generator's definition)."""
    name = f"observed K per {base[:-1] if base.endswith('s') else base}"

    def all_bases() -> dict[str, referrals.ReferralRates]:
        return {b: referrals.observed_k(tables, base=b) for b in referrals.BASES}

    rates, fb = safely(name, all_bases, lang)
    if fb is not None:
        return fb
    want = rates[base]
    hints: dict[float, str] = {}
    for other, r in rates.items():
        if other != base and r.n_base:
            hints[r.k] = (
                f"That divides by the {other} ({r.n_base:,}); divide the friends who joined "
                f"by the {base} ({want.n_base:,})."
            )
    hints[want.invite_conversion] = (
        "That is the invite conversion (joined / invites); K also multiplies by invites per user."
    )
    hints[want.invites_per_user] = (
        "That is invites per user; only the invites that converted count in K."
    )
    return check_number(answer, want.k, name=name, rel_tol=1e-3, hints=hints, lang=lang)


def check_silent_advocates(answer: object, tables: Any, *, lang: str = "en") -> Feedback:
    """Advocates (review or NPS 9-10) who never sent an invitation: how many users."""
    name = "advocates who do not promote"

    def count() -> tuple[int, int, int]:
        people = referrals.advocates_and_promoters(tables)
        adv, pro = people["advocate"], people["promoter"]
        return int((adv & ~pro).sum()), int(adv.sum()), int(pro.sum())

    got, fb = safely(name, count, lang)
    if fb is not None:
        return fb
    silent, advocates, promoters = got
    hints = {
        float(advocates): "That is every advocate; leave out those who also sent an invitation.",
        float(promoters): "That is the promoters (who invite); the question asks for advocates "
        "who do not.",
    }
    return check_number(answer, silent, name=name, hints=hints, lang=lang)
