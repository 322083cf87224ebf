"""Offer economics: closed forms checked by hand and by brute-force sums, the simulation against
the closed form, the sBG fit against Fader & Hardie's published estimates, and the data measures
on hand-made tables."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.errors import FitWarning, SchemaError, ValidationError
from journeykit.offers import (
    FADER_HARDIE_2007,
    PRESETS,
    AscensionStep,
    OfferPlan,
    acquisition_cost,
    ascension_rate,
    break_even_entry_price,
    constant_churn_ltv,
    expected_ascension_rate,
    expected_lifetime,
    expected_monthly_margin,
    first_order_profit,
    fit_sbg,
    get_preset,
    lifetime_value,
    ltv_components,
    observed_ltv,
    payback_month,
    sbg_discounted_expected_lifetime,
    sbg_forecast,
    sbg_retention_rates,
    sbg_survival,
    simulate_cohort,
    simulate_sbg_survival,
    summarize,
)

# Small plans worked out by hand in the tests below.
PAYBACK_PLAN = OfferPlan(
    entry_price=8,
    entry_cost=3,
    acquisition_cost=20,
    repeat_price=12,
    repeat_cost=2,
    repeat_rate=1,
    monthly_churn=0.0,
)  # margin 5 in month 0, then 10 a month, nobody leaves
BREAK_EVEN_PLAN = OfferPlan(
    entry_price=8,
    entry_cost=3,
    acquisition_cost=20,
    repeat_price=10,
    repeat_rate=1,
    monthly_churn=0.5,
)  # margin 5 in month 0, then 10 a month, half leave each month


def brute_force_value(plan: OfferPlan, discount: float, months: int) -> float:
    """An independent, loop-by-loop reading of the model in the module docstring."""
    c, d = plan.monthly_churn, discount
    bought_prob: dict[str, float] = {}
    total = 0.0
    for step in plan.steps:
        parent = 1.0 if step.requires is None else bought_prob[step.requires]
        bought_prob[step.name] = step.share * parent
    for t in range(months):
        alive = (1 - c) ** t
        v = 1 / (1 + d) ** t
        if t == 0:
            total += plan.entry_price - plan.entry_cost
        else:
            total += alive * plan.repeat_rate * (plan.repeat_price - plan.repeat_cost) * v
        for step in plan.steps:
            if t == step.month or (step.recurring and t > step.month):
                total += alive * bought_prob[step.name] * (step.price - step.unit_cost) * v
    return total


# --- closed forms ------------------------------------------------------------------------------


def test_constant_churn_ltv_is_margin_over_churn() -> None:
    assert constant_churn_ltv(margin=10, churn=0.05) == pytest.approx(200.0)
    assert constant_churn_ltv(margin=40, churn=0.25) == pytest.approx(160.0)
    # the whole plan: a $40 margin paid every month from month 0 with 10 % churn
    plan = OfferPlan(entry_price=40, repeat_price=40, repeat_rate=1, monthly_churn=0.1)
    assert lifetime_value(plan) == pytest.approx(400.0)


def test_discounted_form_matches_a_long_sum() -> None:
    m, c, d = 25.0, 0.08, 0.01
    by_hand = m * (1 + d) / (d + c)  # 25 * 1.01 / 0.09 = 280.555...
    assert by_hand == pytest.approx(280.5555556)
    t = np.arange(5000)
    assert constant_churn_ltv(margin=m, churn=c, discount=d) == pytest.approx(by_hand)
    assert by_hand == pytest.approx(float((m * (1 - c) ** t / (1 + d) ** t).sum()))
    plan = OfferPlan(entry_price=m, repeat_price=m, repeat_rate=1, monthly_churn=c)
    assert lifetime_value(plan, discount=d) == pytest.approx(by_hand)


def test_no_churn_no_discount_is_infinite_unless_horizon() -> None:
    plan = OfferPlan(entry_price=5, repeat_price=10, repeat_rate=1, monthly_churn=0.0)
    assert lifetime_value(plan) == math.inf
    assert lifetime_value(plan, horizon=12) == pytest.approx(5 + 11 * 10)
    assert constant_churn_ltv(margin=0, churn=0) == 0.0
    assert expected_lifetime(0.0) == math.inf
    assert expected_lifetime(0.2) == pytest.approx(5.0)


def test_first_order_profit_and_acquisition_cost_by_hand() -> None:
    assert acquisition_cost(spend=1500, customers=60) == pytest.approx(25.0)
    plan = OfferPlan(entry_price=9, entry_cost=7, acquisition_cost=25)
    assert first_order_profit(plan) == pytest.approx(-23.0)


def test_payback_month_by_hand() -> None:
    # entry margin 5, then 10 a month with no churn: cumulative 5, 15, 25 -> covers 20 in month 2
    plan = PAYBACK_PLAN
    assert payback_month(plan) == 2
    # with 50 % churn: 5, 10, 12.5, 13.75 ... tends to 15 < 20: never
    assert payback_month(plan.replace(monthly_churn=0.5)) is None
    # a free customer (no acquisition cost) pays back at once
    assert payback_month(plan.replace(acquisition_cost=0)) == 0
    # discounting at 10 % a month: 5, 5 + 10/1.1 = 14.09, + 10/1.21 = 22.36 -> month 2 still
    assert payback_month(plan, discount=0.1) == 2
    # ... at 100 % a month: 5, 10, 12.5, 13.75: never
    assert payback_month(plan, discount=1.0) is None


def test_break_even_price_by_hand() -> None:
    plan = BREAK_EVEN_PLAN
    # later value: repeat margin 10 * sum_{t>=1} 0.5**t = 10
    assert break_even_entry_price(plan) == pytest.approx(20 + 3 - 10)
    assert break_even_entry_price(plan, first_order_only=True) == pytest.approx(23.0)
    # over 2 months only: later value 10 * 0.5 = 5
    assert break_even_entry_price(plan, horizon=2) == pytest.approx(18.0)
    at_break_even = plan.replace(entry_price=13.0)
    assert lifetime_value(at_break_even) - at_break_even.acquisition_cost == pytest.approx(0.0)


def test_ascension_chain_by_hand() -> None:
    # camera in month 1 bought by 4 % of those still active; bundle by half of camera buyers
    plan = OfferPlan(
        entry_price=9,
        entry_cost=1,
        acquisition_cost=20,
        monthly_churn=0.05,
        steps=[
            AscensionStep(name="camera", price=2495, unit_cost=2100, share=0.04, month=1),
            AscensionStep(
                name="bundle", price=699, unit_cost=420, share=0.5, month=1, requires="camera"
            ),
        ],
    )
    comp = ltv_components(plan).set_index("component")["value"]
    assert comp["acquisition"] == pytest.approx(-20)
    assert comp["entry"] == pytest.approx(8)
    assert comp["camera"] == pytest.approx(0.04 * 0.95 * 395)  # 15.01
    assert comp["bundle"] == pytest.approx(0.02 * 0.95 * 279)  # 5.301
    assert comp["repeat"] == 0
    assert lifetime_value(plan) == pytest.approx(8 + 15.01 + 5.301)
    assert expected_ascension_rate(plan) == pytest.approx(0.038)
    assert expected_ascension_rate(plan, step="bundle") == pytest.approx(0.019)
    # a one-off step after the horizon is worth nothing
    assert lifetime_value(plan, horizon=1) == pytest.approx(8)


def test_recurring_step_by_hand() -> None:
    # a $40 plan (margin 18) taken by 30 % from month 1, churn 10 %: 0.3 * 18 * 0.9 / 0.1
    plan = OfferPlan(
        entry_price=12,
        entry_cost=5,
        monthly_churn=0.1,
        steps=[
            AscensionStep(name="plan", price=40, unit_cost=22, share=0.3, month=1, recurring=True)
        ],
    )
    assert lifetime_value(plan) == pytest.approx(7 + 48.6)


def test_monthly_margin_table_by_hand() -> None:
    plan = OfferPlan(
        entry_price=10, acquisition_cost=25, repeat_price=10, repeat_rate=1, monthly_churn=0.5
    )
    df = expected_monthly_margin(plan, months=4)
    assert df["survival"].tolist() == pytest.approx([1, 0.5, 0.25, 0.125])
    assert df["margin"].tolist() == pytest.approx([10, 5, 2.5, 1.25])
    assert df["cumulative_profit"].tolist() == pytest.approx([-15, -10, -7.5, -6.25])


plan_strategy = st.builds(
    OfferPlan,
    entry_price=st.floats(0, 100),
    entry_cost=st.floats(0, 100),
    acquisition_cost=st.floats(0, 200),
    repeat_price=st.floats(0, 100),
    repeat_cost=st.floats(0, 50),
    repeat_rate=st.floats(0, 3),
    monthly_churn=st.floats(0.01, 1),
    steps=st.just(
        (
            AscensionStep(name="core", price=300, unit_cost=120, share=0.2, month=2),
            AscensionStep(
                name="plan",
                price=30,
                unit_cost=10,
                share=0.5,
                month=3,
                recurring=True,
                requires="core",
            ),
        )
    ),
)


@settings(max_examples=60, deadline=None)
@given(plan=plan_strategy, discount=st.floats(0, 0.2), horizon=st.integers(1, 60))
def test_closed_form_equals_brute_force_sum(plan: OfferPlan, discount: float, horizon: int) -> None:
    expected = brute_force_value(plan, discount, horizon)
    assert lifetime_value(plan, discount=discount, horizon=horizon) == pytest.approx(
        expected, rel=1e-9, abs=1e-9
    )
    table = expected_monthly_margin(plan, months=horizon, discount=discount)
    assert table["cumulative_margin"].iloc[-1] == pytest.approx(expected, rel=1e-9, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(plan=plan_strategy, discount=st.floats(0, 0.2))
def test_invariants(plan: OfferPlan, discount: float) -> None:
    # a longer horizon never lowers the value (margins are >= 0 here only if prices >= costs)
    if plan.entry_price >= plan.entry_cost and plan.repeat_price >= plan.repeat_cost:
        assert (
            lifetime_value(plan, discount=discount, horizon=12)
            <= lifetime_value(plan, discount=discount, horizon=24) + 1e-9
        )
        # more churn never raises the value
        worse = plan.replace(monthly_churn=min(1.0, plan.monthly_churn + 0.1))
        assert (
            lifetime_value(worse, discount=discount)
            <= lifetime_value(plan, discount=discount) + 1e-9
        )
    # at the break-even entry price, net value is zero
    be = break_even_entry_price(plan, discount=discount)
    if be >= 0:
        at = plan.replace(entry_price=be)
        assert lifetime_value(at, discount=discount) - at.acquisition_cost == pytest.approx(
            0.0, abs=1e-6
        )


# --- simulation ---------------------------------------------------------------------------------


def test_simulation_agrees_with_closed_form_in_expectation() -> None:
    plan = get_preset("car_wash").replace(
        steps=(
            AscensionStep(name="core", price=120, unit_cost=40, share=0.4, month=1),
            AscensionStep(
                name="unlimited_plan",
                price=40,
                unit_cost=22,
                share=0.5,
                month=2,
                recurring=True,
                requires="core",
            ),
        )
    )
    n, months = 40_000, 24
    sim = simulate_cohort(plan, n_customers=n, months=months, seed=7)
    closed = expected_monthly_margin(plan, months=months)
    # survival: binomial, so within 4 standard errors
    share = sim["active"] / n
    se = np.sqrt(closed["survival"] * (1 - closed["survival"]) / n) + 1e-12
    assert (np.abs(share - closed["survival"]) <= 4 * se).all()
    # total value over the horizon within 2 %
    sim_value = sim["margin_per_customer"].sum()
    assert sim_value == pytest.approx(lifetime_value(plan, horizon=months), rel=0.02)
    assert sim["cumulative_profit"].iloc[-1] == pytest.approx(
        closed["cumulative_profit"].iloc[-1], rel=0.03
    )
    # every customer who leaves is counted once
    assert sim["churned"].sum() == n - (sim["active"].iloc[-1] - sim["churned"].iloc[-1])


def test_simulation_is_seeded() -> None:
    plan = get_preset("domain")
    a = simulate_cohort(plan, n_customers=300, months=10, seed=3)
    b = simulate_cohort(plan, n_customers=300, months=10, seed=3)
    c = simulate_cohort(plan, n_customers=300, months=10, seed=4)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)


def test_simulation_edge_churn() -> None:
    everyone_leaves = OfferPlan(entry_price=5, repeat_price=5, repeat_rate=1, monthly_churn=1.0)
    sim = simulate_cohort(everyone_leaves, n_customers=50, months=3, seed=0)
    assert sim["active"].tolist() == [50, 0, 0]
    assert sim["churned"].tolist() == [50, 0, 0]
    nobody_leaves = everyone_leaves.replace(monthly_churn=0.0)
    sim = simulate_cohort(nobody_leaves, n_customers=50, months=3, seed=0)
    assert sim["active"].tolist() == [50, 50, 50]
    assert sim["churned"].sum() == 0


# --- sBG ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cohort", "alpha", "beta", "loglik"),
    [("regular", 0.704, 1.182, -1680.3), ("high_end", 0.668, 3.806, -1611.2)],
)
def test_sbg_reproduces_fader_hardie_2007(
    cohort: str, alpha: float, beta: float, loglik: float
) -> None:
    fit = fit_sbg(FADER_HARDIE_2007[cohort][:8])  # fitted on years 0-7, as in the paper
    assert fit.alpha == pytest.approx(alpha, abs=5e-4)
    assert fit.beta == pytest.approx(beta, abs=5e-4)
    assert fit.log_likelihood == pytest.approx(loglik, abs=0.05)


def test_sbg_recovers_known_parameters_from_simulated_cohort() -> None:
    s = simulate_sbg_survival(1.5, 4.0, n_customers=50_000, periods=10, seed=11)
    fit = fit_sbg(s)
    assert fit.alpha == pytest.approx(1.5, rel=0.1)
    assert fit.beta == pytest.approx(4.0, rel=0.1)
    assert fit.mean_churn == pytest.approx(1.5 / 5.5, rel=0.03)


def test_sbg_closed_forms() -> None:
    # alpha = beta = 1: S(t) = 1 / (t + 1), retention t / (t + 1)
    assert sbg_survival(1, 1, 4) == pytest.approx([1, 1 / 2, 1 / 3, 1 / 4, 1 / 5])
    assert sbg_retention_rates(1, 1, 3) == pytest.approx([1 / 2, 2 / 3, 3 / 4])
    # DEL equals the discounted sum of survival
    a, b, d = 0.704, 1.182, 0.1
    s = sbg_survival(a, b, 4000)
    assert sbg_discounted_expected_lifetime(a, b, d) == pytest.approx(
        float((s / (1 + d) ** np.arange(4001)).sum()), rel=1e-9
    )
    # no discount: mean lifetime (a + b - 1) / (a - 1), infinite for alpha <= 1
    assert sbg_discounted_expected_lifetime(3, 2, 0) == pytest.approx(2.0)
    assert sbg_discounted_expected_lifetime(0.7, 2, 0) == math.inf
    # little heterogeneity (alpha, beta large, mean c) -> constant churn: (1 + d) / (d + c)
    c, k = 0.2, 1e7
    assert sbg_discounted_expected_lifetime(c * k, (1 - c) * k, d) == pytest.approx(
        (1 + d) / (d + c), rel=1e-5
    )
    fit = fit_sbg(FADER_HARDIE_2007["regular"][:8])
    assert fit.lifetime_value(margin=100, discount=d) == pytest.approx(
        100 * fit.discounted_expected_lifetime(d)
    )


def test_sbg_forecast_table() -> None:
    fit = fit_sbg(FADER_HARDIE_2007["high_end"][:8])
    fc = sbg_forecast(fit, periods=12)
    assert len(fc) == 13
    assert fc["in_sample"].sum() == 8
    assert fc["observed"].iloc[:8].tolist() == pytest.approx(
        [v / 1000 for v in FADER_HARDIE_2007["high_end"][:8]]
    )
    assert fc["observed"].iloc[8:].isna().all()
    # retention rises over time (heterogeneity), the forecast for year 12 is near the data (39.4 %)
    assert (np.diff(fc["retention_rate"].to_numpy()[1:]) > 0).all()
    assert fc["fitted"].iloc[12] == pytest.approx(0.394, abs=0.03)


# --- presets ------------------------------------------------------------------------------------

ARTICLE_FIGURES = {
    "book": {"entry_price": 8.0},
    "teeth_whitening": {"entry_price": 20.0},
    "domain": {"entry_price": 2.95},
    "business_cards": {"entry_price": 9.0},
    "camera": {"camera.price": 2495.0, "bundle.price": 699.0},
    "car_wash": {"unlimited_plan.price": 40.0},
    "early_boarding": {"early_boarding.price": 15.0},
}


@pytest.mark.parametrize("name", sorted(ARTICLE_FIGURES))
def test_presets_carry_the_articles_figures(name: str) -> None:
    plan = get_preset(name)
    assert plan.currency == "USD"
    assert set(plan.from_article) == set(ARTICLE_FIGURES[name])
    for key, value in ARTICLE_FIGURES[name].items():
        if "." in key:
            step_name, attr = key.split(".")
            step = next(s for s in plan.steps if s.name == step_name)
            assert getattr(step, attr) == value
        else:
            assert getattr(plan, key) == value
    assert "Article 004" in plan.note and "illustrative" in plan.note


def test_entry_offers_lose_money_on_the_first_order_but_pay_back() -> None:
    # the article's point: buying a customer with a cheap first offer, profit later
    for name in ("teeth_whitening", "domain", "business_cards", "car_wash"):
        s = summarize(PRESETS[name])
        assert s.first_order_profit < 0 < s.net_value, name
        assert s.payback_month is not None and s.payback_month > 0


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"monthly_churn": 1.5}, "monthly_churn"),
        ({"monthly_churn": -0.1}, "monthly_churn"),
        ({"entry_price": -8}, "entry_price"),
        ({"entry_cost": -1}, "entry_cost"),
        ({"acquisition_cost": float("nan")}, "acquisition_cost"),
        ({"repeat_rate": -1}, "repeat_rate"),
        ({"repeat_price": "ten"}, "repeat_price"),
        ({"steps": AscensionStep(name="a", price=1)}, "steps"),
        ({"steps": ["a"]}, "steps[0]"),
        ({"from_article": ("price",)}, "from_article[0]"),
    ],
)
def test_bad_plan_names_the_field(kwargs: dict, field: str) -> None:
    base = {"entry_price": 8.0}
    with pytest.raises(ValidationError) as err:
        OfferPlan(**{**base, **kwargs})
    assert err.value.field == field
    assert str(err.value).startswith(field + ":")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"share": 1.2}, "step.share"),
        ({"price": -1}, "step.price"),
        ({"month": -1}, "step.month"),
        ({"month": 1.5}, "step.month"),
        ({"name": ""}, "step.name"),
    ],
)
def test_bad_step_names_the_field(kwargs: dict, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        AscensionStep(**{"name": "core", "price": 10.0, **kwargs})
    assert err.value.field == field


def test_bad_step_links() -> None:
    a = AscensionStep(name="a", price=10, month=3)
    with pytest.raises(ValidationError, match=r"steps\[1\]\.requires"):
        OfferPlan(entry_price=1, steps=[a, AscensionStep(name="b", price=1, requires="zzz")])
    with pytest.raises(ValidationError, match=r"steps\[1\]\.month: expected a month >= 3"):
        OfferPlan(entry_price=1, steps=[a, AscensionStep(name="b", price=1, month=1, requires="a")])
    with pytest.raises(ValidationError, match=r"steps\[1\]\.name"):
        OfferPlan(entry_price=1, steps=[a, a])


def test_bad_arguments_name_the_parameter() -> None:
    plan = get_preset("book")
    cases = [
        (lambda: acquisition_cost(spend=100, customers=0), "customers"),
        (lambda: acquisition_cost(spend=-1, customers=3), "spend"),
        (lambda: constant_churn_ltv(margin=1, churn=2), "churn"),
        (lambda: lifetime_value(plan, discount=-0.1), "discount"),
        (lambda: lifetime_value(plan, horizon=0), "horizon"),
        (lambda: lifetime_value("book"), "plan"),  # type: ignore[arg-type]
        (lambda: expected_monthly_margin(plan, months=0), "months"),
        (lambda: simulate_cohort(plan, n_customers=0), "n_customers"),
        (lambda: simulate_cohort(plan, seed=-1), "seed"),
        (lambda: get_preset("dvd"), "preset"),
        (lambda: expected_ascension_rate(plan, step="nope"), "step"),
        (lambda: sbg_survival(0, 1, 3), "alpha"),
        (lambda: fit_sbg([100]), "survival"),
        (lambda: fit_sbg([100, 100, 100]), "survival"),
        (lambda: fit_sbg([0, 0]), "survival[0]"),
        (lambda: fit_sbg([100, 80, 90]), "survival[2]"),
        (lambda: fit_sbg([100, -1]), "survival"),
    ]
    for call, field in cases:
        with pytest.raises(ValidationError) as err:
            call()
        assert err.value.field == field, field


# --- measured from data --------------------------------------------------------------------------


@pytest.fixture
def small_data() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    ts = pd.to_datetime
    users = pd.DataFrame(
        {
            "user_id": [1, 2, 3, 4, 5],
            "persona": ["a"] * 5,
            "first_seen": ts(["2024-01-01"] * 5),
            "acquisition_channel": ["paid_search", "paid_search", "email", "email", "email"],
            "device": ["mobile"] * 5,
            "referred_by": [None] * 5,
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": [1, 2, 3, 4, 5, 6, 7, 8],
            "user_id": [1, 1, 2, 3, 3, 4, 5, 5],
            "timestamp": ts(
                [
                    "2024-01-02",
                    "2024-02-01",  # 1: entry book, then core
                    "2024-01-03",  # 2: entry only
                    "2024-01-04",
                    "2024-01-20",  # 3: entry cards, then ascension
                    "2024-01-05",  # 4: entry cards only
                    "2024-01-06",
                    "2024-01-02",  # 5: core BEFORE entry -> not ascended
                ]
            ),
            "offer_type": [
                "entry",
                "core",
                "entry",
                "entry",
                "ascension",
                "entry",
                "entry",
                "core",
            ],
            "product": ["book", "course", "book", "cards", "print", "cards", "book", "course"],
            "price": [8.0, 500.0, 8.0, 9.0, 45.0, 9.0, 8.0, 500.0],
            "cost": [4.0, 150.0, 4.0, 7.0, 25.0, 7.0, 4.0, 150.0],
        }
    )
    events = pd.DataFrame(
        {
            "event_id": [1, 2, 3],
            "user_id": [1, 2, 3],
            "timestamp": ts(["2024-01-01"] * 3),
            "channel": ["paid_search", "paid_search", "email"],
            "device": ["mobile"] * 3,
            "touchpoint": ["ad", "ad", "newsletter"],
            "event_type": ["click", "click", "visit"],
            "stage": ["engage", "engage", "aware"],
            "campaign": [None, None, None],
            "cost": [30.0, 30.0, 0.0],
        }
    )
    return users, orders, events


def test_observed_ascension_rate_by_hand(small_data) -> None:
    users, orders, _ = small_data
    assert ascension_rate(orders) == pytest.approx(2 / 5)
    by_channel = ascension_rate(orders, users=users, by="acquisition_channel").set_index(
        "acquisition_channel"
    )
    assert by_channel.loc["paid_search", "ascension_rate"] == pytest.approx(1 / 2)
    assert by_channel.loc["email", "ascension_rate"] == pytest.approx(1 / 3)
    by_offer = ascension_rate(orders, by="entry_offer").set_index("entry_offer")
    assert by_offer.loc["book", "customers"] == 3
    assert by_offer.loc["book", "ascension_rate"] == pytest.approx(1 / 3)
    assert by_offer.loc["cards", "ascension_rate"] == pytest.approx(1 / 2)


def test_observed_ltv_by_hand(small_data) -> None:
    users, orders, events = small_data
    out = observed_ltv(orders, users=users, events=events).set_index("acquisition_channel")
    # paid_search: user 1 margin 4 + 350 = 354, user 2 margin 4 -> mean 179; spend 60 / 2 = 30
    assert out.loc["paid_search", "margin_per_customer"] == pytest.approx(179.0)
    assert out.loc["paid_search", "revenue_per_customer"] == pytest.approx(258.0)
    assert out.loc["paid_search", "acquisition_cost"] == pytest.approx(30.0)
    assert out.loc["paid_search", "ltv_to_cac"] == pytest.approx(179 / 30)
    # email: user 3: 2 + 20 = 22, user 4: 2, user 5: 4 + 350 = 354 -> 378 / 3 = 126
    assert out.loc["email", "margin_per_customer"] == pytest.approx(126.0)
    assert out.loc["email", "orders_per_customer"] == pytest.approx(5 / 3)
    assert np.isnan(out.loc["email", "ltv_to_cac"])  # nothing spent
    by_offer = observed_ltv(orders, by="entry_offer").set_index("entry_offer")
    assert by_offer.loc["cards", "margin_per_customer"] == pytest.approx(12.0)
    overall = observed_ltv(orders, by=None)
    assert overall["group"].tolist() == ["all"]
    assert overall["margin_per_customer"].iloc[0] == pytest.approx((354 + 4 + 22 + 2 + 354) / 5)


def test_data_measures_bad_input(small_data) -> None:
    users, orders, _ = small_data
    with pytest.raises(ValidationError, match="^by:"):
        ascension_rate(orders, by="persona")
    with pytest.raises(ValidationError, match="^users:"):
        observed_ltv(orders, by="acquisition_channel")
    with pytest.raises(SchemaError, match=r"orders\.offer_type"):
        ascension_rate(orders.assign(offer_type="trial"))
    with pytest.raises(SchemaError, match=r"orders\.user_id"):
        ascension_rate(orders, users=users[users["user_id"] != 5], by="acquisition_channel")


# --- plots --------------------------------------------------------------------------------------


def test_cumulative_profit_plot_marks_the_payback_month() -> None:
    import matplotlib.pyplot as plt

    from journeykit.plots.offers import plot_cumulative_profit

    plan = PAYBACK_PLAN  # currency USD by default
    sim = simulate_cohort(plan, n_customers=100, months=6, seed=0)
    ax = plot_cumulative_profit(plan, months=6, simulated=sim, lang="en")
    assert ax.get_title() == "Cumulative profit per acquired customer"
    assert ax.get_ylabel() == "Profit per customer (USD)"
    line = ax.get_lines()[1]  # after the zero line
    assert list(line.get_ydata()) == pytest.approx([-15, -5, 5, 15, 25, 35])
    vlines = [
        ln for ln in ax.get_lines() if len(set(ln.get_xdata())) == 1 and ln.get_xdata()[0] == 2
    ]
    assert vlines, "payback month 2 is marked"
    assert any("month 2" in tx.get_text() for tx in ax.texts)
    ax = plot_cumulative_profit(plan.replace(monthly_churn=0.5), months=6, lang="id")
    assert ax.get_title() == "Laba kumulatif per pelanggan yang diperoleh"
    assert any(tx.get_text() == "Belum balik modal dalam 6 bulan" for tx in ax.texts)
    plt.close("all")


def test_waterfall_bars_are_the_components() -> None:
    import matplotlib.pyplot as plt

    from journeykit.plots.offers import plot_ltv_waterfall

    plan = get_preset("camera")
    ax = plot_ltv_waterfall(plan, lang="id")
    heights = [p.get_height() for p in ax.patches]
    comp = ltv_components(plan)
    assert heights[:-1] == pytest.approx(comp["value"].tolist())
    assert heights[-1] == pytest.approx(lifetime_value(plan) - plan.acquisition_cost)
    labels = [tick.get_text() for tick in ax.get_xticklabels()]
    assert labels[0] == "Biaya akuisisi" and labels[-1] == "Nilai bersih"
    assert "Kamera ($2.495)" in labels
    with pytest.raises(ValidationError, match="^plan:"):
        plot_ltv_waterfall(OfferPlan(entry_price=1, repeat_price=2, repeat_rate=1, monthly_churn=0))
    plt.close("all")


def test_survival_plot_shows_observed_fit_and_holdout() -> None:
    import matplotlib.pyplot as plt

    from journeykit.plots.offers import plot_survival_fit

    fit = fit_sbg(FADER_HARDIE_2007["regular"][:8])
    ax = plot_survival_fit(
        fit, periods=12, constant_churn=0.37, actual=FADER_HARDIE_2007["regular"], lang="en"
    )
    assert ax.get_ylabel() == "Still active (%)"
    by_label = {ln.get_label(): ln for ln in ax.get_lines()}
    assert list(by_label["Observed"].get_ydata()) == pytest.approx(
        [v / 10 for v in FADER_HARDIE_2007["regular"][:8]]
    )
    hollow = [ln for ln in ax.get_lines() if ln.get_markerfacecolor() == "none"]
    assert list(hollow[0].get_xdata()) == [8, 9, 10, 11, 12]
    assert len(by_label["sBG fit"].get_xdata()) == 13
    with pytest.raises(ValidationError, match="^actual:"):
        plot_survival_fit(fit, actual=[0, 1])
    plt.close("all")


def test_observed_ltv_plot(small_data) -> None:
    import matplotlib.pyplot as plt

    from journeykit.plots.offers import plot_observed_ltv

    users, orders, events = small_data
    table = observed_ltv(orders, users=users, events=events)
    ax = plot_observed_ltv(table, currency="USD", lang="id")
    assert ax.get_title() == "Nilai teramati per pelanggan menurut saluran akuisisi"
    assert [tick.get_text() for tick in ax.get_yticklabels()] == [
        "Email",
        "Iklan pencarian berbayar",
    ]
    widths = sorted(p.get_width() for p in ax.patches)
    assert widths == pytest.approx(sorted([126.0, 179.0, 0.0, 30.0]))
    with pytest.raises(SchemaError, match="^table.margin_per_customer: missing"):
        plot_observed_ltv(table.drop(columns="margin_per_customer"))
    with pytest.raises(ValidationError, match="^by:"):
        plot_observed_ltv(table, by="persona")
    plt.close("all")


def test_ascension_up_the_ladder(small_data) -> None:
    _, orders, _ = small_data
    # core buyers: users 1 and 5; neither buys an "ascension" offer afterwards
    assert ascension_rate(orders, from_offer="core", to_offers="ascension") == 0.0
    # entry buyers going to the ascension offer only: user 3 of 5
    assert ascension_rate(orders, to_offers=["ascension"]) == pytest.approx(1 / 5)
    with pytest.raises(ValidationError, match="^to_offers:"):
        ascension_rate(orders, to_offers=["upsell"])
    with pytest.raises(ValidationError, match="^from_offer:"):
        ascension_rate(orders, from_offer="vip")


# --- recovering the generator's configuration ------------------------------------------------------


@pytest.mark.parametrize("preset", ["coffee", "saas"])
def test_observed_ascension_recovers_the_generator(preset: str) -> None:
    synth = pytest.importorskip("journeykit.synth")
    from journeykit.synth.model import expected_reach

    n = 10_000
    cfg = synth.config(preset, n_users=n, seed=5, censor=False)
    tables = synth.generate(preset, n_users=n, seed=5, censor=False)
    # referred users have another persona mix: compare on the users the configuration describes
    direct = tables.users.loc[tables.users["referred_by"].isna(), "user_id"]
    orders = tables.orders[tables.orders["user_id"].isin(direct)]
    reach = expected_reach(cfg)
    expected = reach["ascend"] / reach["convert"]  # P(first core order | entry order)
    buyers = orders.loc[orders["offer_type"] == "entry", "user_id"].nunique()
    se = math.sqrt(expected * (1 - expected) / buyers)
    assert ascension_rate(orders) == pytest.approx(expected, abs=4 * se)
    # the configured ascension_rate: share of core buyers who also buy the ascension offer
    core = tables.orders.loc[tables.orders["offer_type"] == "core", "user_id"].nunique()
    se = math.sqrt(cfg.ascension_rate * (1 - cfg.ascension_rate) / core)
    got = ascension_rate(tables.orders, from_offer="core", to_offers="ascension")
    assert got == pytest.approx(cfg.ascension_rate, abs=4 * se)


def test_notebook_parameters_know_every_preset() -> None:
    from journeykit.errors import ParameterError
    from journeykit.params import check_parameters

    for name in PRESETS:
        check_parameters(offer_preset=name)
    with pytest.raises(ParameterError, match="offer_preset"):
        check_parameters(offer_preset="dvd")
    with pytest.raises(ParameterError, match="discount_rate"):
        check_parameters(discount_rate=1.5)


# --- exercise checks ---------------------------------------------------------------------------


def test_offer_checks_accept_right_and_explain_wrong(small_data) -> None:
    from journeykit.checks import offers as chk

    plan = get_preset("teeth_whitening")  # entry 20, cost 15, CAC 35
    assert chk.check_first_order_profit(-30, plan).ok
    assert "acquiring" in chk.check_first_order_profit(5, plan).message
    assert "unit cost" in chk.check_first_order_profit(-15, plan).message
    assert "sign" in chk.check_first_order_profit(30, plan).message
    assert "no answer" in chk.check_first_order_profit(None, plan).message

    assert chk.check_lifetime_value(18 / 0.07, margin=18, churn=0.07).ok
    assert (
        "not by the retention" in chk.check_lifetime_value(18 / 0.93, margin=18, churn=0.07).message
    )
    assert "margin" in chk.check_lifetime_value(40 / 0.07, margin=18, churn=0.07, price=40).message
    discounted = 18 * 1.01 / 0.08
    assert chk.check_lifetime_value(discounted, margin=18, churn=0.07, discount=0.01).ok
    assert (
        "(1 + d)"
        in chk.check_lifetime_value(18 / 0.08, margin=18, churn=0.07, discount=0.01).message
    )

    by_hand = PAYBACK_PLAN
    assert chk.check_payback_month(2, by_hand).ok
    assert "from 0" in chk.check_payback_month(3, by_hand).message
    never = by_hand.replace(monthly_churn=0.5)
    assert chk.check_payback_month(-1, never).ok
    assert "never" in chk.check_payback_month(0, never).message
    churny = by_hand.replace(monthly_churn=0.2)  # 5, 13, 19.4, 24.52 -> month 3 (no churn: 2)
    assert chk.check_payback_month(3, churny).ok
    assert "churn" in chk.check_payback_month(2, churny).message

    be = BREAK_EVEN_PLAN
    assert chk.check_break_even_price(13, be).ok
    assert "first order break even" in chk.check_break_even_price(23, be).message

    _, orders, _ = small_data
    assert chk.check_ascension_rate(0.4, orders).ok
    assert "percentage" in chk.check_ascension_rate(40, orders).message
    assert not chk.check_ascension_rate(0.5, orders).ok
    assert "entry-offer buyers" in chk.check_ascension_rate(0.6, orders).message

    s = FADER_HARDIE_2007["regular"][:8]
    assert chk.check_sbg_parameters(0.704, 1.182, s).ok
    assert "swapped" in chk.check_sbg_parameters(1.182, 0.704, s).message
    assert "spread" in chk.check_sbg_parameters(0.373 * 5, 0.627 * 5, s).message
    assert not chk.check_sbg_parameters(None, 1.0, s).ok


def test_offer_checks_never_raise() -> None:
    from journeykit.checks import offers as chk

    fb = chk.check_first_order_profit(1, "not a plan")  # type: ignore[arg-type]
    assert not fb.ok and "cannot check" in fb.message
    assert not chk.check_ascension_rate(0.1, pd.DataFrame({"x": [1]})).ok
    assert not chk.check_lifetime_value("lots", margin=1, churn=0.1).ok
    assert not chk.check_sbg_parameters(1, 1, [5]).ok
    assert not chk.check_sbg_parameters("a", "b", [100, 50]).ok


def test_cumulative_profit_plot_discounts_the_simulation_too() -> None:
    import matplotlib.pyplot as plt

    from journeykit.plots.offers import plot_cumulative_profit

    plan = OfferPlan(
        entry_price=10, acquisition_cost=5, repeat_price=10, repeat_rate=1, monthly_churn=0.0
    )
    sim = simulate_cohort(plan, n_customers=50, months=3, seed=0)
    assert sim["repeat_orders"].tolist()[0] == 0
    ax = plot_cumulative_profit(plan, months=3, discount=1.0, simulated=sim)
    expected = ax.get_lines()[1].get_ydata()
    assert list(expected) == pytest.approx([5, 10, 12.5])  # 10, 10/2, 10/4 minus 5
    simulated = ax.get_lines()[2].get_ydata()
    per = sim["margin_per_customer"].to_numpy()
    assert list(simulated) == pytest.approx(
        [per[0] - 5, per[0] + per[1] / 2 - 5, per[0] + per[1] / 2 + per[2] / 4 - 5]
    )
    plt.close("all")


def test_offer_checks_say_no_answer_before_anything_else() -> None:
    from journeykit.checks import offers as chk

    # in a generated exercise both the answer and anything the solution cell defined are None
    for fb in (
        chk.check_first_order_profit(None, None),  # type: ignore[arg-type]
        chk.check_payback_month(None, None),  # type: ignore[arg-type]
        chk.check_break_even_price(None, None),  # type: ignore[arg-type]
        chk.check_ascension_rate(None, None),  # type: ignore[arg-type]
        chk.check_lifetime_value(None, margin=18, churn=0.07),
    ):
        assert not fb.ok and "no answer yet" in fb.message


@settings(max_examples=40, deadline=None)
@given(
    plan=plan_strategy,
    n=st.integers(1, 300),
    months=st.integers(1, 30),
    seed=st.integers(0, 2**32 - 1),
)
def test_simulation_bookkeeping(plan: OfferPlan, n: int, months: int, seed: int) -> None:
    sim = simulate_cohort(plan, n_customers=n, months=months, seed=seed)
    active = sim["active"].to_numpy()
    assert active[0] == n and (np.diff(active) <= 0).all()
    # whoever is active next month was active this month and did not leave
    assert (active[1:] == active[:-1] - sim["churned"].to_numpy()[:-1]).all()
    assert (sim[["ascension_orders", "repeat_orders"]] >= 0).all().all()
    assert sim["repeat_orders"].iloc[0] == 0  # repeats start in month 1


# fit_sbg warns when the data do not pin alpha and beta down (issue 14)


@pytest.mark.parametrize("cohort", ["regular", "high_end"])
def test_sbg_good_fit_does_not_warn(cohort: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning fails the test
        fit_sbg(FADER_HARDIE_2007[cohort][:8])


def test_sbg_one_period_only_pins_the_mean_churn_and_warns_flat() -> None:
    # one period: the likelihood is 40 log(a/(a+b)) + 60 log(b/(a+b)), a function of the mean
    # churn a/(a+b) alone, maximised at 0.4 -- every (a, b) on that ridge fits equally well
    with pytest.warns(FitWarning, match=r"flat in alpha and beta"):
        fit = fit_sbg([100, 60])
    assert fit.alpha / (fit.alpha + fit.beta) == pytest.approx(0.4, abs=1e-6)


def test_sbg_whole_cohort_lost_at_once_warns_beta_on_the_bound() -> None:
    # everyone gone in period 1: P(T = 1) = a / (a + b) -> 1 only as beta -> 0 (no finite optimum)
    with pytest.warns(FitWarning, match=r"beta ended on the search bound"):
        fit = fit_sbg([100, 0])
    assert fit.alpha / (fit.alpha + fit.beta) == pytest.approx(1.0, abs=1e-6)


def test_sbg_rising_churn_warns_on_the_bound() -> None:
    # churn 10 %, 22 %, 43 %, 75 %: the sBG's churn can only fall over time, so the best it can
    # do is constant churn, alpha and beta -> infinity
    with pytest.warns(FitWarning, match=r"alpha and beta ended on the search bound"):
        fit_sbg([1000, 900, 700, 400, 100])


def test_sbg_tiny_cohort_warns_flat() -> None:
    with pytest.warns(FitWarning, match="flat"):
        fit_sbg([10, 6, 4, 3])
