"""Checks for exercise 13 (your own data: a GA4 export imported, validated and measured).

Each check recomputes the expected answer from the imported tables the learner used, returns a
:class:`~journeykit.checks.Feedback` (never raises) and recognises the mistakes real exports
invite: counting events where sessions or people are asked, summing ``purchase`` events (GA4 sends
some twice) instead of orders, reading hours in UTC instead of the shop's time zone, building
paths from ``traffic_source`` (the first acquisition) instead of each session's channel, a
percentage where a share is asked.

>>> import pandas as pd
>>> events = pd.DataFrame({"user_id": ["a", "a", "b"], "session_id": ["a:1", "a:1", "b:1"],
...     "timestamp": pd.to_datetime(["2024-03-04 19:00", "2024-03-04 19:05", "2024-03-05 20:00"]),
...     "event_type": ["page_view", "purchase", "page_view"], "channel": ["direct"] * 3,
...     "value": [None, 100.0, None], "transaction_id": [None, "T1", None]})
>>> print(check_direct_sessions(2, events))
✔ sessions without a source (direct): correct (2).
>>> print(check_direct_sessions(3, events))
✘ sessions without a source (direct): not yet. You counted events; count sessions (one per session_id).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from journeykit.checks import Feedback, check_number, msg, no_answer, safely
from journeykit.funnels import ordered_funnel
from journeykit.paths import Journeys, assisted_conversions

__all__ = [
    "check_direct_sessions",
    "check_revenue",
    "check_busiest_hour",
    "check_cart_rate",
    "check_email_assisted",
]


def check_direct_sessions(answer: object, events: pd.DataFrame, *, lang: str = "en") -> Feedback:
    """Number of sessions whose channel is ``direct`` (no source collected)."""
    name = msg("own_data.name.direct", lang)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb

    def compute() -> tuple[float, dict[float, str]]:
        direct = events[events["channel"] == "direct"]
        sessions = events.drop_duplicates("session_id")
        expected = float(direct["session_id"].nunique())
        hints = {
            float(len(direct)): msg("own_data.direct.events", lang),
            float(direct["user_id"].nunique()): msg("own_data.direct.users", lang),
            expected / max(len(sessions), 1): msg("own_data.direct.share", lang),
            100 * expected / max(len(sessions), 1): msg("own_data.direct.percent", lang),
        }
        return expected, hints

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, hints = got
    hints.pop(expected, None)
    return check_number(answer, expected, name=name, hints=hints, lang=lang)


def check_revenue(
    answer: object, orders: pd.DataFrame, events: pd.DataFrame, *, lang: str = "en"
) -> Feedback:
    """Total revenue of the export: the sum of the orders' ``price`` (currency units)."""
    name = msg("own_data.name.revenue", lang)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb

    def compute() -> tuple[float, dict[float, str]]:
        expected = float(orders["price"].sum())
        buys = events[events["event_type"] == "purchase"]
        hints = {
            float(buys["value"].sum()): msg("own_data.revenue.events", lang),
            float(orders["price"].mean()): msg("own_data.revenue.mean", lang),
            float(len(orders)): msg("own_data.revenue.count", lang),
        }
        return expected, hints

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, hints = got
    hints.pop(expected, None)
    return check_number(
        answer, expected, name=name, rel_tol=1e-9, abs_tol=0.5, hints=hints, lang=lang
    )


def _busiest(hours: pd.Series) -> int:
    counts = hours.value_counts().sort_index()
    return int(counts.idxmax())


def check_busiest_hour(
    answer: object,
    orders: pd.DataFrame,
    *,
    utc_orders: pd.DataFrame | None = None,
    lang: str = "en",
) -> Feedback:
    """The hour of the day (0-23, the shop's time) with the most orders (ties: the earliest).

    ``orders`` are the orders imported with the shop's ``timezone``; ``utc_orders`` (optional)
    the same orders in UTC, to recognise an answer read off the UTC clock.
    """
    name = msg("own_data.name.hour", lang)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb
    if isinstance(answer, bool) or not isinstance(answer, int | np.integer):
        return Feedback(False, msg("own_data.hour.not_whole", lang, name=name, answer=answer))

    def compute() -> tuple[int, int | None]:
        local = _busiest(orders["timestamp"].dt.hour)
        utc = None if utc_orders is None else _busiest(utc_orders["timestamp"].dt.hour)
        return local, utc

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    local, utc = got
    if int(answer) == local:
        return Feedback(True, msg("own_data.hour.correct", lang, name=name, local=local))
    if utc is not None and int(answer) == utc and utc != local:
        return Feedback(False, msg("own_data.hour.utc", lang, name=name, answer=answer))
    if not 0 <= int(answer) <= 23:
        return Feedback(False, msg("own_data.hour.range", lang, name=name))
    return Feedback(False, msg("own_data.hour.count", lang, name=name))


def check_cart_rate(
    answer: object, events: pd.DataFrame, *, window: float = 30, lang: str = "en"
) -> Feedback:
    """Share (0-1) of the people who viewed a product who then added one to the cart.

    The ordered funnel ``view_item → add_to_cart`` within ``window`` days, in people.
    """
    name = msg("own_data.name.cart", lang)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb

    def compute() -> tuple[float, dict[float, str]]:
        f = ordered_funnel(events, ["view_item", "add_to_cart"], window=window)
        expected = float(f["step_conversion"].iloc[1])
        n_view = float((events["event_type"] == "view_item").sum())
        n_cart = float((events["event_type"] == "add_to_cart").sum())
        visitors = float(events.loc[events["event_type"] == "page_view", "user_id"].nunique())
        hints = {
            100 * expected: msg("own_data.cart.percent", lang),
            n_cart / n_view if n_view else -1.0: msg("own_data.cart.events", lang),
            float(f["users"].iloc[1]) / visitors if visitors else -1.0: msg(
                "own_data.cart.visitors", lang
            ),
        }
        return expected, hints

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, hints = got
    hints.pop(expected, None)
    return check_number(
        answer, expected, name=name, rel_tol=0, abs_tol=0.005, hints=hints, lang=lang
    )


def check_email_assisted(
    answer: object,
    journeys: Journeys,
    *,
    first_touch_journeys: Journeys | None = None,
    channel: str = "email",
    lang: str = "en",
) -> Feedback:
    """Assisted conversions of ``channel`` on the session-channel paths ``journeys``.

    ``first_touch_journeys`` (optional): paths built from ``traffic_source``, to recognise that
    mistake.
    """
    name = msg("own_data.name.assisted", lang, channel=channel)
    if (fb := no_answer(answer, name, lang)) is not None:
        return fb

    def compute() -> tuple[float, dict[float, str]]:
        rep = assisted_conversions(journeys).set_index("channel")
        row = rep.loc[channel] if channel in rep.index else None
        expected = 0.0 if row is None else float(row["assisted_conversions"])
        hints: dict[float, str] = {}
        if row is not None:
            hints[float(row["last_click_conversions"])] = msg("own_data.assisted.last_click", lang)
            hints[float(row["assisted_conversion_value"])] = msg("own_data.assisted.money", lang)
        if first_touch_journeys is not None:
            ft = assisted_conversions(first_touch_journeys).set_index("channel")
            wrong = float(ft.loc[channel, "assisted_conversions"]) if channel in ft.index else 0.0
            hints.setdefault(wrong, msg("own_data.assisted.first_touch", lang))
        return expected, hints

    got, fb = safely(name, compute, lang)
    if fb is not None:
        return fb
    expected, hints = got
    hints.pop(expected, None)
    return check_number(answer, expected, name=name, hints=hints, lang=lang)
