"""Time to first value and repeat rate by onboarding: hand-made tables, and intervals checked
against their definitions and a published example."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeykit.errors import SchemaError, ValidationError
from journeykit.onboarding import (
    difference_interval,
    first_value_table,
    repeat_by_onboarding,
    summarize_time_to_first_value,
    wilson_interval,
)

Z95 = 1.959963984540054


def events_table(rows: list[tuple[int, str, str]]) -> pd.DataFrame:
    """(user_id, timestamp, event_type) rows -> a schema-valid events table."""
    n = len(rows)
    stage = {"onboard": "excite", "purchase": "convert", "visit": "aware"}
    return pd.DataFrame(
        {
            "event_id": range(1, n + 1),
            "user_id": [r[0] for r in rows],
            "timestamp": pd.to_datetime([r[1] for r in rows]),
            "channel": ["email"] * n,
            "device": ["mobile"] * n,
            "touchpoint": ["guide"] * n,
            "event_type": [r[2] for r in rows],
            "stage": [stage[r[2]] for r in rows],
            "campaign": [None] * n,
            "cost": [0.0] * n,
        }
    )


def orders_table(rows: list[tuple[int, str]]) -> pd.DataFrame:
    """(user_id, timestamp) rows -> a schema-valid orders table (first order of a user = entry)."""
    n = len(rows)
    users = [r[0] for r in rows]
    return pd.DataFrame(
        {
            "order_id": range(1, n + 1),
            "user_id": users,
            "timestamp": pd.to_datetime([r[1] for r in rows]),
            "offer_type": ["entry" if users.index(u) == i else "core" for i, u in enumerate(users)],
            "product": ["beans"] * n,
            "price": [10.0] * n,
            "cost": [4.0] * n,
        }
    )


@pytest.fixture
def shop() -> tuple[pd.DataFrame, pd.DataFrame]:
    ev = events_table(
        [
            (1, "2024-01-01", "visit"),
            (1, "2024-01-03", "onboard"),  # 1: first value 2 days after buying
            (1, "2024-01-09", "onboard"),  # a later onboard event does not count
            (2, "2023-12-30", "onboard"),  # 2: before the first order -> not first value ...
            (2, "2024-01-31", "onboard"),  # ... this one is, 30 days later
            (3, "2024-01-02", "onboard"),  # 3: 1 day
            (5, "2024-01-05", "onboard"),  # 5: joined late, 4 days
        ]
    )
    od = orders_table(
        [
            (1, "2024-01-01"),
            (1, "2024-02-15"),  # 1 repeats after 45 days
            (2, "2024-01-01"),
            (2, "2024-01-10"),  # 2 repeats after 9 days
            (3, "2024-01-01"),
            (3, "2024-08-01"),  # 3 repeats after 213 days
            (4, "2024-01-01"),  # 4 never onboards nor repeats
            (5, "2024-01-01"),
            (5, "2024-01-01"),  # 5 buys twice at once: the second order is a repeat
        ]
    )
    # user 6 joins late: not in the follow-up cohort
    od = pd.concat([od, orders_table([(6, "2024-09-01")]).assign(order_id=10)], ignore_index=True)
    return ev, od


def test_first_value_table_by_hand(shop) -> None:
    ev, od = shop
    t = first_value_table(ev, od).set_index("user_id")
    assert t["days_to_first_value"].to_dict() == pytest.approx(
        {1: 2.0, 2: 30.0, 3: 1.0, 4: math.nan, 5: 4.0, 6: math.nan}, nan_ok=True
    )
    assert t["onboarded"].tolist() == [True, True, True, False, True, False]
    assert t.loc[1, "orders"] == 2 and t.loc[6, "orders"] == 1


def test_time_to_first_value_summary_by_hand(shop) -> None:
    ev, od = shop
    s = summarize_time_to_first_value(ev, od)
    assert (s.customers, s.onboarded) == (6, 4)
    assert s.onboarded_share == pytest.approx(4 / 6)
    assert s.median_days == pytest.approx(3.0)  # days 1, 2, 4, 30
    assert s.mean_days == pytest.approx(37 / 4)
    within = summarize_time_to_first_value(ev, od, within_days=14)
    assert within.onboarded == 3 and within.median_days == pytest.approx(2.0)
    assert list(s.to_frame()["metric"])[:2] == ["customers", "onboarded"]


def test_repeat_by_onboarding_by_hand(shop) -> None:
    ev, od = shop
    # end = 2024-09-01; follow-up 90 days: cohort = users 1-5 (6 joined too late)
    res = repeat_by_onboarding(ev, od, onboard_within_days=14, followup_days=90)
    t = res.table.set_index("onboarded")
    # onboarded within 14 days: 1 (repeat at 45), 3 (repeat at 213 > 90: no), 5 (repeat at 0)
    assert (t.loc[True, "customers"], t.loc[True, "repeaters"]) == (3, 2)
    # not onboarded in time: 2 (30 days; repeat at 9), 4 (no)
    assert (t.loc[False, "customers"], t.loc[False, "repeaters"]) == (2, 1)
    assert res.difference == pytest.approx(2 / 3 - 1 / 2)
    assert res.ratio == pytest.approx((2 / 3) / (1 / 2))
    assert t.loc[True, "ci_low"] == pytest.approx(wilson_interval(2, 3)[0])
    # no windows: everyone (6 customers), any onboarding, any repeat
    res = repeat_by_onboarding(ev, od, onboard_within_days=None, followup_days=None)
    t = res.table.set_index("onboarded")
    assert (t.loc[True, "customers"], t.loc[True, "repeaters"]) == (4, 4)
    assert (t.loc[False, "customers"], t.loc[False, "repeaters"]) == (2, 0)
    assert "difference +100.0 points" in str(res)


def test_end_moves_the_follow_up_cohort(shop) -> None:
    ev, od = shop
    res = repeat_by_onboarding(ev, od, followup_days=90, end="2024-12-31")
    assert res.table["customers"].sum() == 6


# --- intervals ----------------------------------------------------------------------------------


def wilson_by_roots(x: int, n: int, z: float) -> tuple[float, float]:
    """Solve (x/n - p)^2 = z^2 p (1 - p) / n for p: the definition of the Wilson interval."""
    ph = x / n
    # (1 + z^2/n) p^2 - (2 ph + z^2/n) p + ph^2 = 0
    roots = np.roots([1 + z * z / n, -(2 * ph + z * z / n), ph * ph])
    lo, hi = sorted(np.real(roots))
    return float(lo), float(hi)


@given(n=st.integers(1, 500), frac=st.floats(0, 1))
def test_wilson_matches_its_definition(n: int, frac: float) -> None:
    x = int(round(frac * n))
    lo, hi = wilson_interval(x, n)
    rlo, rhi = wilson_by_roots(x, n, Z95)
    assert lo == pytest.approx(max(0.0, rlo), abs=1e-9)
    assert hi == pytest.approx(min(1.0, rhi), abs=1e-9)
    assert 0 <= lo <= x / n <= hi <= 1


def test_wilson_by_hand() -> None:
    # zero successes: upper bound z^2 / (n + z^2)
    assert wilson_interval(0, 20)[1] == pytest.approx(Z95**2 / (20 + Z95**2))
    assert wilson_interval(0, 20)[0] == 0.0
    assert all(math.isnan(v) for v in wilson_interval(0, 0))
    lo90, hi90 = wilson_interval(30, 100, confidence=0.9)
    lo95, hi95 = wilson_interval(30, 100)
    assert lo95 < lo90 < 0.3 < hi90 < hi95


def test_difference_interval_published_and_by_hand() -> None:
    # Newcombe (1998), Statistics in Medicine 17: 56/70 vs 48/80, method 10: 0.0524 to 0.3339
    d, lo, hi = difference_interval(56, 70, 48, 80)
    assert (d, round(lo, 4), round(hi, 4)) == (pytest.approx(0.2), 0.0524, 0.3339)
    # Wald by hand: 0.2 +- 1.96 * sqrt(0.8*0.2/70 + 0.6*0.4/80)
    half = Z95 * math.sqrt(0.8 * 0.2 / 70 + 0.6 * 0.4 / 80)
    assert difference_interval(56, 70, 48, 80, method="wald") == pytest.approx(
        (0.2, 0.2 - half, 0.2 + half)
    )
    assert all(math.isnan(v) for v in difference_interval(1, 2, 0, 0))


@given(na=st.integers(1, 300), nb=st.integers(1, 300), fa=st.floats(0, 1), fb=st.floats(0, 1))
def test_difference_interval_contains_estimate(na: int, nb: int, fa: float, fb: float) -> None:
    xa, xb = int(round(fa * na)), int(round(fb * nb))
    d, lo, hi = difference_interval(xa, na, xb, nb)
    assert -1 - 1e-12 <= lo <= d + 1e-12 and d - 1e-12 <= hi <= 1 + 1e-12


def test_newcombe_interval_covers_about_95_percent() -> None:
    rng = np.random.default_rng(5)
    pa, pb, na, nb, runs = 0.6, 0.4, 80, 120, 4000
    xa = rng.binomial(na, pa, runs)
    xb = rng.binomial(nb, pb, runs)
    hits = 0
    for a, b in zip(xa, xb, strict=True):
        _, lo, hi = difference_interval(int(a), na, int(b), nb)
        hits += lo <= pa - pb <= hi
    assert 0.93 <= hits / runs <= 0.97


# --- bad input ----------------------------------------------------------------------------------


def test_bad_input_names_the_field(shop) -> None:
    ev, od = shop
    cases = [
        (lambda: wilson_interval(5, 3), "successes"),
        (lambda: wilson_interval(-1, 3), "successes"),
        (lambda: wilson_interval(1, 3, confidence=95), "confidence"),
        (lambda: difference_interval(1, 2, 1, 2, method="exact"), "method"),
        (lambda: difference_interval(3, 2, 1, 2), "a.successes"),
        (lambda: repeat_by_onboarding(ev, od, onboard_within_days=-3), "onboard_within_days"),
        (lambda: repeat_by_onboarding(ev, od, followup_days=0), "followup_days"),
        (lambda: repeat_by_onboarding(ev, od, followup_days=3650), "followup_days"),
        (lambda: repeat_by_onboarding(ev, od, end="soon"), "end"),
        (lambda: repeat_by_onboarding(ev, od, method="bayes"), "method"),
        (lambda: summarize_time_to_first_value(ev, od, within_days=-1), "within_days"),
    ]
    for call, field in cases:
        with pytest.raises(ValidationError) as err:
            call()
        assert err.value.field == field, field
    with pytest.raises(SchemaError, match=r"events\.event_type: missing values \[rows 0\]"):
        first_value_table(ev.assign(event_type=[None, *ev["event_type"].iloc[1:]]), od)
    with pytest.raises(SchemaError, match="orders"):
        first_value_table(ev, od.drop(columns="price"))


# --- plots --------------------------------------------------------------------------------------


def test_repeat_plot_bars_and_intervals(shop) -> None:
    import matplotlib.pyplot as plt

    from journeykit.plots.offers import plot_repeat_by_onboarding

    ev, od = shop
    res = repeat_by_onboarding(ev, od, onboard_within_days=14, followup_days=90)
    ax = plot_repeat_by_onboarding(res, lang="id")
    assert ax.get_title() == "Tingkat pembelian ulang menurut onboarding"
    assert [p.get_height() for p in ax.patches] == pytest.approx([50.0, 200 / 3])
    assert [tick.get_text() for tick in ax.get_xticklabels()] == [
        "Belum mendapat nilai pertama",
        "Mendapat nilai pertama",
    ]
    assert ax.get_legend().get_texts()[0].get_text() == "Selang kepercayaan 95%"
    with pytest.raises(ValidationError, match="^result:"):
        plot_repeat_by_onboarding(res.table)
    plt.close("all")


def test_time_to_first_value_plot(shop) -> None:
    import matplotlib.pyplot as plt

    from journeykit.plots.offers import plot_time_to_first_value

    ev, od = shop
    ax = plot_time_to_first_value(first_value_table(ev, od), bins=5, lang="en")
    assert sum(p.get_height() for p in ax.patches) == 4  # four customers reached first value
    assert any(tx.get_text().strip() == "Median: 3.0 days" for tx in ax.texts)
    assert ax.get_xlabel() == "Days from first order to first value"
    plt.close("all")


# --- recovering the generator's onboarding effect ----------------------------------------------------


@pytest.mark.parametrize("preset", ["coffee", "saas"])
def test_repeat_rates_recover_the_generator(preset: str) -> None:
    synth = pytest.importorskip("journeykit.synth")
    from journeykit.synth.model import expected_reach

    n = 10_000
    cfg = synth.config(preset, n_users=n, seed=8, censor=False)
    tables = synth.generate(preset, n_users=n, seed=8, censor=False)
    direct = tables.users.loc[tables.users["referred_by"].isna(), "user_id"]
    ev = tables.events[tables.events["user_id"].isin(direct)]
    od = tables.orders[tables.orders["user_id"].isin(direct)]
    res = repeat_by_onboarding(ev, od, onboard_within_days=None, followup_days=None)
    t = res.table.set_index("onboarded")
    # truth: not onboarded -> Poisson(repeat_orders) repeats, no ascension (it needs excite);
    # onboarded -> Poisson(repeat_orders * onboarding_effect) repeats, or the first core order
    reach = expected_reach(cfg)
    ascend = reach["ascend"] / reach["excite"]
    truth = {
        False: 1 - math.exp(-cfg.repeat_orders),
        True: 1 - (1 - ascend) * math.exp(-cfg.repeat_orders * cfg.onboarding_effect),
    }
    for flag, p in truth.items():
        se = math.sqrt(p * (1 - p) / t.loc[flag, "customers"])
        assert t.loc[flag, "repeat_rate"] == pytest.approx(p, abs=4 * se + 1e-3), flag
    assert res.ci_low > 0  # onboarding raises the repeat rate, and the interval says so


# --- exercise checks ---------------------------------------------------------------------------


def test_onboarding_checks(shop) -> None:
    from journeykit.checks import onboarding as chk

    ev, od = shop  # days to first value: 1, 2, 4, 30 -> median 3, mean 9.25; 4 of 6 customers
    assert chk.check_median_days_to_first_value(3.0, ev, od).ok
    assert "hours" in chk.check_median_days_to_first_value(72, ev, od).message
    assert "mean" in chk.check_median_days_to_first_value(9.25, ev, od).message
    assert "no answer" in chk.check_median_days_to_first_value(None, ev, od).message

    assert chk.check_onboarded_share(4 / 6, ev, od).ok
    assert "percentage" in chk.check_onboarded_share(400 / 6, ev, od).message
    # events hold 5 people (user 4 and 6 have no events; 1, 2, 3, 5 do): 4 / 4 is not the share
    assert not chk.check_onboarded_share(1.0, ev, od).ok
    assert chk.check_onboarded_share(3 / 6, ev, od, within_days=14).ok
    assert "within 14" in chk.check_onboarded_share(4 / 6, ev, od, within_days=14).message

    d = 2 / 3 - 1 / 2
    assert chk.check_repeat_difference(d, ev, od).ok
    assert "other way" in chk.check_repeat_difference(-d, ev, od).message
    assert "percentage points" in chk.check_repeat_difference(100 * d, ev, od).message
    assert "ratio" in chk.check_repeat_difference(4 / 3, ev, od).message

    assert chk.check_causal_reading("observational").ok
    assert not chk.check_causal_reading("causal").ok
    assert not chk.check_repeat_difference(0.1, ev.drop(columns="stage"), od).ok
