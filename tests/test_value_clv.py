"""Gamma-Gamma and discounted CLV against hand calculations; value per group."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from journeykit import synth
from journeykit.errors import SchemaError, ValidationError
from journeykit.value import (
    BGNBDFit,
    GammaGammaFit,
    customer_value,
    fit_gamma_gamma,
    gamma_gamma_log_likelihood,
    rfm_summary,
    value_by_group,
)
from journeykit.value.clv import clv_from_rfm

BG = BGNBDFit(r=0.243, alpha=4.414, a=0.793, b=2.426)
GG = GammaGammaFit(p=6.25, q=3.74, gamma=15.44)
RFM = pd.DataFrame(
    {
        "frequency": [2.0, 0.0, 9.0],
        "recency": [30.43, 0.0, 38.0],
        "T": [38.86, 38.86, 38.86],
        "monetary_value": [22.35, 0.0, 40.0],
    },
    index=pd.Index(["a", "b", "c"], name="user_id"),
)


def test_expected_order_value_is_the_weighted_mean_by_hand():
    ev = GG.expected_order_value(RFM)
    pop = 6.25 * 15.44 / (3.74 - 1)
    for uid, x, m in (("a", 2, 22.35), ("c", 9, 40.0)):
        w = 6.25 * x / (6.25 * x + 3.74 - 1)
        assert ev[uid] == pytest.approx((1 - w) * pop + w * m)
    assert ev["b"] == pytest.approx(pop)


def test_gamma_gamma_log_likelihood_by_hand():
    # x = 1, m = 2, p = 2, q = 3, gamma = 4: Gamma-Gamma density of one spend, written out
    p, q, g, x, m = 2.0, 3.0, 4.0, 1.0, 2.0
    by_hand = (
        math.lgamma(p * x + q)
        - math.lgamma(p * x)
        - math.lgamma(q)
        + q * math.log(g)
        + (p * x - 1) * math.log(m)
        + p * x * math.log(x)
        - (p * x + q) * math.log(g + m * x)
    )
    rfm = pd.DataFrame({"frequency": [x], "monetary_value": [m]})
    assert gamma_gamma_log_likelihood(rfm, p=p, q=q, gamma=g).iloc[0] == pytest.approx(by_hand)


def test_gamma_gamma_recovers_simulated_parameters():
    rng = np.random.default_rng(8)
    n = 50_000
    nu = rng.gamma(4.0, 1 / 20.0, size=n)
    x = rng.integers(1, 8, size=n)
    m = rng.gamma(3.0 * x, 1 / (nu * x))
    fit = fit_gamma_gamma(pd.DataFrame({"frequency": x, "monetary_value": m}))
    assert fit.p == pytest.approx(3.0, rel=0.05)
    assert fit.q == pytest.approx(4.0, rel=0.1)
    assert fit.gamma == pytest.approx(20.0, rel=0.15)


def test_spend_must_be_positive_for_repeat_buyers():
    bad = RFM.assign(monetary_value=[22.35, 0.0, -1.0])
    with pytest.raises(SchemaError, match=r"rfm\.monetary_value: expected spend > 0.*\[rows 'c'\]"):
        fit_gamma_gamma(bad)


def test_undiscounted_clv_is_margin_times_spend_times_purchases():
    v = clv_from_rfm(RFM, bgnbd=BG, gamma_gamma=GG, horizon=52, margin=0.3, discount=0.0)
    by_hand = 0.3 * GG.expected_order_value(RFM) * BG.expected_purchases(RFM, 52)
    np.testing.assert_allclose(v["clv"], by_hand)


def test_discounting_each_period_at_its_end():
    d = 0.01
    v = clv_from_rfm(RFM, bgnbd=BG, gamma_gamma=GG, horizon=3, margin=1.0, discount=d)
    e = [BG.expected_purchases(RFM, k) for k in range(4)]
    by_hand = GG.expected_order_value(RFM) * sum(
        (e[k] - e[k - 1]) / (1 + d) ** k for k in (1, 2, 3)
    )
    np.testing.assert_allclose(v["clv"], by_hand)
    assert (
        v["clv"]
        < clv_from_rfm(RFM, bgnbd=BG, gamma_gamma=GG, horizon=3, margin=1.0, discount=0.0)["clv"]
    ).all()


def test_bad_value_parameters():
    for kw, name in (
        ({"margin": 1.5}, "margin"),
        ({"discount": -0.1}, "discount"),
        ({"horizon": 2.5}, "horizon"),
    ):
        args = {"horizon": 4, "margin": 0.3, "discount": 0.0, **kw}
        with pytest.raises(ValidationError, match=name):
            clv_from_rfm(RFM, bgnbd=BG, gamma_gamma=GG, **args)


def test_customer_value_on_generated_orders_and_groups():
    tables = synth.generate("coffee", n_users=3000, seed=5)
    v = customer_value(tables.orders, horizon=26, margin=0.4, discount=0.002)
    assert set(v.index) == set(tables.orders["user_id"])
    assert ((v["p_alive"] >= 0) & (v["p_alive"] <= 1)).all() and (v["clv"] >= 0).all()
    channel = tables.users.set_index("user_id")["acquisition_channel"]
    table = value_by_group(v, channel, name="acquisition_channel")
    assert table["customers"].sum() == len(v)
    assert table["total_clv"].sum() == pytest.approx(v["clv"].sum())
    first = table.iloc[0]
    members = v[channel.reindex(v.index) == first["acquisition_channel"]]
    assert first["clv"] == pytest.approx(members["clv"].mean())
    with pytest.raises(SchemaError, match="no group for these customers"):
        value_by_group(v, channel.iloc[:5])
    rfm = rfm_summary(tables.orders)
    assert (v["frequency"] == rfm["frequency"]).all()


def test_offer_economics_per_group_by_hand():
    values = pd.DataFrame(
        {
            "p_alive": [1.0, 1.0, 1.0],
            "expected_purchases": [1.0, 1.0, 1.0],
            "expected_order_value": [10.0, 10.0, 10.0],
            "clv": [30.0, 10.0, 5.0],
        },
        index=pd.Index([1, 2, 3], name="user_id"),
    )
    orders = pd.DataFrame(
        {
            "user_id": [2, 1, 1, 3],
            "timestamp": pd.to_datetime(["2024-01-02", "2024-01-01", "2024-01-05", "2024-01-03"]),
            "price": [8.0, 8.0, 50.0, 20.0],
            "cost": [6.0, 4.0, 20.0, 5.0],
        }
    )
    groups = pd.Series(["ads", "ads", "store"], index=[1, 2, 3])
    table = value_by_group(
        values, groups, orders=orders, acquisition_cost=pd.Series({"ads": 12.0})
    ).set_index("group")
    # ads: first orders 8-4 and 8-6 -> margin 3; clv (30+10)/2 = 20; 3 + 20 - 12 = 11
    assert table.loc["ads", "first_order_margin"] == 3.0
    assert table.loc["ads", "net_value"] == 11.0
    # store: 20-5 = 15 margin, clv 5, nothing spent: 20
    assert table.loc["store", "acquisition_cost"] == 0.0 and table.loc["store", "net_value"] == 20.0
