"""rfm_summary on small orders tables worked out by hand, and on messy real-world input."""

from __future__ import annotations

import pandas as pd
import pytest

from journeykit import synth
from journeykit.errors import SchemaError, ValidationError
from journeykit.value import rfm_summary


def _orders(rows):
    return pd.DataFrame(rows, columns=["user_id", "timestamp", "price"])


def test_by_hand_same_day_counts_once_and_holdout():
    orders = _orders(
        [
            ("ana", "2024-01-01 08:00", 10.0),
            ("ana", "2024-01-01 19:30", 5.0),  # same day: one purchase worth 15
            ("ana", "2024-01-15 12:00", 30.0),
            ("ana", "2024-01-29 09:00", 20.0),
            ("ana", "2024-02-12 10:00", 7.0),  # holdout
            ("budi", "2024-01-08 10:00", 4.0),
            ("cici", "2024-02-05 10:00", 9.0),  # first purchase after calibration: left out
        ]
    )
    rfm = rfm_summary(orders, calibration_end="2024-01-29", period="W")
    assert list(rfm.index) == ["ana", "budi"]
    ana, budi = rfm.loc["ana"], rfm.loc["budi"]
    assert ana["frequency"] == 2  # 15 Jan and 29 Jan after the first day
    assert ana["recency"] == pytest.approx(28 / 7)
    assert ana["T"] == pytest.approx(28 / 7)
    assert ana["monetary_value"] == pytest.approx((30 + 20) / 2)  # the first day is not in it
    assert ana["frequency_holdout"] == 1 and ana["monetary_value_holdout"] == 7
    assert budi["frequency"] == 0 and budi["recency"] == 0 and budi["monetary_value"] == 0
    assert budi["T"] == pytest.approx(21 / 7)
    assert rfm["duration_holdout"].iloc[0] == pytest.approx(14 / 7)  # 29 Jan -> 12 Feb
    days = rfm_summary(orders, calibration_end="2024-01-29", period="D")
    assert days.loc["ana", "T"] == 28 and days.loc["budi", "T"] == 21


def test_order_of_rows_and_id_type_do_not_matter():
    orders = _orders(
        [
            (2, "2024-03-05", 3.0),
            (1, "2024-03-01", 1.0),
            (2, "2024-03-01", 2.0),
            (1, "2024-03-03", 5.0),
        ]
    )
    shuffled = rfm_summary(orders.iloc[::-1])
    ordered = rfm_summary(orders)
    pd.testing.assert_frame_equal(shuffled, ordered)
    as_text = rfm_summary(orders.assign(user_id=orders["user_id"].astype(str)))
    assert list(as_text["frequency"]) == list(ordered["frequency"])


def test_timezones_are_converted_to_utc_days():
    # 06:00 in Jakarta (UTC+7) on 2 Jan is 23:00 UTC on 1 Jan: the same UTC day as 09:00 on 1 Jan
    orders = _orders(
        [("x", "2024-01-02T06:00:00+07:00", 1.0), ("x", "2024-01-01T09:00:00+07:00", 1.0)]
    )
    assert rfm_summary(orders).loc["x", "frequency"] == 0
    # two offsets are two clocks on one timeline: both read as UTC (23:00 and 09:00 on 1 Jan)
    offsets = _orders([("x", "2024-01-02T06:00:00+07:00", 1.0), ("x", "2024-01-01T09:00:00Z", 1.0)])
    assert rfm_summary(offsets).loc["x", "frequency"] == 0
    # a time with an offset beside one without is ambiguous: refused, never guessed
    mixed = _orders([("x", "2024-01-02T06:00:00+07:00", 1.0), ("x", "2024-01-01 09:00:00", 1.0)])
    with pytest.raises(SchemaError, match=r"orders\.timestamp"):
        rfm_summary(mixed)


def test_minimal_tables_need_only_three_columns_and_refuse_clearly():
    with pytest.raises(SchemaError, match=r"orders\.price: missing column\(s\) price"):
        rfm_summary(pd.DataFrame({"user_id": [1], "timestamp": ["2024-01-01"]}))
    with pytest.raises(SchemaError, match=r"orders\.price: values below 0 \[rows 1\]"):
        rfm_summary(_orders([(1, "2024-01-01", 1.0), (1, "2024-01-02", -3.0)]))
    with pytest.raises(SchemaError, match=r"orders\.timestamp: expected timestamps"):
        rfm_summary(_orders([(1, "yesterday", 1.0)]))
    with pytest.raises(SchemaError, match=r"orders\.user_id: missing values \[rows 0\]"):
        rfm_summary(_orders([(None, "2024-01-01", 1.0)]))
    with pytest.raises(ValidationError, match="period"):
        rfm_summary(_orders([(1, "2024-01-01", 1.0)]), period="M")
    with pytest.raises(ValidationError, match="calibration_end"):
        rfm_summary(_orders([(1, "2024-01-05", 1.0)]), calibration_end="2023-12-31")


def test_generated_orders_match_a_plain_pandas_count():
    tables = synth.generate("coffee", n_users=1500, seed=4)
    orders = tables.orders
    rfm = rfm_summary(orders)
    days = orders.assign(day=orders["timestamp"].dt.normalize()).drop_duplicates(["user_id", "day"])
    per_user = days.groupby("user_id").size() - 1
    pd.testing.assert_series_equal(rfm["frequency"], per_user.astype(float), check_names=False)
