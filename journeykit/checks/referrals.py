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
from journeykit.checks import Feedback, check_number, msg, safely

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
    name = msg("referrals.name.k", lang)
    k, fb = safely(
        name, lambda: referrals.viral_coefficient(invites_per_user, invite_conversion), lang
    )
    if fb is not None:
        return fb
    hints = {
        invites_per_user + invite_conversion: msg("referrals.k.added", lang),
        k * 100: msg("referrals.k.percent", lang),
        invites_per_user / invite_conversion if invite_conversion else -1.0: msg(
            "referrals.k.divided", lang
        ),
        invites_per_user: msg("referrals.k.invites_only", lang),
    }
    return check_number(answer, k, name=name, rel_tol=1e-3, hints=hints, lang=lang)


def check_total_users(
    answer: object, *, n0: float, k: float, cycles: int, lang: str = "en"
) -> Feedback:
    """Users who ever joined after ``cycles`` cycles: ``n0 (1 - K**(n+1)) / (1 - K)``."""
    name = msg("referrals.name.total", lang)
    total, fb = safely(name, lambda: referrals.total_users(n0=n0, k=k, cycles=cycles), lang)
    if fb is not None:
        return fb
    hints = {
        n0 * k**cycles: msg("referrals.total.newest", lang),
        float(referrals.total_users(n0=n0, k=k, cycles=max(cycles - 1, 0))): msg(
            "referrals.total.one_short", lang
        ),
        n0 * (1 + k * cycles): msg("referrals.total.linear", lang),
    }
    if k < 1:
        hints[n0 / (1 - k)] = msg("referrals.total.steady", lang, cycles=cycles)
    return check_number(answer, total, name=name, rel_tol=1e-3, hints=hints, lang=lang)


def check_steady_state(answer: object, *, n0: float, k: float, lang: str = "en") -> Feedback:
    """``n0 / (1 - K)`` for K < 1."""
    name = msg("referrals.name.steady", lang)
    ss, fb = safely(name, lambda: referrals.steady_state(n0=n0, k=k), lang)
    if fb is not None:
        return fb
    hints = {
        n0 / k if k else -1.0: msg("referrals.steady.by_k", lang),
        n0 * (1 + k): msg("referrals.steady.one_generation", lang),
        n0 * k / (1 - k): msg("referrals.steady.referred_only", lang),
    }
    return check_number(answer, ss, name=name, rel_tol=1e-3, hints=hints, lang=lang)


def check_observed_k(
    answer: object, tables: Any, *, base: str = "inviters", lang: str = "en"
) -> Feedback:
    """The K measured per ``base`` user (default: per inviter, the generator's definition)."""
    name = msg("referrals.name.observed", lang, base=base[:-1] if base.endswith("s") else base)

    def all_bases() -> dict[str, referrals.ReferralRates]:
        return {b: referrals.observed_k(tables, base=b) for b in referrals.BASES}

    rates, fb = safely(name, all_bases, lang)
    if fb is not None:
        return fb
    want = rates[base]
    hints: dict[float, str] = {}
    for other, r in rates.items():
        if other != base and r.n_base:
            hints[r.k] = msg(
                "referrals.observed.base",
                lang,
                other=other,
                n_other=f"{r.n_base:,}",
                base=base,
                n_base=f"{want.n_base:,}",
            )
    hints[want.invite_conversion] = msg("referrals.observed.conversion", lang)
    hints[want.invites_per_user] = msg("referrals.observed.invites", lang)
    return check_number(answer, want.k, name=name, rel_tol=1e-3, hints=hints, lang=lang)


def check_silent_advocates(answer: object, tables: Any, *, lang: str = "en") -> Feedback:
    """Advocates (review or NPS 9-10) who never sent an invitation: how many users."""
    name = msg("referrals.name.silent", lang)

    def count() -> tuple[int, int, int]:
        people = referrals.advocates_and_promoters(tables)
        adv, pro = people["advocate"], people["promoter"]
        return int((adv & ~pro).sum()), int(adv.sum()), int(pro.sum())

    got, fb = safely(name, count, lang)
    if fb is not None:
        return fb
    silent, advocates, promoters = got
    hints = {
        float(advocates): msg("referrals.silent.every", lang),
        float(promoters): msg("referrals.silent.promoters", lang),
    }
    return check_number(answer, silent, name=name, hints=hints, lang=lang)
