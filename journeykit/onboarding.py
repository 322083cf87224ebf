"""Excite: time to first value after a purchase, and how onboarding goes with repeat purchases.

Article 004's *Excite* step is about making sure a new customer gets value from the purchase
quickly (a Keurig with free coffee and a quick-start guide, Spotify's first playlist, Evernote's
onboarding emails); a customer who gets no value will not buy again. In the data an ``onboard``
event marks the moment of *first value*.

* :func:`first_value_table` - per customer: first order, first value (the first ``onboard`` event
  at or after the first order), days between them;
* :func:`summarize_time_to_first_value` - how many reached first value and how fast;
* :func:`repeat_by_onboarding` - repeat-purchase rate of onboarded vs not-onboarded customers,
  each with a Wilson interval, and their difference with a Newcombe (or Wald) interval.

**Causal or not?** In :mod:`journeykit.synth` onboarding *causes* more repeat orders by design
(``onboarding_effect`` multiplies the repeat rate), so the difference estimates that effect.
In real data the comparison is *observational*: customers who bother to onboard may be the keen
ones who would have come back anyway, so the difference mixes the effect of onboarding with who
chooses to onboard. Only a randomised test (onboard a random half) separates the two.

>>> import pandas as pd
>>> lo, hi = wilson_interval(8, 10)
>>> round(lo, 4), round(hi, 4)
(0.4902, 0.9433)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from journeykit.errors import ValidationError
from journeykit.schema import get_table

__all__ = [
    "wilson_interval",
    "difference_interval",
    "first_value_table",
    "FirstValueSummary",
    "summarize_time_to_first_value",
    "OnboardingComparison",
    "repeat_by_onboarding",
]

_DAY = pd.Timedelta(days=1)


def _confidence(confidence: float) -> float:
    ok = (
        isinstance(confidence, int | float)
        and not isinstance(confidence, bool)
        and 0 < confidence < 1
    )
    if not ok:
        raise ValidationError("confidence", "a number between 0 and 1 (e.g. 0.95)", got=confidence)
    return float(confidence)


def _z(confidence: float) -> float:
    return float(stats.norm.ppf(0.5 + _confidence(confidence) / 2))


def _counts(successes: int, n: int, name: str) -> tuple[int, int]:
    for field_name, v in ((f"{name}successes", successes), (f"{name}n", n)):
        if isinstance(v, bool) or not isinstance(v, int | np.integer) or v < 0:
            raise ValidationError(field_name, "a whole number >= 0", got=v)
    if successes > n:
        raise ValidationError(f"{name}successes", f"at most n = {n}", got=successes)
    return int(successes), int(n)


def wilson_interval(successes: int, n: int, *, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion ``successes / n`` (NaN, NaN when ``n`` is 0).

    The set of proportions p for which ``|successes/n - p| <= z * sqrt(p (1 - p) / n)``; it stays
    inside [0, 1] and behaves well for small ``n`` and for rates near 0 or 1.

    >>> [round(v, 4) for v in wilson_interval(0, 20)]
    [0.0, 0.1611]
    """
    x, n = _counts(successes, n, "")
    z = _z(confidence)
    if n == 0:
        return (math.nan, math.nan)
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low = 0.0 if x == 0 else max(0.0, centre - half)
    high = 1.0 if x == n else min(1.0, centre + half)
    return (low, high)


def difference_interval(
    successes_a: int,
    n_a: int,
    successes_b: int,
    n_b: int,
    *,
    confidence: float = 0.95,
    method: str = "newcombe",
) -> tuple[float, float, float]:
    """Difference of two proportions ``a - b`` with a confidence interval: ``(diff, low, high)``.

    ``method="newcombe"`` (default): Newcombe's hybrid score interval (1998, method 10), built
    from the two Wilson intervals; good coverage even for small groups. ``method="wald"``: the
    normal approximation ``diff +- z * sqrt(pa (1 - pa) / na + pb (1 - pb) / nb)``.

    >>> [round(v, 4) for v in difference_interval(56, 70, 48, 80)]
    [0.2, 0.0524, 0.3339]
    """
    xa, na = _counts(successes_a, n_a, "a.")
    xb, nb = _counts(successes_b, n_b, "b.")
    if method not in ("newcombe", "wald"):
        raise ValidationError("method", "'newcombe' or 'wald'", got=repr(method))
    if na == 0 or nb == 0:
        return (math.nan, math.nan, math.nan)
    pa, pb = xa / na, xb / nb
    d = pa - pb
    if method == "wald":
        half = _z(confidence) * math.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
        return (d, max(-1.0, d - half), min(1.0, d + half))
    la, ua = wilson_interval(xa, na, confidence=confidence)
    lb, ub = wilson_interval(xb, nb, confidence=confidence)
    low = d - math.sqrt((pa - la) ** 2 + (ub - pb) ** 2)
    high = d + math.sqrt((ua - pa) ** 2 + (pb - lb) ** 2)
    return (d, low, high)


