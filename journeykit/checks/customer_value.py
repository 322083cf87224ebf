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

from journeykit.checks import Feedback, check_number, msg, no_answer, safely
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
    answer: object,
    orders: pd.DataFrame,
    *,
    calibration_end: str,
    user: str = _USER,
    lang: str = "en",
) -> Feedback:
    """Repeat purchase days of ``user`` up to ``calibration_end``."""
    name = msg("value.name.frequency", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    row, fb = safely(name, lambda: _row(orders, calibration_end, user), lang)
    if fb is not None:
        return fb
    plain = _plain(orders, calibration_end, user)
    hints = {
        plain["orders"]: msg("value.frequency.orders", lang),
        plain["orders"] - 1: msg("value.frequency.same_day", lang),
    }
    if plain["days"] in hints:  # one wrong number, two possible mistakes: name both
        hints[plain["days"]] = msg("value.frequency.both", lang)
    else:
        hints[plain["days"]] = msg("value.frequency.first", lang)
    hints.pop(float(row["frequency"]), None)
    return check_number(answer, float(row["frequency"]), name=name, hints=hints, lang=lang)


def check_recency(
    answer: object,
    orders: pd.DataFrame,
    *,
    calibration_end: str,
    user: str = _USER,
    lang: str = "en",
) -> Feedback:
    """Weeks from the first to the last purchase up to ``calibration_end``."""
    name = msg("value.name.recency", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    row, fb = safely(name, lambda: _row(orders, calibration_end, user), lang)
    if fb is not None:
        return fb
    hints = {
        float(row["recency"]) * 7: msg("value.weeks", lang),
        float(row["T"] - row["recency"]): msg("value.recency.since", lang),
    }
    return check_number(
        answer, float(row["recency"]), name=name, rel_tol=1e-3, abs_tol=0.01, hints=hints, lang=lang
    )


def check_age(
    answer: object,
    orders: pd.DataFrame,
    *,
    calibration_end: str,
    user: str = _USER,
    lang: str = "en",
) -> Feedback:
    """``T``: weeks from the first purchase to the calibration end."""
    name = msg("value.name.age", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    row, fb = safely(name, lambda: _row(orders, calibration_end, user), lang)
    if fb is not None:
        return fb
    plain = _plain(orders, calibration_end, user)
    hints = {
        plain["age_to_last"]: msg("value.age.recency", lang),
        plain["age_to_data_end"]: msg("value.age.holdout", lang),
        float(row["T"]) * 7: msg("value.weeks", lang),
    }
    return check_number(
        answer, float(row["T"]), name=name, rel_tol=1e-3, abs_tol=0.01, hints=hints, lang=lang
    )


def check_monetary_value(
    answer: object,
    orders: pd.DataFrame,
    *,
    calibration_end: str,
    user: str = _USER,
    lang: str = "en",
) -> Feedback:
    """Mean value of the repeat purchase days (rupiah)."""
    name = msg("value.name.monetary", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    row, fb = safely(name, lambda: _row(orders, calibration_end, user), lang)
    if fb is not None:
        return fb
    plain = _plain(orders, calibration_end, user)
    hints = {
        plain["mean_all"]: msg("value.monetary.all", lang),
        plain["mean_days_incl_first"]: msg("value.monetary.first_day", lang),
    }
    return check_number(
        answer, float(row["monetary_value"]), name=name, rel_tol=1e-6, hints=hints, lang=lang
    )


def _one(frequency: float, recency: float, T: float) -> pd.DataFrame:
    return pd.DataFrame({"frequency": [float(frequency)], "recency": [recency], "T": [T]})


def check_p_alive(
    answer: object,
    fit: BGNBDFit,
    *,
    frequency: float,
    recency: float,
    T: float,
    lang: str = "en",
) -> Feedback:
    """P(alive) of one customer under ``fit``."""
    name = msg("value.name.p_alive", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    expected, fb = safely(
        name, lambda: float(fit.p_alive(_one(frequency, recency, T)).iloc[0]), lang
    )
    if fb is not None:
        return fb
    hints = {
        1 - expected: msg("value.p_alive.gone", lang),
        100 * expected: msg("value.p_alive.percent", lang),
    }
    if frequency > 0 and T - recency != recency:
        other, _ = safely(
            name, lambda: float(fit.p_alive(_one(frequency, T - recency, T)).iloc[0]), lang
        )
        if other is not None:
            hints[other] = msg("value.p_alive.recency", lang)
    return check_number(
        answer, expected, name=name, rel_tol=1e-4, abs_tol=1e-4, hints=hints, lang=lang
    )


def check_expected_purchases(
    answer: object,
    fit: BGNBDFit,
    *,
    frequency: float,
    recency: float,
    T: float,
    horizon: float,
    lang: str = "en",
) -> Feedback:
    """Expected purchases of this customer in the next ``horizon`` periods."""
    name = msg("value.name.expected", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0
    rfm = _one(frequency, recency, T)
    expected, fb = safely(name, lambda: float(fit.expected_purchases(rfm, horizon).iloc[0]), lang)
    if fb is not None:
        return fb
    hints = {
        fit.expected_purchases_new(horizon): msg("value.expected.new", lang),
        float(fit.expected_purchases(rfm, horizon * 7).iloc[0]): msg("value.expected.days", lang),
    }
    return check_number(
        answer, expected, name=name, rel_tol=1e-4, abs_tol=1e-4, hints=hints, lang=lang
    )


def check_clv(
    answer: object,
    rfm: pd.DataFrame,
    *,
    bgnbd: BGNBDFit,
    gamma_gamma: GammaGammaFit,
    horizon: int,
    margin: float,
    discount: float,
    lang: str = "en",
) -> Feedback:
    """Discounted CLV of the (first) customer of ``rfm``."""
    name = msg("value.name.clv", lang)
    if (fb0 := no_answer(answer, name, lang)) is not None:
        return fb0

    def clv(**changes: float) -> float:
        args = {"horizon": horizon, "margin": margin, "discount": discount, **changes}
        table = clv_from_rfm(rfm, bgnbd=bgnbd, gamma_gamma=gamma_gamma, **args)  # type: ignore[arg-type]
        return float(table["clv"].iloc[0])

    expected, fb = safely(name, clv, lang)
    if fb is not None:
        return fb
    hints: dict[float, str] = {}
    for text, kw in (
        (msg("value.clv.discount", lang), {"discount": 0.0}),
        (msg("value.clv.margin", lang), {"margin": 1.0}),
    ):
        value, bad = safely(name, lambda kw=kw: clv(**kw), lang)
        if bad is None and value != expected:
            hints[value] = text
    return check_number(
        answer, expected, name=name, rel_tol=1e-4, abs_tol=0.5, hints=hints, lang=lang
    )
