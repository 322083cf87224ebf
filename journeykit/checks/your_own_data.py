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

from journeykit.checks import Feedback, check_number, no_answer, safely
from journeykit.funnels import ordered_funnel
from journeykit.paths import Journeys, assisted_conversions

__all__ = [
    "check_direct_sessions",
    "check_revenue",
    "check_busiest_hour",
    "check_cart_rate",
    "check_email_assisted",
]


def check_direct_sessions(answer: object, events: pd.DataFrame) -> Feedback:
    """Number of sessions whose channel is ``direct`` (no source collected)."""
    name = "sessions without a source (direct)"
    if (fb := no_answer(answer, name)) is not None:
        return fb

    def compute() -> tuple[float, dict[float, str]]:
        direct = events[events["channel"] == "direct"]
        sessions = events.drop_duplicates("session_id")
        expected = float(direct["session_id"].nunique())
        hints = {
            float(len(direct)): "You counted events; count sessions (one per session_id).",
            float(direct["user_id"].nunique()): (
                "You counted users; a user can have direct and tagged sessions. Count sessions."
            ),
            expected / max(len(sessions), 1): "That is the share; give the number of sessions.",
            100
            * expected
            / max(len(sessions), 1): "That is a percentage; give the number of sessions.",
        }
        return expected, hints

    got, fb = safely(name, compute)
    if fb is not None:
        return fb
    expected, hints = got
    hints.pop(expected, None)
    return check_number(answer, expected, name=name, hints=hints)


def check_revenue(answer: object, orders: pd.DataFrame, events: pd.DataFrame) -> Feedback:
    """Total revenue of the export: the sum of the orders' ``price`` (currency units)."""
    name = "revenue"
    if (fb := no_answer(answer, name)) is not None:
        return fb

    def compute() -> tuple[float, dict[float, str]]:
        expected = float(orders["price"].sum())
        buys = events[events["event_type"] == "purchase"]
        hints = {
            float(buys["value"].sum()): (
                "You summed the purchase events. GA4 sometimes sends a purchase twice (same "
                "transaction_id); the orders table counts each transaction once."
            ),
            float(orders["price"].mean()): "That is the average order value; give the total.",
            float(len(orders)): "That is the number of orders; give the money.",
        }
        return expected, hints

    got, fb = safely(name, compute)
    if fb is not None:
        return fb
    expected, hints = got
    hints.pop(expected, None)
    return check_number(answer, expected, name=name, rel_tol=1e-9, abs_tol=0.5, hints=hints)


def _busiest(hours: pd.Series) -> int:
    counts = hours.value_counts().sort_index()
    return int(counts.idxmax())


def check_busiest_hour(
    answer: object, orders: pd.DataFrame, *, utc_orders: pd.DataFrame | None = None
) -> Feedback:
    """The hour of the day (0-23, the shop's time) with the most orders (ties: the earliest).

    ``orders`` are the orders imported with the shop's ``timezone``; ``utc_orders`` (optional)
    the same orders in UTC, to recognise an answer read off the UTC clock.
    """
    name = "busiest purchase hour"
    if (fb := no_answer(answer, name)) is not None:
        return fb
    if isinstance(answer, bool) or not isinstance(answer, int | np.integer):
        return Feedback(False, f"✘ {name}: expected a whole hour 0-23, got {answer!r}.")

    def compute() -> tuple[int, int | None]:
        local = _busiest(orders["timestamp"].dt.hour)
        utc = None if utc_orders is None else _busiest(utc_orders["timestamp"].dt.hour)
        return local, utc

    got, fb = safely(name, compute)
    if fb is not None:
        return fb
    local, utc = got
    if int(answer) == local:
        return Feedback(True, f"✔ {name}: correct ({local}:00).")
    if utc is not None and int(answer) == utc and utc != local:
        return Feedback(
            False,
            f"✘ {name}: not yet. {answer}:00 is the busiest hour in UTC, the clock GA4 exports; "
            "the shop's customers live in its own time zone (import with timezone=...).",
        )
    if not 0 <= int(answer) <= 23:
        return Feedback(False, f"✘ {name}: not yet - an hour of the day is 0 to 23.")
    return Feedback(False, f"✘ {name}: not yet - count the orders in each hour of the timestamp.")


def check_cart_rate(answer: object, events: pd.DataFrame, *, window: float = 30) -> Feedback:
    """Share (0-1) of the people who viewed a product who then added one to the cart.

    The ordered funnel ``view_item → add_to_cart`` within ``window`` days, in people.
    """
    name = "view_item → add_to_cart rate"
    if (fb := no_answer(answer, name)) is not None:
        return fb

    def compute() -> tuple[float, dict[float, str]]:
        f = ordered_funnel(events, ["view_item", "add_to_cart"], window=window)
        expected = float(f["step_conversion"].iloc[1])
        n_view = float((events["event_type"] == "view_item").sum())
        n_cart = float((events["event_type"] == "add_to_cart").sum())
        visitors = float(events.loc[events["event_type"] == "page_view", "user_id"].nunique())
        hints = {
            100 * expected: "You gave a percentage; give a share between 0 and 1.",
            n_cart / n_view if n_view else -1.0: (
                "You divided event counts. A funnel counts people: one person may view ten "
                "products and add one to the cart."
            ),
            float(f["users"].iloc[1]) / visitors if visitors else -1.0: (
                "That divides by everyone who viewed a page; the step starts from the people "
                "who viewed a product."
            ),
        }
        return expected, hints

    got, fb = safely(name, compute)
    if fb is not None:
        return fb
    expected, hints = got
    hints.pop(expected, None)
    return check_number(answer, expected, name=name, rel_tol=0, abs_tol=0.005, hints=hints)


def check_email_assisted(
    answer: object,
    journeys: Journeys,
    *,
    first_touch_journeys: Journeys | None = None,
    channel: str = "email",
) -> Feedback:
    """Assisted conversions of ``channel`` on the session-channel paths ``journeys``.

    ``first_touch_journeys`` (optional): paths built from ``traffic_source``, to recognise that
    mistake.
    """
    name = f"assisted conversions of {channel}"
    if (fb := no_answer(answer, name)) is not None:
        return fb

    def compute() -> tuple[float, dict[float, str]]:
        rep = assisted_conversions(journeys).set_index("channel")
        row = rep.loc[channel] if channel in rep.index else None
        expected = 0.0 if row is None else float(row["assisted_conversions"])
        hints: dict[float, str] = {}
        if row is not None:
            hints[float(row["last_click_conversions"])] = (
                "That is the last-click number; an assist is a place on the path before the last one."
            )
            hints[float(row["assisted_conversion_value"])] = "That is money; count conversions."
        if first_touch_journeys is not None:
            ft = assisted_conversions(first_touch_journeys).set_index("channel")
            wrong = float(ft.loc[channel, "assisted_conversions"]) if channel in ft.index else 0.0
            hints.setdefault(
                wrong,
                "Those paths use traffic_source, the user's first acquisition: every touch gets "
                "the same channel. Build the paths from the events' session channels.",
            )
        return expected, hints

    got, fb = safely(name, compute)
    if fb is not None:
        return fb
    expected, hints = got
    hints.pop(expected, None)
    return check_number(answer, expected, name=name, hints=hints)
