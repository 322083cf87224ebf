"""Per-stage metrics and cohort retention, against values worked out by hand on a small data set."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from journeykit.errors import ParameterError, SchemaError
from journeykit.i18n import LABELS, t
from journeykit.metrics import (
    METRICS,
    UNITS,
    cohort_retention,
    metric_info,
    metric_table,
    stage_metrics,
    user_facts,
)
from journeykit.schema import Tables
from journeykit.stages import MODELS

D0 = pd.Timestamp("2024-05-01")


def _events(rows):
    return pd.DataFrame(
        [
            {
                "event_id": i + 1,
                "user_id": u,
                "timestamp": D0 + pd.Timedelta(days=d),
                "channel": ch,
                "device": "mobile",
                "touchpoint": "x",
                "event_type": et,
                "stage": stage,
                "campaign": None,
                "cost": cost,
            }
            for i, (u, d, et, stage, ch, cost) in enumerate(rows)
        ]
    )


EVENTS = _events(
    [
        # u1, persona student: paid social click, subscribes, buys twice, onboarded, reviews, invites
        (1, 0, "impression", "aware", "social_ads", 0.0),
        (1, 0.1, "click", "engage", "social_ads", 1000.0),
        (1, 0.2, "visit", "engage", "direct", 0.0),
        (1, 1, "subscribe", "subscribe", "email", 0.0),
        (1, 2, "purchase", "convert", "direct", 0.0),
        (1, 3, "onboard", "excite", "email", 0.0),
        (1, 10, "purchase", "ascend", "email", 0.0),
        (1, 12, "review", "advocate", "direct", 0.0),
        (1, 13, "invite", "promote", "whatsapp", 0.0),
        # u2, student: two impressions, a paid search click, social engagement, one order
        (2, 0, "impression", "aware", "social_ads", 0.0),
        (2, 0.5, "impression", "aware", "social_ads", 0.0),
        (2, 1, "click", "engage", "paid_search", 3000.0),
        (2, 1.1, "visit", "engage", "paid_search", 0.0),
        (2, 1.2, "engage", "engage", "social_organic", 0.0),
        (2, 2, "subscribe", "subscribe", "email", 0.0),
        (2, 4, "onboard", "excite", "email", 0.0),  # before the first order: not first value
        (2, 5, "purchase", "convert", "direct", 0.0),
        (2, 5.5, "onboard", "excite", "email", 0.0),
        # u3, worker: a paid impression and an organic visit, never buys
        (3, 0, "impression", "aware", "social_ads", 500.0),
        (3, 1, "visit", "aware", "organic_search", 0.0),
        # u4, worker: email, buys in the store twice (both entry offers), reviews
        (4, 0, "impression", "aware", "email", 0.0),
        (4, 0.2, "click", "engage", "email", 0.0),
        (4, 0.3, "visit", "engage", "email", 0.0),
        (4, 1, "purchase", "convert", "store", 0.0),
        (4, 4, "review", "advocate", "store", 0.0),
        (4, 20, "purchase", "convert", "store", 0.0),
    ]
)
USERS = pd.DataFrame(
    {
        "user_id": [1, 2, 3, 4],
        "persona": ["student", "student", "worker", "worker"],
        "first_seen": [D0] * 4,
        "acquisition_channel": ["social_ads", "social_ads", "social_ads", "email"],
        "device": ["mobile"] * 4,
        "referred_by": [None, None, 1, None],
    }
)
ORDERS = pd.DataFrame(
    {
        "order_id": [1, 2, 3, 4, 5],
        "user_id": [1, 1, 2, 4, 4],
        "timestamp": [D0 + pd.Timedelta(days=d) for d in (2, 10, 5, 1, 20)],
        "offer_type": ["entry", "core", "entry", "entry", "entry"],
        "product": ["sample", "beans", "sample", "latte", "latte"],
        "price": [20000.0, 50000.0, 20000.0, 30000.0, 30000.0],
        "cost": [10000.0, 20000.0, 10000.0, 9000.0, 9000.0],
    }
)
REFERRALS = pd.DataFrame(
    {
        "referral_id": [1, 2, 3],
        "inviter_id": [1, 1, 4],
        "invitee_id": [3, None, None],
        "invite_time": [D0] * 3,
        "signup_time": [D0, None, None],
        "reward": [0.0, 0.0, 0.0],
    }
)
SURVEY = pd.DataFrame(
    {
        "user_id": [1, 1, 4, 3],
        "timestamp": [D0 + pd.Timedelta(days=d) for d in (3, 11, 5, 2)],
        "nps": [10, 9, 6, 9],
        "csat": [5, None, 4, 2],
    }
)
TABLES = Tables(users=USERS, events=EVENTS, orders=ORDERS, referrals=REFERRALS, survey=SURVEY)

# Worked out by hand from the tables above (see the comments on each line).
EXPECTED = {
    "reach": 4,
    "impressions": 5,  # 1 + 2 + 1 + 1
    "visits": 4,
    "subscriptions": 2,
    "social_engagement": 1,
    "click_through_rate": 3 / 5,  # clicks of u1, u2, u4 / impressions
    "cost_per_click": (1000 + 3000) / 2,  # u4's email click cost nothing: not a paid click
    "engagement": 3 / 4,  # u3 stayed at aware
    "sales": 5,
    "revenue": 150000.0,
    "customers": 3,
    "leads": 2,  # u1 and u2 subscribed
    "conversion_rate": 3 / 4,
    "cost_per_conversion": (1000 + 3000 + 500) / 3,
    "repeat_purchase_rate": 2 / 3,  # u1 and u4
    "loyalty": 5 / 3,
    "ascension_rate": 1 / 3,  # u1's core order; u4 bought the entry offer again
    "average_order_value": 150000 / 5,
    "time_to_first_value": (1.0 + 0.5) / 2,  # u1: 1 day; u2: 0.5 day (d4 onboard is too early)
    "csat": 2 / 3,  # answers 5, 4, 2
    "feedback": 2 / 3,  # customers u1 and u4 answered, u2 did not
    "nps": 100 * (3 - 1) / 4,  # 10, 9, 9 promoters; 6 detractor
    "reviews": 2 / 3,
    "referrals": 1 / 3,  # u1's invitee 3 signed up
    "viral_coefficient": 1 / 3,  # per customer: u1 (a customer) brought u3; 3 customers
    "viral_coefficient_reached": 1 / 4,  # per person reached: 4 people
}


def test_every_metric_by_hand():
    m = metric_table(TABLES, inputs={"seo_rank": 3})
    assert list(m.index) == ["all"]
    row = m.iloc[0]
    assert set(EXPECTED) | {"seo_rank"} == set(METRICS)
    for key, value in EXPECTED.items():
        assert row[key] == pytest.approx(value), key
    assert row["seo_rank"] == 3.0
    assert math.isnan(metric_table(TABLES, metrics=["seo_rank"]).iloc[0, 0])


def test_metrics_by_persona_by_hand():
    m = metric_table(TABLES, by="persona", metrics=list(EXPECTED))
    assert list(m.index) == ["student", "worker"] and m.index.name == "persona"
    s, w = m.loc["student"], m.loc["worker"]
    assert s["click_through_rate"] == pytest.approx(2 / 3)
    assert w["click_through_rate"] == pytest.approx(1 / 2)
    assert s["cost_per_click"] == pytest.approx(2000)
    assert math.isnan(w["cost_per_click"])  # no paid click among workers
    assert s["conversion_rate"] == 1.0 and w["conversion_rate"] == 0.5
    assert s["cost_per_conversion"] == pytest.approx(2000) and w["cost_per_conversion"] == 500
    assert s["nps"] == pytest.approx(100) and w["nps"] == pytest.approx(0)
    assert s["csat"] == 1.0 and w["csat"] == 0.5
    assert s["referrals"] == pytest.approx(0.5) and w["referrals"] == 0
    assert s["time_to_first_value"] == pytest.approx(0.75)
    assert math.isnan(w["time_to_first_value"])
    # sums over groups give the totals
    for key in ("reach", "impressions", "sales", "revenue", "customers", "leads"):
        assert m[key].sum() == EXPECTED[key]


def test_metrics_by_first_touch_channel():
    m = metric_table(TABLES, by="channel", metrics=["reach", "conversion_rate"])
    assert list(m.index) == ["social_ads", "email"]
    assert m.loc["social_ads", "reach"] == 3
    assert m.loc["social_ads", "conversion_rate"] == pytest.approx(2 / 3)
    assert m.loc["email", "conversion_rate"] == 1.0


def test_consistent_with_offers_and_referrals_modules():
    from journeykit.offers import ascension_rate
    from journeykit.referrals import observed_k

    row = metric_table(TABLES, metrics=["ascension_rate", "viral_coefficient"]).iloc[0]
    assert row["ascension_rate"] == pytest.approx(ascension_rate(ORDERS))
    assert row["viral_coefficient"] == pytest.approx(observed_k(TABLES).k)  # per customer
    row = metric_table(TABLES, metrics=["viral_coefficient_reached"]).iloc[0]
    assert row["viral_coefficient_reached"] == pytest.approx(observed_k(TABLES, base="users").k)


def test_stage_metrics_rows_follow_the_stage_model():
    sm = stage_metrics(TABLES, "five", inputs={"seo_rank": 2})
    five = MODELS["five"]
    expected_pairs = [(s.key, k) for s in five for k in s.metrics]
    assert list(zip(sm["stage"], sm["metric"], strict=True)) == expected_pairs
    value = sm.set_index("metric")["value"]
    assert value["seo_rank"] == 2
    assert value["conversion_rate"] == pytest.approx(0.75)
    assert value["loyalty"] == pytest.approx(5 / 3)
    assert sm.set_index("metric").loc["cost_per_click", "unit"] == "currency_per_click"
    by = stage_metrics(TABLES, "map", by="persona", lang="id")
    assert set(by["persona"]) == {"student", "worker"}
    assert "Tingkat konversi" in set(by["metric_label"])
    assert by.loc[by["metric"] == "nps", "value"].tolist() == pytest.approx([100.0, 0.0])


def test_every_metric_of_every_model_is_defined_and_labelled():
    for model in MODELS.values():
        for stage in model:
            for key in stage.metrics:
                assert key in METRICS, (model.key, stage.key, key)
    for key, metric in METRICS.items():
        assert f"metric.{key}" in LABELS
        assert metric.unit in UNITS and f"unit.{metric.unit}" in LABELS
        assert metric.definition
    info = metric_info("id")
    assert len(info) == len(METRICS)
    assert info.set_index("metric").loc["nps", "unit"] == t("unit.points", "id")


def test_user_facts_columns():
    f = user_facts(TABLES)
    assert f.loc[1, "orders"] == 2 and f.loc[3, "customer"] == 0
    assert f.loc[2, "paid_click_cost"] == 3000
    assert f.loc[1, "nps_net"] == 2 and f.loc[4, "nps_net"] == -1
    assert f.loc[1, "referral_signups"] == 1
    assert np.isnan(f.loc[3, "ttfv_days"])


def test_cohort_retention_by_hand():
    users = pd.DataFrame(
        {
            "user_id": [1, 2, 3, 4],
            "first_seen": pd.to_datetime(["2024-01-05", "2024-01-20", "2024-02-03", "2024-03-30"]),
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": [1, 2, 3, 4, 5, 6],
            "user_id": [1, 1, 1, 2, 3, 3],
            "timestamp": pd.to_datetime(
                ["2024-01-06", "2024-01-30", "2024-03-01", "2024-02-15", "2024-02-04", "2024-03-09"]
            ),
        }
    )
    r = cohort_retention(orders, users)
    assert r.index.tolist() == ["2024-01", "2024-02", "2024-03"]
    assert r["cohort_size"].tolist() == [2, 1, 1]
    # January: 0 -> u1 ordered (1/2); 1 -> u2 (1/2); 2 -> u1 (1/2)
    assert r.loc["2024-01", [0, 1, 2]].tolist() == [0.5, 0.5, 0.5]
    # February: u3 in Feb and in Mar; nothing observed after March
    assert r.loc["2024-02", [0, 1]].tolist() == [1.0, 1.0]
    assert np.isnan(r.loc["2024-02", 2])
    assert r.loc["2024-03", 0] == 0.0 and np.isnan(r.loc["2024-03", 1])
    fo = cohort_retention(orders, users, cohort_by="first_order")
    assert fo.index.tolist() == ["2024-01", "2024-02"]
    assert fo["cohort_size"].tolist() == [1, 2]  # u1 first ordered in Jan; u2, u3 in Feb
    assert fo[0].tolist() == [1.0, 1.0]
    assert fo.loc["2024-01", [1, 2]].tolist() == [0.0, 1.0]
    assert fo.loc["2024-02", 1] == 0.5
    weekly = cohort_retention(orders, users, period="W")
    assert weekly["cohort_size"].sum() == 4


def test_bad_input_names_the_field():
    with pytest.raises(SchemaError, match=r"events\.event_type: missing column"):
        metric_table(Tables(USERS, EVENTS.drop(columns="event_type"), ORDERS, REFERRALS, SURVEY))
    # no cost column (a real export without spend): every touch cost 0
    free = metric_table(Tables(USERS, EVENTS.drop(columns="cost"), ORDERS, REFERRALS, SURVEY))
    assert free["cost_per_conversion"].iloc[0] == 0
    with pytest.raises(SchemaError, match=r"survey\.nps: values above 10"):
        metric_table(Tables(USERS, EVENTS, ORDERS, REFERRALS, SURVEY.assign(nps=[11, 9, 6, 9])))
    with pytest.raises(SchemaError, match=r"orders\.price: expected numbers"):
        metric_table(Tables(USERS, EVENTS, ORDERS.assign(price="cheap"), REFERRALS, SURVEY))
    with pytest.raises(SchemaError, match=r"orders\.user_id: buyers with no event"):
        metric_table(Tables(USERS, EVENTS, ORDERS.assign(user_id=9), REFERRALS, SURVEY))
    with pytest.raises(ParameterError, match="^metrics: unknown metric 'ctr'"):
        metric_table(TABLES, metrics=["ctr"])
    with pytest.raises(ParameterError, match="^inputs:"):
        metric_table(TABLES, inputs={"visits": 3})
    with pytest.raises(ParameterError, match="^inputs:"):
        metric_table(TABLES, inputs={"seo_rank": "first"})
    with pytest.raises(SchemaError, match="^events: expected a pandas DataFrame, a journeykit"):
        metric_table([EVENTS])
    with pytest.raises(SchemaError, match="^survey: table missing"):
        metric_table({"events": EVENTS, "orders": ORDERS}, metrics=["nps"])
    with pytest.raises(ParameterError, match="^period:"):
        cohort_retention(ORDERS, USERS, period="Y")
    with pytest.raises(ParameterError, match="^cohort_by:"):
        cohort_retention(ORDERS, USERS, cohort_by="signup")
    with pytest.raises(SchemaError, match=r"orders\.user_id"):
        cohort_retention(ORDERS.assign(user_id=9), USERS)


def test_only_the_needed_tables_are_read():
    # events alone are enough for event metrics
    m = metric_table({"events": EVENTS}, metrics=["click_through_rate", "visits"])
    assert m.iloc[0]["visits"] == 4


# --- exercise checks (lesson 05) ------------------------------------------------------------


def test_metric_checks_explain_the_usual_mistakes():
    from journeykit.checks import measuring as check

    assert check.check_metric(0.6, TABLES, "click_through_rate").ok
    assert "impressions" in check.check_metric(3 / 4, TABLES, "click_through_rate").message
    assert "percentage" in check.check_metric(60, TABLES, "click_through_rate").message
    assert check.check_metric(1500, TABLES, "cost_per_conversion").ok
    assert "customers" in check.check_metric(4500 / 5, TABLES, "cost_per_conversion").message
    assert check.check_metric(50, TABLES, "nps").ok
    assert "mean score" in check.check_metric(8.5, TABLES, "nps").message
    assert "detractors" in check.check_metric(75, TABLES, "nps").message
    assert "100" in check.check_metric(0.5, TABLES, "nps").message
    assert "customers" in check.check_metric(5 / 4, TABLES, "conversion_rate").message
    assert "cannot check" in check.check_metric(1, TABLES, "happiness").message
    assert "no answer yet" in check.check_metric(None, TABLES, "nps").message


def test_top_journey_check():
    from journeykit.checks import measuring as check

    # advocacy weights: students 5/6, workers 1/6 (see test_score)
    assert check.check_top_journey("student", TABLES, weights="advocacy").ok
    fb = check.check_top_journey("worker", TABLES, weights="advocacy")
    assert not fb.ok and "last" in fb.message


def test_empty_data_gives_zero_counts_and_undefined_rates():
    empty = Tables(USERS, EVENTS.iloc[:0], ORDERS.iloc[:0], REFERRALS.iloc[:0], SURVEY.iloc[:0])
    row = metric_table(empty).iloc[0]
    assert row["reach"] == 0 and row["sales"] == 0 and row["visits"] == 0
    assert math.isnan(row["conversion_rate"]) and math.isnan(row["nps"])
    assert metric_table(empty, by="persona").empty
    no_orders = Tables(USERS, EVENTS, ORDERS.iloc[:0], REFERRALS, SURVEY)
    row = metric_table(no_orders).iloc[0]
    assert row["customers"] == 0 and row["conversion_rate"] == 0
    assert math.isnan(row["repeat_purchase_rate"])  # no customers to divide by
    r = cohort_retention(ORDERS.iloc[:0], USERS)
    assert r["cohort_size"].tolist() == [4] and r[0].tolist() == [0.0]


def test_repeat_purchase_cohorts_from_an_orders_table_alone():
    """A shop's order export (text customer ids, no users table): first-order cohorts by hand."""
    orders = pd.DataFrame(
        {
            "order_id": ["#1001", "#1002", "#1003", "#1004"],
            "user_id": ["ani@x", "budi@x", "ani@x", "citra@x"],
            "timestamp": ["2024-01-05", "2024-01-20", "2024-02-10", "2024-02-03"],
            "price": [120_000.0, 80_000.0, 95_000.0, 60_000.0],
        }
    )
    c = cohort_retention(orders, cohort_by="first_order")
    # January: Ani and Budi, Ani again in February (1 of 2); February: Citra
    assert c["cohort_size"].to_dict() == {"2024-01": 2, "2024-02": 1}
    assert c.loc["2024-01", 1] == 0.5 and c.loc["2024-02", 0] == 1.0
    with pytest.raises(ParameterError, match="^users: cohort_by='first_seen' needs the users"):
        cohort_retention(orders)


def test_stage_metrics_on_an_export_without_stage_cost_offer_types_survey_or_referrals():
    """GA4-like names, text ids, minimal orders: measurable metrics by hand, the rest NaN."""
    ev = pd.DataFrame(
        {
            "user_id": ["a", "a", "b"],
            "timestamp": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-01"]),
            "event_type": ["page_view", "purchase", "page_view"],
        }
    )
    od = pd.DataFrame(
        {"order_id": ["o1"], "user_id": ["a"], "timestamp": pd.to_datetime(["2024-01-02"]),
         "price": [10.0]}
    )  # fmt: skip
    sm = stage_metrics({"events": ev, "orders": od}, "five").set_index("metric")["value"]
    assert sm["conversion_rate"] == 0.5  # a bought, b did not
    assert sm["engagement"] == 0.5  # purchase (convert) is past the Engage step for a only
    assert sm["sales"] == 1.0
    assert np.isnan(sm["csat"]) and np.isnan(sm["referrals"])  # no survey, no referrals table
