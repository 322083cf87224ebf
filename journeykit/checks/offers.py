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

from journeykit.checks import Feedback, check_number, no_answer, not_yet, safely
from journeykit.offers import (
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
    name = "first-order profit"
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    expected, fb = safely(name, lambda: first_order_profit(plan), lang)
    if fb is not None:
        return fb
    hints = {
        plan.entry_margin: (
            "That is the entry margin (price minus unit cost); the first order also has to pay "
            "for acquiring the customer."
        ),
        float(plan.entry_price) - float(plan.acquisition_cost): (
            "Subtract the unit cost of the entry offer too: the margin, not the price, pays back."
        ),
        -expected: "Right size, wrong sign: a loss is a negative profit.",
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
    name = "lifetime value"
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    expected, fb = safely(name, lambda: constant_churn_ltv(margin, churn, discount), lang)
    if fb is not None:
        return fb
    m, c, d = float(margin), float(churn), float(discount)
    hints: dict[float, str] = {
        m * c: "Multiply by the expected lifetime 1 / churn, not by the churn.",
    }
    if c < 1:
        hints[m / (1 - c)] = (
            "Divide by the churn (the share who leave each month), not by the retention."
        )
    if price is not None:
        hints[constant_churn_ltv(float(price), c, d)] = (
            "Use the margin (price minus unit cost), not the price: costs are paid every month too."
        )
    if d > 0:
        hints[m / c] = "That is the value without discounting; discount later months."
        hints[m / (d + c)] = (
            "Close: the first month is paid now and is not discounted, so multiply by (1 + d)."
        )
    return check_number(
        answer, expected, name=name, rel_tol=1e-4, abs_tol=0.005, hints=hints, lang=lang
    )


def check_payback_month(
    answer: object, plan: OfferPlan, *, discount: float = 0.0, lang: str = "en"
) -> Feedback:
    """First month (0 = month of the entry purchase) whose cumulative margin covers the
    acquisition cost; ``None`` answers mean "no answer", so never-paying plans expect -1."""
    name = "payback month"
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
            hints={0: "This plan never pays back: write -1."},
            lang=lang,
        )
    hints: dict[float, str] = {
        expected + 1: "Count months from 0 (the month of the entry purchase), not from 1.",
    }
    no_churn, fb2 = safely(name, lambda: payback_month(plan.replace(monthly_churn=0.0)), lang)
    if fb2 is None and no_churn is not None and no_churn != expected:
        hints[no_churn] = "Customers churn: weight each month's margin by the share still active."
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
    name = "break-even entry price"
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    expected, fb = safely(
        name, lambda: break_even_entry_price(plan, discount=discount, horizon=horizon), lang
    )
    if fb is not None:
        return fb
    hints = {
        break_even_entry_price(plan, first_order_only=True): (
            "That price makes the first order break even on its own; count what the customer "
            "buys later too (ascension and repeat purchases)."
        ),
        float(plan.acquisition_cost) - (expected - float(plan.acquisition_cost)): (
            "Check the signs: later value lowers the price you need."
        ),
    }
    return check_number(
        answer, expected, name=name, rel_tol=1e-4, abs_tol=0.005, hints=hints, lang=lang
    )


def check_ascension_rate(answer: object, orders: pd.DataFrame, *, lang: str = "en") -> Feedback:
    """Share (0-1) of entry-offer buyers who later bought a core or ascension offer."""
    name = "ascension rate"
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
            hints[up / buyers] = (
                "Count customers with a core or ascension order at or after their first "
                "entry-offer order, out of the entry-offer buyers."
            )
        n_up_orders = int(o["offer_type"].isin(["core", "ascension"]).sum())
        if entry and n_up_orders / entry != expected:
            hints.setdefault(
                n_up_orders / entry, "Count customers who ascended, not core/ascension orders."
            )
    except (KeyError, TypeError, AttributeError):
        pass
    return check_number(
        answer, expected, name=name, rel_tol=1e-4, abs_tol=1e-4, hints=hints, lang=lang
    )


def check_sbg_parameters(
    alpha: object, beta: object, survival: Sequence[float], *, lang: str = "en"
) -> Feedback:
    """The sBG maximum-likelihood ``alpha`` and ``beta`` for ``survival`` (within 1 %)."""
    name = "sBG alpha and beta"
    fit, fb = safely(name, lambda: fit_sbg(survival), lang)
    if fb is not None:
        return fb
    if alpha is None or beta is None:
        return Feedback(False, f"✘ {name}: no answer yet - replace None with your answer.")
    try:
        a, b = float(alpha), float(beta)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return Feedback(False, f"✘ {name}: expected two numbers.")
    close = abs(a - fit.alpha) <= 0.01 * fit.alpha and abs(b - fit.beta) <= 0.01 * fit.beta
    if close:
        return Feedback(True, f"✔ {name}: correct (alpha {a:.3f}, beta {b:.3f}).")
    if abs(b - fit.alpha) <= 0.01 * fit.alpha and abs(a - fit.beta) <= 0.01 * fit.beta:
        return not_yet(name, "Alpha and beta are swapped.", lang)
    if b > 0 and abs(a / (a + b) - fit.mean_churn) <= 0.02:
        return not_yet(
            name,
            "The mean churn alpha / (alpha + beta) is right, but not the "
            "spread: maximise the likelihood of the whole survival curve (use fit_sbg).",
            lang,
        )
    return Feedback(False, f"✘ {name}: not yet - use fit_sbg on the survival counts.")
