"""Recency, frequency and monetary value per customer: the summary BG/NBD and Gamma-Gamma need.

A non-contractual shop (a coffee shop, a book seller, a car wash without a plan) never hears a
customer say "I am leaving"; it only sees purchases. Fader, Hardie & Lee (2005) showed that three
numbers per customer carry everything the BG/NBD model needs:

* ``frequency`` *x*: the number of **repeat** purchases (purchases after the first one);
* ``recency`` *t_x*: the time from the first purchase to the last one (0 when *x* = 0);
* ``T``: the time from the first purchase to the end of the calibration period.

Purchases are counted per **calendar day**: several orders by one customer on one day are one
purchase (their values are added), as in Fader & Hardie's CDNOW data and the ``lifetimes``
package. Times are whole days divided by the period length (``period="W"``: weeks of 7 days,
``"D"``: days), so a first purchase on 1 Jan and a calibration end on 30 Sep give
``T = 272 / 7 = 38.857`` weeks.

>>> import pandas as pd
>>> orders = pd.DataFrame({"user_id": ["a", "a", "a", "b"],
...     "timestamp": pd.to_datetime(["2024-01-01 09:00", "2024-01-01 17:00", "2024-01-15 12:00",
...                                  "2024-01-08 10:00"]),
...     "price": [10.0, 5.0, 20.0, 7.0]})
>>> rfm_summary(orders)          # two orders of "a" on 1 Jan are one purchase worth 15
         frequency  recency    T  monetary_value
user_id
a              1.0      2.0  2.0            20.0
b              0.0      0.0  1.0             0.0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import numpy as np
import pandas as pd

from journeykit.errors import SchemaError, ValidationError
from journeykit.schema import checked_columns, require_columns

__all__ = ["PERIODS", "rfm_summary", "check_rfm"]

PERIODS: Final[dict[str, int]] = {"D": 1, "W": 7}
"""Period codes and their length in days."""

_RFM: Final[tuple[str, ...]] = ("frequency", "recency", "T")


def _period_days(period: object) -> int:
    if period not in PERIODS:
        raise ValidationError("period", f"one of {', '.join(map(repr, PERIODS))}", got=repr(period))
    return PERIODS[period]  # type: ignore[index]


def _day(name: str, value: object) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError(name, "a date such as '2024-09-30'", got=repr(value)) from None
    if pd.isna(ts):
        raise ValidationError(name, "a date such as '2024-09-30'", got=repr(value))
    if ts.tzinfo is not None:
        ts = ts.tz_convert("UTC").tz_localize(None)
    return ts.normalize()


def _purchase_days(orders: object) -> pd.DataFrame:
    """One row per (user, calendar day) with the day's summed value, sorted by user and day."""
    df = require_columns(orders, "orders", ("user_id", "timestamp", "price"))
    try:
        typed = checked_columns("orders", df, ("timestamp", "price"))
    except AttributeError:  # pandas 2.2 keeps mixed UTC offsets as objects (no .dt)
        raise SchemaError(
            "orders",
            "timestamp",
            "expected timestamps in one time zone (found mixed UTC offsets); convert them first",
        ) from None
    uid = df["user_id"]
    if uid.isna().any():
        raise SchemaError(
            "orders", "user_id", "missing values", list(df.index[uid.isna().to_numpy()][:10])
        )
    day = typed["timestamp"].dt.normalize()
    daily = (
        pd.DataFrame({"user_id": uid.to_numpy(), "day": day.to_numpy(), "value": typed["price"]})
        .groupby(["user_id", "day"], sort=True)["value"]
        .sum()
        .reset_index()
    )
    return daily


