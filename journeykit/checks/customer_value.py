"""Checks for exercise 14 (customer value: RFM, BG/NBD, Gamma-Gamma, CLV).

Each check works out the expected answer with :mod:`journeykit.value` from the same orders or
model the learner used, returns a :class:`~journeykit.checks.Feedback` (never raises) and
recognises the usual mistakes: counting two orders on one day twice, counting the first purchase
as a repeat, measuring T to the last purchase or to the end of the data instead of the
calibration end, days instead of weeks, "weeks since the last purchase" instead of recency,
the chance of being gone instead of alive, a new customer's expectation instead of this
customer's, and CLV without the discount or without the margin.

>>> import pandas as pd
>>> orders = dewi_orders()
>>> print(check_frequency(3, orders, calibration_end="2024-04-13"))
✔ frequency: correct (3).
>>> print(check_frequency(5, orders, calibration_end="2024-04-13"))
✘ frequency: not yet. That counts every order. Frequency counts repeat purchase *days*: the two orders on 6 January are one purchase, and the first purchase is not a repeat.
"""

from __future__ import annotations

import pandas as pd

from journeykit.checks import Feedback, check_number, no_answer, safely
from journeykit.value import BGNBDFit, GammaGammaFit, clv_from_rfm, rfm_summary

__all__ = [
    "dewi_orders",
    "check_frequency",
    "check_recency",
    "check_age",
    "check_monetary_value",
    "check_p_alive",
    "check_expected_purchases",
    "check_clv",
]

_USER = "dewi"


def dewi_orders() -> pd.DataFrame:
    """Dewi's orders at the coffee shop (rupiah): a sampler pack and a bag of beans on her first
    day, then beans every four weeks, and once more after the calibration end."""
    times = [
        "2024-01-06 09:10",
        "2024-01-06 16:40",
        "2024-02-03 08:05",
        "2024-03-02 10:30",
        "2024-03-30 09:45",
        "2024-05-11 11:00",
    ]
    return pd.DataFrame(
        {
            "user_id": [_USER] * 6,
            "timestamp": pd.to_datetime(times),
            "price": [49_000.0, 95_000.0, 95_000.0, 95_000.0, 95_000.0, 95_000.0],
        }
    )


def _row(orders: pd.DataFrame, calibration_end: str, user: str) -> pd.Series:
    return rfm_summary(orders, calibration_end=calibration_end).loc[user]


def _plain(orders: pd.DataFrame, calibration_end: str, user: str) -> dict[str, float]:
    """The same customer's numbers computed the naive ways learners often try."""
    o = orders[orders["user_id"] == user]
    end = pd.Timestamp(calibration_end)
    cal = o[o["timestamp"].dt.normalize() <= end]
    first, last = cal["timestamp"].min().normalize(), cal["timestamp"].max().normalize()
    return {
        "orders": float(len(cal)),
        "days": float(cal["timestamp"].dt.normalize().nunique()),
        "age_to_last": (last - first).days / 7,
        "age_to_data_end": (o["timestamp"].max().normalize() - first).days / 7,
        "mean_all": float(cal["price"].mean()),
        "mean_days_incl_first": float(
            cal.groupby(cal["timestamp"].dt.normalize())["price"].sum().mean()
        ),
    }


def check_frequency(
    answer: object, orders: pd.DataFrame, *, calibration_end: str, user: str = _USER
) -> Feedback:
    """Repeat purchase days of ``user`` up to ``calibration_end``."""
    name = "frequency"
    if (fb0 := no_answer(answer, name)) is not None:
        return fb0
    row, fb = safely(name, lambda: _row(orders, calibration_end, user))
    if fb is not None:
        return fb
    plain = _plain(orders, calibration_end, user)
    hints = {
        plain["orders"]: (
            "That counts every order. Frequency counts repeat purchase *days*: the two orders on "
            "6 January are one purchase, and the first purchase is not a repeat."
        ),
        plain["orders"] - 1: (
            "Two orders on the same day count once: 6 January is one purchase day."
        ),
    }
    if plain["days"] in hints:  # one wrong number, two possible mistakes: name both
        hints[plain["days"]] = (
            "Either the two orders on 6 January were counted as two purchases (they are one "
            "purchase day), or the first purchase was counted (it is not a repeat)."
        )
    else:
        hints[plain["days"]] = (
            "That counts the first purchase too; frequency counts only repeat purchases."
        )
    hints.pop(float(row["frequency"]), None)
    return check_number(answer, float(row["frequency"]), name=name, hints=hints)


def check_recency(
    answer: object, orders: pd.DataFrame, *, calibration_end: str, user: str = _USER
) -> Feedback:
    """Weeks from the first to the last purchase up to ``calibration_end``."""
    name = "recency"
    if (fb0 := no_answer(answer, name)) is not None:
        return fb0
    row, fb = safely(name, lambda: _row(orders, calibration_end, user))
    if fb is not None:
        return fb
    hints = {
        float(row["recency"]) * 7: "That is in days; give weeks (days / 7).",
        float(row["T"] - row["recency"]): (
            "That is the time *since* the last purchase. In BG/NBD, recency runs from the first "
            "purchase to the last one."
        ),
    }
    return check_number(
        answer, float(row["recency"]), name=name, rel_tol=1e-3, abs_tol=0.01, hints=hints
    )


