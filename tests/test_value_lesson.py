"""The claims lesson 14's "What to notice" makes, held for its defaults and the other seed the
notebook tests run (``seed = 7``), and for the try-it change of the calibration end."""

from __future__ import annotations

import warnings

import pytest

from journeykit import offers, synth, value

PAID = ("social_ads", "paid_search")


def _lesson(seed: int, calibration_end: str = "2024-09-30"):
    tables = synth.generate("coffee", n_users=20000, seed=seed)
    rfm = value.rfm_summary(tables.orders, calibration_end=calibration_end)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", value.DegenerateFitWarning)  # asserted on .degenerate
        bg = value.fit_bgnbd(rfm)
        gg = value.fit_gamma_gamma(rfm)
    return tables, rfm, bg, gg


@pytest.fixture(scope="module", params=[42, 7])
def lesson(request):
    return _lesson(request.param)


def test_bgnbd_on_the_coffee_shop_is_degenerate_with_one_drop_out_probability(lesson):
    _, _, bg, _ = lesson
    assert bg.degenerate
    assert bg.a + bg.b > 1e6  # "a + b = more than a million"
    assert 0.35 < bg.a / (bg.a + bg.b) < 0.42  # "about 0.38 after each purchase"
    assert 0.2 < bg.r / bg.alpha < 0.27  # "about one a month" (the generator: a 30-day gap)


def test_frequent_and_new_buyers_buy_less_in_the_holdout_than_predicted(lesson):
    _, rfm, bg, _ = lesson
    check = value.calibration_holdout(bg, rfm).set_index("frequency")
    for x in (0, 3, 4, 5):
        assert check.loc[x, "actual"] < check.loc[x, "predicted"], x


def test_gamma_gamma_is_degenerate_and_spend_follows_frequency(lesson):
    _, rfm, _, gg = lesson
    assert gg.degenerate
    repeat = rfm[rfm["frequency"] > 0]
    assert repeat["frequency"].corr(repeat["monetary_value"]) > 0.3


def test_paid_channels_lose_money_unpaid_ones_earn(lesson):
    tables, rfm, bg, gg = lesson
    values = value.clv_from_rfm(
        rfm, bgnbd=bg, gamma_gamma=gg, horizon=52, margin=0.4, discount=0.0018
    )
    spend = offers.observed_ltv(tables.orders, users=tables.users, events=tables.events)
    cac = spend.set_index("acquisition_channel")["acquisition_cost"]
    channel = tables.users.set_index("user_id")["acquisition_channel"]
    table = value.value_by_group(
        values, channel, name="acquisition_channel", orders=tables.orders, acquisition_cost=cac
    )
    table = table.set_index("acquisition_channel")
    for ch in PAID:
        assert 35_000 < table.loc[ch, "acquisition_cost"] < 45_000  # "about 40,000 IDR"
        assert table.loc[ch, "net_value"] < 0
    unpaid = table.loc[table["acquisition_cost"] == 0, "net_value"]
    assert len(unpaid) >= 5 and (unpaid > 20_000).all() and (unpaid < 40_000).all()
    entry = tables.orders.sort_values("timestamp").groupby("user_id")["product"].first()
    assert list(value.value_by_group(values, entry)["group"]) == ["sampler_pack"]


def test_try_it_a_longer_holdout_shows_the_same_pattern():
    _, rfm, bg, _ = _lesson(42, calibration_end="2024-06-30")
    assert any("run off together" in reason for reason in bg.degenerate)
    check = value.calibration_holdout(bg, rfm).set_index("frequency")
    assert (check.loc[[3, 4], "actual"] < check.loc[[3, 4], "predicted"]).all()


def test_try_it_discounting_hurts_less_than_an_even_flow(lesson):
    # expected purchases come early in the horizon, so a higher weekly discount cuts CLV by less
    # than it cuts an even stream of money over the same 52 weeks
    import numpy as np

    _, rfm, bg, gg = lesson

    def mean_clv(d):
        return value.clv_from_rfm(
            rfm, bgnbd=bg, gamma_gamma=gg, horizon=52, margin=0.4, discount=d
        )["clv"].mean()

    weeks = np.arange(1, 53)
    even = np.mean(1.01**-weeks) / np.mean(1.0018**-weeks)
    assert even < mean_clv(0.01) / mean_clv(0.0018) < 1
