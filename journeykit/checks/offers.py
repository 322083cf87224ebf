"""Checks for exercise 08 (entry-point offers and ascension).

Each check computes the expected answer with :mod:`journeykit.offers` from the same plan or
data the learner used, returns a :class:`~journeykit.checks.Feedback` (never raises) and
recognises the usual mistakes: forgetting the acquisition cost or the unit cost, using the price
instead of the margin, counting months from 1, dividing by retention instead of churn, a
percentage where a share is asked, counting every customer instead of entry-offer buyers.

>>> from journeykit.offers import get_preset
>>> plan = get_preset("teeth_whitening")
>>> print(check_first_order_profit(-30, plan))
✔ first-order profit: correct (-30).
>>> print(check_first_order_profit(5, plan))
✘ first-order profit: not yet. That is the entry margin (price minus unit cost); the first order also has to pay for acquiring the customer.
>>> print(check_lifetime_value(18 * 0.07, margin=18, churn=0.07))
✘ lifetime value: not yet. Multiply by the expected lifetime 1 / churn, not by the churn.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from journeykit.checks import Feedback, check_number, msg, no_answer, not_yet, safely
from journeykit.offers import (
    FADER_HARDIE_2007,
    OfferPlan,
    ascension_rate,
    break_even_entry_price,
    constant_churn_ltv,
    first_order_profit,
    fit_sbg,
    payback_month,
)

__all__ = [
    "check_first_order_profit",
    "check_lifetime_value",
    "check_payback_month",
    "check_break_even_price",
    "check_ascension_rate",
    "check_sbg_parameters",
]


def check_first_order_profit(answer: object, plan: OfferPlan, *, lang: str = "en") -> Feedback:
    """Entry price minus unit cost minus acquisition cost of ``plan``."""
    name = msg("offers.name.first_profit", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    expected, fb = safely(name, lambda: first_order_profit(plan), lang)
    if fb is not None:
        return fb
    hints = {
        plan.entry_margin: (msg("offers.first.margin", lang)),
        float(plan.entry_price) - float(plan.acquisition_cost): (
            msg("offers.first.no_unit_cost", lang)
        ),
        -expected: msg("offers.first.sign", lang),
    }
    return check_number(
        answer, expected, name=name, rel_tol=1e-6, abs_tol=0.005, hints=hints, lang=lang
    )


def check_lifetime_value(
    answer: object,
    *,
    margin: float,
    churn: float,
    discount: float = 0.0,
    price: float | None = None,
    lang: str = "en",
) -> Feedback:
    """Constant-churn lifetime value ``margin * (1 + d) / (d + churn)`` (``margin / churn``
    without discount).

    ``price`` (optional) lets the check recognise the price used instead of the margin.
    """
    name = msg("offers.name.ltv", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    expected, fb = safely(name, lambda: constant_churn_ltv(margin, churn, discount), lang)
    if fb is not None:
        return fb
    m, c, d = float(margin), float(churn), float(discount)
    hints: dict[float, str] = {
        m * c: msg("offers.ltv.times_churn", lang),
    }
    if c < 1:
        hints[m / (1 - c)] = msg("offers.ltv.retention", lang)
    if price is not None:
        hints[constant_churn_ltv(float(price), c, d)] = msg("offers.ltv.price", lang)
    if d > 0:
        hints[m / c] = msg("offers.ltv.undiscounted", lang)
        hints[m / (d + c)] = msg("offers.ltv.first_month", lang)
    return check_number(
        answer, expected, name=name, rel_tol=1e-4, abs_tol=0.005, hints=hints, lang=lang
    )


def check_payback_month(
    answer: object, plan: OfferPlan, *, discount: float = 0.0, lang: str = "en"
) -> Feedback:
    """First month (0 = month of the entry purchase) whose cumulative margin covers the
    acquisition cost; ``None`` answers mean "no answer", so never-paying plans expect -1."""
    name = msg("offers.name.payback", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    expected, fb = safely(name, lambda: payback_month(plan, discount=discount), lang)
    if fb is not None:
        return fb
    if expected is None:
        return check_number(
            answer,
            -1,
            name=name,
            hints={0: msg("offers.payback.never", lang)},
            lang=lang,
        )
    hints: dict[float, str] = {
        expected + 1: msg("offers.payback.from_one", lang),
    }
    no_churn, fb2 = safely(name, lambda: payback_month(plan.replace(monthly_churn=0.0)), lang)
    if fb2 is None and no_churn is not None and no_churn != expected:
        hints[no_churn] = msg("offers.payback.no_churn", lang)
    return check_number(answer, expected, name=name, hints=hints, lang=lang)


def check_break_even_price(
    answer: object,
    plan: OfferPlan,
    *,
    discount: float = 0.0,
    horizon: int | None = None,
    lang: str = "en",
) -> Feedback:
    """Entry price at which the plan's lifetime value just covers the acquisition cost."""
    name = msg("offers.name.break_even", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    expected, fb = safely(
        name, lambda: break_even_entry_price(plan, discount=discount, horizon=horizon), lang
    )
    if fb is not None:
        return fb
    hints = {
        break_even_entry_price(plan, first_order_only=True): (
            msg("offers.break_even.first_only", lang)
        ),
        float(plan.acquisition_cost) - (expected - float(plan.acquisition_cost)): (
            msg("offers.break_even.sign", lang)
        ),
    }
    return check_number(
        answer, expected, name=name, rel_tol=1e-4, abs_tol=0.005, hints=hints, lang=lang
    )


def check_ascension_rate(answer: object, orders: pd.DataFrame, *, lang: str = "en") -> Feedback:
    """Share (0-1) of entry-offer buyers who later bought a core or ascension offer."""
    name = msg("offers.name.ascension", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    expected, fb = safely(name, lambda: ascension_rate(orders), lang)
    if fb is not None:
        return fb
    hints: dict[float, str] = {}
    try:
        o = orders
        buyers = o["user_id"].nunique()
        up = o.loc[o["offer_type"].isin(["core", "ascension"]), "user_id"].nunique()
        entry = o.loc[o["offer_type"] == "entry", "user_id"].nunique()
        if buyers and up / buyers != expected:
            hints[up / buyers] = msg("offers.ascension.all_buyers", lang)
        n_up_orders = int(o["offer_type"].isin(["core", "ascension"]).sum())
        if entry and n_up_orders / entry != expected:
            hints.setdefault(n_up_orders / entry, msg("offers.ascension.orders", lang))
    except (KeyError, TypeError, AttributeError):
        pass
    return check_number(
        answer, expected, name=name, rel_tol=1e-4, abs_tol=1e-4, hints=hints, lang=lang
    )


def _sbg_other_slices(survival: Sequence[float]) -> dict[str, tuple[float, float]]:
    """sBG fits of the slices a learner may have fitted instead of ``survival``: the same
    published cohort (or the other one) cut at another length."""
    surv = tuple(int(round(float(x))) for x in survival)
    out: dict[str, tuple[float, float]] = {}
    for cohort, counts in FADER_HARDIE_2007.items():
        for n in range(3, len(counts) + 1):
            if tuple(counts[:n]) == surv:
                continue
            fit = fit_sbg(counts[:n])
            out[f'FADER_HARDIE_2007["{cohort}"][:{n}]'] = (fit.alpha, fit.beta)
    return out


def check_sbg_parameters(
    alpha: object, beta: object, survival: Sequence[float], *, lang: str = "en"
) -> Feedback:
    """The sBG maximum-likelihood ``alpha`` and ``beta`` for ``survival`` (within 1 %).

    Recognises the two swapped, a fit with the right mean churn but not the spread, and the
    fit of another slice of the published cohorts (another length or the other cohort).

    >>> from journeykit.offers import FADER_HARDIE_2007
    >>> wrong = fit_sbg(FADER_HARDIE_2007["high_end"])  # all 13 years, not the first 8
    >>> print(check_sbg_parameters(wrong.alpha, wrong.beta, FADER_HARDIE_2007["high_end"][:8]))
    ✘ sBG alpha and beta: not yet. That is fit_sbg on FADER_HARDIE_2007["high_end"][:13]; fit the survival counts the task gives (8 periods, 1000 to 491).
    """
    name = msg("offers.name.sbg", lang)
    fit, fb = safely(name, lambda: fit_sbg(survival), lang)
    if fb is not None:
        return fb
    if alpha is None or beta is None:
        return Feedback(False, msg("no_answer", lang, name=name))
    try:
        a, b = float(alpha), float(beta)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(False, msg("offers.sbg.two_numbers", lang, name=name))

    def near(x: float, y: float) -> bool:
        return abs(x - y) <= 0.01 * abs(y)

    if near(a, fit.alpha) and near(b, fit.beta):
        return Feedback(True, msg("offers.sbg.correct", lang, name=name, alpha=a, beta=b))
    if near(b, fit.alpha) and near(a, fit.beta):
        return not_yet(name, msg("offers.sbg.swapped", lang), lang)
    others, _ = safely(name, lambda: _sbg_other_slices(survival), lang)
    for label, (oa, ob) in (others or {}).items():
        if near(a, oa) and near(b, ob):
            first, last = float(survival[0]), float(survival[-1])
            return not_yet(
                name,
                msg(
                    "offers.sbg.other_slice",
                    lang,
                    slice=label,
                    n=len(survival),
                    first=f"{first:g}",
                    last=f"{last:g}",
                ),
                lang,
            )
    if b > 0 and abs(a / (a + b) - fit.mean_churn) <= 0.02:
        return not_yet(name, msg("offers.sbg.mean_only", lang), lang)
    return not_yet(name, msg("offers.sbg.not_ml", lang, n=len(survival)), lang)