def check_age(
    answer: object, orders: pd.DataFrame, *, calibration_end: str, user: str = _USER
) -> Feedback:
    """``T``: weeks from the first purchase to the calibration end."""
    name = "T"
    if (fb0 := no_answer(answer, name)) is not None:
        return fb0
    row, fb = safely(name, lambda: _row(orders, calibration_end, user))
    if fb is not None:
        return fb
    plain = _plain(orders, calibration_end, user)
    hints = {
        plain["age_to_last"]: (
            "That is the recency (first to last purchase). T runs from the first purchase to the "
            "end of the calibration period, whether or not the customer bought then."
        ),
        plain["age_to_data_end"]: (
            "T stops at the calibration end: the orders after it are the holdout, kept aside to "
            "check the model."
        ),
        float(row["T"]) * 7: "That is in days; give weeks (days / 7).",
    }
    return check_number(answer, float(row["T"]), name=name, rel_tol=1e-3, abs_tol=0.01, hints=hints)


def check_monetary_value(
    answer: object, orders: pd.DataFrame, *, calibration_end: str, user: str = _USER
) -> Feedback:
    """Mean value of the repeat purchase days (rupiah)."""
    name = "monetary value"
    if (fb0 := no_answer(answer, name)) is not None:
        return fb0
    row, fb = safely(name, lambda: _row(orders, calibration_end, user))
    if fb is not None:
        return fb
    plain = _plain(orders, calibration_end, user)
    hints = {
        plain["mean_all"]: (
            "That is the mean of every order. Use the repeat purchases only, one value per day."
        ),
        plain["mean_days_incl_first"]: (
            "That includes the first purchase day; the Gamma-Gamma model uses the repeat "
            "purchases only (the first one is often an entry offer at a special price)."
        ),
    }
    return check_number(answer, float(row["monetary_value"]), name=name, rel_tol=1e-6, hints=hints)


def _one(frequency: float, recency: float, T: float) -> pd.DataFrame:
    return pd.DataFrame({"frequency": [float(frequency)], "recency": [recency], "T": [T]})


def check_p_alive(
    answer: object, fit: BGNBDFit, *, frequency: float, recency: float, T: float
) -> Feedback:
    """P(alive) of one customer under ``fit``."""
    name = "P(alive)"
    if (fb0 := no_answer(answer, name)) is not None:
        return fb0
    expected, fb = safely(name, lambda: float(fit.p_alive(_one(frequency, recency, T)).iloc[0]))
    if fb is not None:
        return fb
    hints = {
        1 - expected: "That is the chance the customer is *gone*; P(alive) is 1 minus it.",
        100 * expected: "Give a probability between 0 and 1, not a percentage.",
    }
    if frequency > 0 and T - recency != recency:
        other, _ = safely(name, lambda: float(fit.p_alive(_one(frequency, T - recency, T)).iloc[0]))
        if other is not None:
            hints[other] = (
                "Recency is the time from the first to the last purchase, not the time since the "
                "last purchase."
            )
    return check_number(answer, expected, name=name, rel_tol=1e-4, abs_tol=1e-4, hints=hints)


def check_expected_purchases(
    answer: object, fit: BGNBDFit, *, frequency: float, recency: float, T: float, horizon: float
) -> Feedback:
    """Expected purchases of this customer in the next ``horizon`` periods."""
    name = "expected purchases"
    if (fb0 := no_answer(answer, name)) is not None:
        return fb0
    rfm = _one(frequency, recency, T)
    expected, fb = safely(name, lambda: float(fit.expected_purchases(rfm, horizon).iloc[0]))
    if fb is not None:
        return fb
    hints = {
        fit.expected_purchases_new(horizon): (
            "That is what a brand-new customer would buy. Use this customer's history: "
            "fit.expected_purchases(rfm, horizon)."
        ),
        float(fit.expected_purchases(rfm, horizon * 7).iloc[0]): (
            "The horizon is in weeks, like the RFM table; you used days."
        ),
    }
    return check_number(answer, expected, name=name, rel_tol=1e-4, abs_tol=1e-4, hints=hints)


def check_clv(
    answer: object,
    rfm: pd.DataFrame,
    *,
    bgnbd: BGNBDFit,
    gamma_gamma: GammaGammaFit,
    horizon: int,
    margin: float,
    discount: float,
) -> Feedback:
    """Discounted CLV of the (first) customer of ``rfm``."""
    name = "CLV"
    if (fb0 := no_answer(answer, name)) is not None:
        return fb0

    def clv(**changes: float) -> float:
        args = {"horizon": horizon, "margin": margin, "discount": discount, **changes}
        table = clv_from_rfm(rfm, bgnbd=bgnbd, gamma_gamma=gamma_gamma, **args)  # type: ignore[arg-type]
        return float(table["clv"].iloc[0])

    expected, fb = safely(name, clv)
    if fb is not None:
        return fb
    hints: dict[float, str] = {}
    for text, kw in (
        ("Discount each week's expected margin by (1 + discount) ** week.", {"discount": 0.0}),
        ("Multiply by the margin: CLV counts profit, not revenue.", {"margin": 1.0}),
    ):
        value, bad = safely(name, lambda kw=kw: clv(**kw))
        if bad is None and value != expected:
            hints[value] = text
    return check_number(answer, expected, name=name, rel_tol=1e-4, abs_tol=0.5, hints=hints)