def _end_of_data(events: pd.DataFrame, orders: pd.DataFrame, end: object) -> pd.Timestamp:
    if end is None:
        stamps = [s.max() for s in (events["timestamp"], orders["timestamp"]) if len(s)]
        return max(stamps) if stamps else pd.Timestamp("1970-01-01")
    try:
        return pd.Timestamp(end)
    except (TypeError, ValueError):
        raise ValidationError("end", "a date or timestamp", got=repr(end)) from None


def first_value_table(events: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """One row per customer: when they first bought and when they first got value.

    Columns: ``user_id``; ``first_order`` (time of the first order); ``orders`` (orders in the
    data); ``first_value`` (first ``onboard`` event at or after ``first_order``; missing if none);
    ``days_to_first_value`` (days from ``first_order`` to ``first_value``, float; missing if
    none); ``onboarded`` (True when a first value was recorded).

    >>> import pandas as pd
    >>> ev = pd.DataFrame({"event_id": [1], "user_id": [7], "timestamp":
    ...     pd.to_datetime(["2024-01-03 12:00"]), "channel": ["email"], "device": ["mobile"],
    ...     "touchpoint": ["quick_start_email"], "event_type": ["onboard"], "stage": ["excite"],
    ...     "campaign": [None], "cost": [0.0]})
    >>> od = pd.DataFrame({"order_id": [1], "user_id": [7], "timestamp":
    ...     pd.to_datetime(["2024-01-01"]), "offer_type": ["entry"], "product": ["beans"],
    ...     "price": [10.0], "cost": [4.0]})
    >>> first_value_table(ev, od)["days_to_first_value"].tolist()
    [2.5]
    """
    ev = get_table(events, "events")
    od = get_table(orders, "orders")
    g = od.groupby("user_id")
    cust = pd.DataFrame({"first_order": g["timestamp"].min(), "orders": g.size()})
    onb = ev.loc[ev["event_type"] == "onboard", ["user_id", "timestamp"]]
    onb = onb[onb["user_id"].isin(cust.index)]
    onb = onb[onb["timestamp"] >= onb["user_id"].map(cust["first_order"])]
    cust["first_value"] = onb.groupby("user_id")["timestamp"].min().reindex(cust.index)
    cust["days_to_first_value"] = (cust["first_value"] - cust["first_order"]) / _DAY
    cust["onboarded"] = cust["first_value"].notna()
    return cust.reset_index()


@dataclass(frozen=True)
class FirstValueSummary:
    """How many customers reached first value and how fast (days from first order)."""

    customers: int
    onboarded: int
    onboarded_share: float
    mean_days: float
    median_days: float
    p25_days: float
    p75_days: float
    p90_days: float

    def __str__(self) -> str:
        return (
            f"customers {self.customers:,}, reached first value {self.onboarded:,} "
            f"({self.onboarded_share:.1%}); days to first value: median {self.median_days:.1f}, "
            f"mean {self.mean_days:.1f}, p25 {self.p25_days:.1f}, p75 {self.p75_days:.1f}, "
            f"p90 {self.p90_days:.1f}"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per number: ``metric``, ``value``."""
        names = list(self.__dataclass_fields__)
        return pd.DataFrame({"metric": names, "value": [getattr(self, n) for n in names]})


def summarize_time_to_first_value(
    events: pd.DataFrame, orders: pd.DataFrame, *, within_days: float | None = None
) -> FirstValueSummary:
    """Share of customers who reached first value, and quantiles of the days it took.

    ``within_days`` counts only first values within that many days of the first order (e.g. 14:
    "onboarded in the first two weeks"). Quantiles are over customers who reached first value.

    >>> import pandas as pd
    >>> ev = pd.DataFrame({"event_id": [1, 2], "user_id": [1, 2], "timestamp":
    ...     pd.to_datetime(["2024-01-02", "2024-01-05"]), "channel": ["email"] * 2,
    ...     "device": ["mobile"] * 2, "touchpoint": ["guide"] * 2, "event_type": ["onboard"] * 2,
    ...     "stage": ["excite"] * 2, "campaign": [None] * 2, "cost": [0.0] * 2})
    >>> od = pd.DataFrame({"order_id": [1, 2, 3], "user_id": [1, 2, 3], "timestamp":
    ...     pd.to_datetime(["2024-01-01"] * 3), "offer_type": ["entry"] * 3,
    ...     "product": ["beans"] * 3, "price": [10.0] * 3, "cost": [4.0] * 3})
    >>> s = summarize_time_to_first_value(ev, od)
    >>> s.customers, s.onboarded, round(s.onboarded_share, 3), s.median_days
    (3, 2, 0.667, 2.5)
    >>> for part in str(s).split("; "):
    ...     print(part)
    customers 3, reached first value 2 (66.7%)
    days to first value: median 2.5, mean 2.5, p25 1.8, p75 3.2, p90 3.7
    """
    table = first_value_table(events, orders)
    days = table["days_to_first_value"]
    if within_days is not None:
        ok = isinstance(within_days, int | float) and not isinstance(within_days, bool)
        if not ok or not within_days >= 0:
            raise ValidationError("within_days", "a number of days >= 0 or None", got=within_days)
        days = days.where(days <= within_days)
    reached = days.dropna()
    n = len(table)

    def q(p: float) -> float:
        return float(reached.quantile(p)) if len(reached) else math.nan

    return FirstValueSummary(
        customers=n,
        onboarded=len(reached),
        onboarded_share=len(reached) / n if n else math.nan,
        mean_days=float(reached.mean()) if len(reached) else math.nan,
        median_days=q(0.5),
        p25_days=q(0.25),
        p75_days=q(0.75),
        p90_days=q(0.9),
    )


@dataclass(frozen=True)
class OnboardingComparison:
    """Repeat-purchase rate of onboarded vs not-onboarded customers.

    ``table`` has one row per group (``onboarded`` False, True) with ``customers``, ``repeaters``
    (customers with a second order within the follow-up window), ``repeat_rate`` (share, 0-1),
    ``ci_low``, ``ci_high`` (Wilson interval). ``difference`` is onboarded minus not onboarded
    (share points), with ``ci_low``/``ci_high`` from ``method``; ``ratio`` the relative rate.
    Observational in real data (see the module docstring).
    """

    table: pd.DataFrame
    difference: float
    ci_low: float
    ci_high: float
    ratio: float
    confidence: float
    method: str
    onboard_within_days: float | None
    followup_days: float | None

    def __str__(self) -> str:
        t = self.table.set_index("onboarded")
        pct = int(round(self.confidence * 100))
        return (
            f"repeat rate onboarded {t.loc[True, 'repeat_rate']:.1%} "
            f"(n={t.loc[True, 'customers']}), not onboarded {t.loc[False, 'repeat_rate']:.1%} "
            f"(n={t.loc[False, 'customers']}); difference {self.difference * 100:+.1f} points, "
            f"{pct}% CI [{self.ci_low * 100:+.1f}, {self.ci_high * 100:+.1f}]"
        )


def _days(name: str, value: float | None) -> float | None:
    if value is None:
        return None
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not value > 0 or math.isinf(value):
        raise ValidationError(name, "a number of days > 0 or None", got=value)
    return float(value)


def repeat_by_onboarding(
    events: pd.DataFrame,
    orders: pd.DataFrame,
    *,
    onboard_within_days: float | None = 14.0,
    followup_days: float | None = 90.0,
    end: object = None,
    confidence: float = 0.95,
    method: str = "newcombe",
) -> OnboardingComparison:
    """Compare the repeat-purchase rate of customers who reached first value with those who did not.

    * Customers: everyone with an order whose first order is at least ``followup_days`` before
      ``end`` (default: the last timestamp in the data), so every customer had the same time to
      come back (``followup_days=None``: everyone, however late they joined).
    * Onboarded: first value (an ``onboard`` event) within ``onboard_within_days`` of the first
      order (``None``: any time).
    * Repeater: another order within ``followup_days`` after the first (``None``: any time).

    Counting a repeat order that came *before* the onboarding would mix up cause and effect, and
    customers who joined late have had less time for both; the windows guard against both.

    >>> import pandas as pd
    >>> ev = pd.DataFrame({"event_id": [1], "user_id": [1], "timestamp":
    ...     pd.to_datetime(["2024-01-02"]), "channel": ["email"], "device": ["mobile"],
    ...     "touchpoint": ["guide"], "event_type": ["onboard"], "stage": ["excite"],
    ...     "campaign": [None], "cost": [0.0]})
    >>> od = pd.DataFrame({"order_id": [1, 2, 3], "user_id": [1, 1, 2], "timestamp":
    ...     pd.to_datetime(["2024-01-01", "2024-01-20", "2024-01-01"]), "offer_type":
    ...     ["entry", "core", "entry"], "product": ["beans"] * 3, "price": [10.0] * 3,
    ...     "cost": [4.0] * 3})
    >>> res = repeat_by_onboarding(ev, od, followup_days=None)
    >>> cols = ["onboarded", "customers", "repeaters", "repeat_rate"]
    >>> print(res.table[cols].to_string(index=False))
     onboarded  customers  repeaters  repeat_rate
         False          1          0          0.0
          True          1          1          1.0
    """
    conf = _confidence(confidence)
    within = _days("onboard_within_days", onboard_within_days)
    follow = _days("followup_days", followup_days)
    if method not in ("newcombe", "wald"):
        raise ValidationError("method", "'newcombe' or 'wald'", got=repr(method))
    table = first_value_table(events, orders)
    od = get_table(orders, "orders")
    stop = _end_of_data(get_table(events, "events"), od, end)
    if follow is not None:
        kept = table[table["first_order"] <= stop - pd.Timedelta(days=follow)]
        if len(table) and not len(kept):
            raise ValidationError(
                "followup_days",
                f"a window that leaves customers to follow (none bought at least {follow:g} days "
                f"before the end of the data, {stop:%Y-%m-%d})",
                got=followup_days,
            )
        table = kept
    days = table["days_to_first_value"]
    onboarded = days.notna() if within is None else (days <= within)
    # repeat: any order other than the first, within the follow-up window
    od = od.sort_values(["user_id", "timestamp", "order_id"], kind="stable")
    rest = od[od.groupby("user_id").cumcount().to_numpy() > 0]
    gap = (
        rest["timestamp"] - rest["user_id"].map(table.set_index("user_id")["first_order"])
    ) / _DAY
    repeat_users = rest.loc[gap <= (np.inf if follow is None else follow), "user_id"]
    repeated = table["user_id"].isin(repeat_users)
    frame = pd.DataFrame({"onboarded": onboarded.to_numpy(), "repeat": repeated.to_numpy()})
    rows = []
    for flag in (False, True):
        grp = frame.loc[frame["onboarded"] == flag, "repeat"]
        n, x = len(grp), int(grp.sum())
        lo, hi = wilson_interval(x, n, confidence=conf)
        rows.append((flag, n, x, x / n if n else math.nan, lo, hi))
    out = pd.DataFrame(
        rows, columns=["onboarded", "customers", "repeaters", "repeat_rate", "ci_low", "ci_high"]
    )
    (_, n0, x0, r0, *_), (_, n1, x1, r1, *_) = rows
    diff, lo, hi = difference_interval(x1, n1, x0, n0, confidence=conf, method=method)
    return OnboardingComparison(
        table=out,
        difference=diff,
        ci_low=lo,
        ci_high=hi,
        ratio=(r1 / r0) if n0 and n1 and r0 > 0 else math.nan,
        confidence=conf,
        method=method,
        onboard_within_days=within,
        followup_days=follow,
    )
