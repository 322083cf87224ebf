"""OfferCalculator driven through its sliders: closed forms worked out by hand, and the same numbers
as journeykit.offers called directly with the plan the sliders describe."""

from __future__ import annotations

import numpy as np
import pandas.testing as pdt
import pytest

from journeykit import offers
from journeykit.offers import OfferPlan
from journeykit.widgets import OfferCalculator


def _expected_line(calc: OfferCalculator):
    ax = calc.figure.axes[0]
    (line,) = [ln for ln in ax.lines if ln.get_label() == "Expected (closed form)"]
    return line


def test_starts_from_a_preset_with_the_package_summary():
    calc = OfferCalculator("book", n_customers=300)
    assert calc.plan == offers.get_preset("book")
    assert calc.summary == offers.summarize(offers.get_preset("book"))
    assert calc.entry_price.value == 8.0 and calc.step.value == "workshop"
    assert calc.step_price.value == 500.0


def test_subscription_ltv_closed_form_by_hand():
    # a $40 plan paid every month from month 0, 10 % monthly churn: LTV = 40 / 0.1 = 400
    plan = OfferPlan(
        name="wash club", entry_price=40, repeat_price=40, repeat_rate=1, monthly_churn=0.1
    )
    calc = OfferCalculator(plan, n_customers=300)
    assert calc.summary.lifetime_value == pytest.approx(400.0)
    assert "400.00 USD" in calc.table.value
    calc.monthly_churn.value = 0.2  # 40 / 0.2 = 200
    assert calc.summary.lifetime_value == pytest.approx(200.0)
    assert calc.summary.expected_lifetime_months == pytest.approx(5.0)  # 1 / 0.2


def test_payback_month_by_hand():
    # margin 5 in month 0, then 10 a month with no churn; acquisition 20: 5, 15, 25 -> month 2
    plan = OfferPlan(
        name="cards",
        entry_price=8,
        entry_cost=3,
        acquisition_cost=20,
        repeat_price=10,
        repeat_rate=1,
        monthly_churn=0.0,
    )
    calc = OfferCalculator(plan, n_customers=200, months=12)
    assert calc.summary.payback_month == 2
    assert calc.summary.first_order_profit == pytest.approx(5 - 20)
    calc.acquisition_cost.value = 36.0  # 5, 15, 25, 35, 45 -> month 4
    assert calc.summary.payback_month == 4
    assert calc.comparison.loc["payback_month_horizon", "closed_form"] == 4
    # no churn and a fixed repeat margin: the simulated cohort earns the same each month
    assert calc.comparison.loc["payback_month_horizon", "simulation"] in (3, 4, 5)


def test_entry_price_slider_changes_first_order_profit_and_the_curve():
    calc = OfferCalculator("car_wash", n_customers=200)
    calc.entry_price.value = 0.0
    plan = calc.plan
    assert plan.entry_price == 0.0
    # price 0, unit cost and acquisition cost as in the preset
    by_hand = 0.0 - plan.entry_cost - plan.acquisition_cost
    assert calc.summary.first_order_profit == pytest.approx(by_hand)
    curve = _expected_line(calc).get_ydata()
    assert curve[0] == pytest.approx(by_hand)
    direct = offers.expected_monthly_margin(plan, months=calc.months.value)
    assert np.allclose(curve, direct["cumulative_profit"])


def test_simulation_is_the_package_simulation_of_the_same_plan():
    calc = OfferCalculator("teeth_whitening", n_customers=500, months=24, seed=3)
    calc.repeat_rate.value = 0.5
    calc.seed.value = 9
    direct = offers.simulate_cohort(calc.plan, n_customers=500, months=24, seed=9)
    pdt.assert_frame_equal(calc.simulated, direct)
    assert calc.comparison.loc["profit_after_horizon", "simulation"] == pytest.approx(
        direct["cumulative_profit"].iloc[-1]
    )
    closed = offers.expected_monthly_margin(calc.plan, months=24)
    assert calc.comparison.loc["profit_after_horizon", "closed_form"] == pytest.approx(
        closed["cumulative_profit"].iloc[-1]
    )


def test_ascension_sliders_edit_the_chosen_step_and_keep_the_others():
    calc = OfferCalculator("book", n_customers=200)
    calc.step_share.value = 0.10  # the workshop
    calc.step.value = "consulting"
    assert calc.step_price.value == 2000.0 and calc.step_share.value == 0.25
    calc.step_price.value = 2500.0
    steps = {s.name: s for s in calc.plan.steps}
    assert steps["workshop"].share == 0.10 and steps["consulting"].price == 2500.0
    # expected ascension rate of the first step: share x survival to month 2 = 0.10 x 0.92**2
    assert calc.summary.ascension_rate == pytest.approx(0.10 * 0.92**2)


def test_impossible_plan_is_refused_and_the_last_good_plan_kept():
    calc = OfferCalculator("book", n_customers=200)
    calc.step.value = "consulting"
    good = calc.plan
    calc.step_month.value = 1  # before the workshop (month 2) it requires
    assert "month" in calc.error and "jk-error" in calc.status.value
    assert calc.plan == good
    calc.step_month.value = 6
    assert calc.error == "" and calc.plan.steps[1].month == 6
    calc.seed.value = -1
    assert "seed" in calc.error and calc.plan.steps[1].month == 6


def test_switching_preset_moves_the_sliders():
    calc = OfferCalculator("book", n_customers=200)
    calc.entry_price.value = 12.0
    calc.preset.value = "car_wash"
    car_wash = offers.get_preset("car_wash")
    assert calc.plan == car_wash
    assert calc.entry_price.value == car_wash.entry_price
    assert calc.entry_price.max >= 4 * car_wash.entry_price
    assert [v for _, v in calc.step.options] == ["unlimited_plan"]
    calc.preset.value = "business_cards"  # no ascension step
    assert calc.step.disabled and calc.step_price.disabled and calc.error == ""


def test_labels_follow_lang():
    calc = OfferCalculator("domain", n_customers=100, lang="id")
    assert calc.entry_price.description == "Harga penawaran entry-point"
    assert "Nilai seumur hidup (LTV)" in calc.table.value
    assert calc.figure.axes[0].get_xlabel() == "Bulan sejak pembelian pertama"