def rfm_summary(
    orders: pd.DataFrame,
    *,
    calibration_end: object = None,
    observation_end: object = None,
    period: str = "W",
) -> pd.DataFrame:
    """Per customer: repeat purchases, recency, age and mean repeat spend, from an orders table.

    ``orders`` needs only ``user_id`` (any type: numbers or text), ``timestamp`` (datetimes or
    ISO text; time zones are converted to UTC) and ``price`` (the order's value, >= 0, in the
    data's currency); other columns are ignored.

    ``calibration_end``: last day of the calibration period (inclusive; default: the last order's
    day). Customers whose first purchase is after it are left out. ``observation_end``: last
    day of the holdout period (default: the last order's day, or ``calibration_end`` if later); used only with
    ``calibration_end``. ``period``: ``"W"`` (weeks of 7 days) or ``"D"`` (days).

    Returns a DataFrame indexed by ``user_id``, sorted by it, with float columns

    * ``frequency``: repeat purchases in the calibration period (distinct purchase days - 1);
    * ``recency``: first to last purchase day in the calibration period, in periods;
    * ``T``: first purchase day to ``calibration_end``, in periods;
    * ``monetary_value``: mean value of the repeat purchase days (currency units; 0 when
      ``frequency`` is 0, as in Fader & Hardie's data);

    and, when ``calibration_end`` is given, the holdout columns

    * ``frequency_holdout``: purchase days after ``calibration_end`` up to ``observation_end``;
    * ``monetary_value_holdout``: their mean value (0 when none);
    * ``duration_holdout``: length of the holdout period, in periods (same for everyone).

    >>> import pandas as pd
    >>> orders = pd.DataFrame({"user_id": [7, 7, 7],
    ...     "timestamp": pd.to_datetime(["2024-01-01", "2024-01-08", "2024-01-22"]),
    ...     "price": [4.0, 6.0, 9.0]})
    >>> rfm_summary(orders, calibration_end="2024-01-15", period="D").iloc[0].to_dict()
    ... # doctest: +NORMALIZE_WHITESPACE
    {'frequency': 1.0, 'recency': 7.0, 'T': 14.0, 'monetary_value': 6.0,
     'frequency_holdout': 1.0, 'monetary_value_holdout': 9.0, 'duration_holdout': 7.0}
    """
    days = _period_days(period)
    daily = _purchase_days(orders)
    if daily.empty:
        raise SchemaError("orders", None, "no orders: the table is empty")
    last_day = daily["day"].max()
    holdout = calibration_end is not None
    cal_end = _day("calibration_end", calibration_end) if holdout else last_day
    obs_end = (
        _day("observation_end", observation_end)
        if observation_end is not None
        else max(last_day, cal_end)
    )
    if holdout and obs_end < cal_end:
        raise ValidationError(
            "observation_end", f"a day on or after calibration_end ({cal_end.date()})", got=obs_end
        )
    first = daily.groupby("user_id", sort=True)["day"].transform("min")
    daily = daily[first <= cal_end].assign(first=first[first <= cal_end])
    if daily.empty:
        raise ValidationError(
            "calibration_end",
            f"a day on or after the first purchase ({first.min().date()})",
            got=cal_end.date(),
        )
    cal = daily[daily["day"] <= cal_end]
    g = cal.groupby("user_id", sort=True)
    n_days = g.size()
    first_day = g["day"].min()
    last = g["day"].max()
    total = g["value"].sum()
    first_value = cal.loc[cal["day"] == cal["first"]].set_index("user_id")["value"]
    per = np.timedelta64(days, "D")
    out = pd.DataFrame(
        {
            "frequency": (n_days - 1).astype(float),
            "recency": (last - first_day) / per,
            "T": (cal_end - first_day) / per,
        }
    )
    repeat_total = total - first_value.reindex(out.index)
    out["monetary_value"] = np.where(
        out["frequency"] > 0, repeat_total / out["frequency"].where(out["frequency"] > 0), 0.0
    )
    if holdout:
        hold = daily[(daily["day"] > cal_end) & (daily["day"] <= obs_end)]
        hg = hold.groupby("user_id", sort=True)["value"]
        n_hold = hg.size().reindex(out.index, fill_value=0).astype(float)
        out["frequency_holdout"] = n_hold
        mean_hold = hg.mean().reindex(out.index)
        out["monetary_value_holdout"] = mean_hold.fillna(0.0).astype(float)
        out["duration_holdout"] = float((obs_end - cal_end) / per)
    out.index.name = "user_id"
    return out


def check_rfm(rfm: object, *, columns: Iterable[str] = _RFM, table: str = "rfm") -> pd.DataFrame:
    """Check an RFM table (from :func:`rfm_summary` or a learner's own) and return it.

    Refuses, naming the column and a few offending rows: missing columns, non-numbers,
    missing values, a negative ``frequency`` or a fractional one, a negative ``recency``,
    ``recency`` beyond ``T``, and ``recency > 0`` with ``frequency == 0``.

    >>> check_rfm(pd.DataFrame({"frequency": [1, -1], "recency": [2.0, 0], "T": [3.0, 4]}))
    Traceback (most recent call last):
    ...
    journeykit.errors.SchemaError: rfm.frequency: expected whole numbers >= 0 (repeat purchases) [rows 1]
    """
    cols = tuple(columns)
    df = require_columns(rfm, table, cols)
    values: dict[str, np.ndarray] = {}
    for c in cols:
        num = pd.to_numeric(df[c], errors="coerce")
        bad = num.isna().to_numpy() | ~np.isfinite(num.to_numpy(dtype=float, na_value=np.nan))
        if bad.any():
            raise SchemaError(
                table, c, "expected finite numbers (no missing values)", list(df.index[bad][:10])
            )
        values[c] = num.to_numpy(dtype=float)
    if "frequency" in values:
        x = values["frequency"]
        bad = (x < 0) | (x % 1 != 0)
        if bad.any():
            raise SchemaError(
                table,
                "frequency",
                "expected whole numbers >= 0 (repeat purchases)",
                list(df.index[bad][:10]),
            )
    if "recency" in values and "T" in values:
        tx, big_t = values["recency"], values["T"]
        for name, bad, problem in (
            ("recency", tx < 0, "expected numbers >= 0"),
            ("T", big_t < 0, "expected numbers >= 0 (time since the first purchase)"),
            (
                "recency",
                tx > big_t * (1 + 1e-12),
                "recency beyond T: the last purchase cannot be after the calibration end",
            ),
        ):
            if bad.any():
                raise SchemaError(table, name, problem, list(df.index[bad][:10]))
        if "frequency" in values:
            bad = (values["frequency"] == 0) & (tx > 0)
            if bad.any():
                raise SchemaError(
                    table,
                    "recency",
                    "expected 0 when frequency is 0 (no repeat purchase, no recency)",
                    list(df.index[bad][:10]),
                )
    return df
