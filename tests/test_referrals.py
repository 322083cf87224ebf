"""Referral loops: closed forms, the simulation in expectation, reward costs, data-side measures."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit import referrals as rf
from journeykit.errors import ParameterError, SchemaError

# ------------------------------------------------------------------ closed forms


@given(
    n0=st.integers(1, 1000),
    k=st.floats(0, 3, allow_nan=False).filter(lambda k: abs(k - 1) > 1e-6),
    n=st.integers(0, 30),
)
def test_total_is_the_geometric_sum_of_generations(n0, k, n):
    by_hand = sum(n0 * k**g for g in range(n + 1))
    assert rf.total_users(n0=n0, k=k, cycles=n) == pytest.approx(by_hand, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("n", [0, 1, 7, 50])
def test_k_equal_one_grows_linearly(n):
    assert rf.total_users(n0=40, k=1.0, cycles=n) == 40 * (n + 1)


def test_known_values_by_hand():
    # n0 = 100, K = 0.5: 100 + 50 + 25 + 12.5 = 187.5
    assert rf.total_users(n0=100, k=0.5, cycles=3) == pytest.approx(187.5)
    # K = 2: 100 + 200 + 400 = 700 = 100 (1 - 8) / (1 - 2)
    assert rf.total_users(n0=100, k=2, cycles=2) == pytest.approx(700)
    assert rf.viral_coefficient(8, 0.125) == pytest.approx(1.0)


@pytest.mark.parametrize("k", [0.0, 0.3, 0.9])
def test_steady_state_is_the_limit_for_k_below_one(k):
    ss = rf.steady_state(n0=250, k=k)
    assert ss == pytest.approx(250 / (1 - k))
    assert rf.total_users(n0=250, k=k, cycles=2000) == pytest.approx(ss, rel=1e-9)
    assert rf.total_users(n0=250, k=k, cycles=5) <= ss


def test_no_steady_state_for_k_at_least_one():
    with pytest.raises(ParameterError, match="k: .*below 1"):
        rf.steady_state(n0=10, k=1.0)


@given(
    k=st.floats(0, 2.5, allow_nan=False),
    churn=st.floats(0, 1, allow_nan=False),
    n=st.integers(0, 25),
)
def test_active_users_closed_form_matches_the_sum(k, churn, n):
    r = 1 - churn
    by_hand = sum(100 * k**g * r ** (n - g) for g in range(n + 1))
    got = rf.active_users(n0=100, k=k, churn=churn, cycles=n)
    assert got == pytest.approx(by_hand, rel=1e-6, abs=1e-6)


def test_active_users_when_k_equals_retention():
    # K = r = 0.5: every term is 100 * 0.5**n, n + 1 terms
    assert rf.active_users(n0=100, k=0.5, churn=0.5, cycles=3) == pytest.approx(4 * 100 * 0.125)


def test_growth_table_columns_and_calendar_time():
    g = rf.growth_table(
        n0=10, invites_per_user=4, invite_conversion=0.5, cycles=3, cycle_time_days=5
    )
    assert g["day"].tolist() == [0, 5, 10, 15]
    assert g["new_users"].tolist() == [10, 20, 40, 80]
    assert g["total_users"].tolist() == [10, 30, 70, 150]
    assert g["active_users"].tolist() == [10, 30, 70, 150]  # no churn
    # 14 days at 5 days per cycle = 2 whole cycles
    assert rf.users_after_days(14, n0=10, k=2, cycle_time_days=5) == 70


# ------------------------------------------------------------------ simulation


@pytest.mark.parametrize(
    ("ipu", "conv", "churn", "invites"),
    [(2.0, 0.4, 0.0, "poisson"), (3, 0.3, 0.2, "fixed"), (1.0, 1.0, 0.1, "poisson")],
)
def test_simulation_mean_agrees_with_the_closed_form(ipu, conv, churn, invites):
    cycles, n0, runs = 6, 200, 3000
    sim = rf.simulate_growth(
        n0=n0,
        invites_per_user=ipu,
        invite_conversion=conv,
        cycles=cycles,
        churn=churn,
        runs=runs,
        invites=invites,
        seed=11,
    )
    exp = rf.growth_table(
        n0=n0, invites_per_user=ipu, invite_conversion=conv, cycles=cycles, churn=churn
    )
    for col in ("new_users", "total_users", "active_users"):
        by_cycle = sim.groupby("cycle")[col]
        se = by_cycle.std().to_numpy() / math.sqrt(runs)
        gap = np.abs(by_cycle.mean().to_numpy() - exp[col].to_numpy())
        assert (gap <= 4 * se + 1e-9).all(), (col, gap, se)


def test_simulation_is_seeded_and_fixed_invites_are_exact():
    a = rf.simulate_growth(n0=30, invites_per_user=2, cycles=4, runs=5, seed=3, invites="fixed")
    b = rf.simulate_growth(n0=30, invites_per_user=2, cycles=4, runs=5, seed=3, invites="fixed")
    pd.testing.assert_frame_equal(a, b)
    assert (a["invites"] == 2 * a["new_users"]).all()
    c = rf.simulate_growth(n0=30, invites_per_user=2, cycles=4, runs=5, seed=4, invites="fixed")
    assert not a.equals(c)


def test_simulation_summary_percentiles_bracket_the_mean():
    s = rf.simulation_summary(rf.simulate_growth(n0=50, cycles=5, runs=200, seed=0))
    assert (s["p05"] <= s["mean"]).all() and (s["mean"] <= s["p95"]).all()
    assert (s["runs"] == 200).all()


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: rf.total_users(n0=10, k=-0.1, cycles=3), "k"),
        (lambda: rf.viral_coefficient(-1, 0.5), "invites_per_user"),
        (lambda: rf.viral_coefficient(2, 1.5), "invite_conversion"),
        (lambda: rf.active_users(n0=10, k=0.5, churn=1.2), "churn"),
        (lambda: rf.active_users(n0=10, k=0.5, churn=-0.01), "churn"),
        (lambda: rf.growth_table(cycles=-1), "cycles"),
        (lambda: rf.growth_table(cycle_time_days=0), "cycle_time_days"),
        (lambda: rf.simulate_growth(churn=2), "churn"),
        (lambda: rf.simulate_growth(invites_per_user=1.5, invites="fixed"), "invites_per_user"),
        (lambda: rf.simulate_growth(invites="normal"), "invites"),
        (
            lambda: rf.simulate_growth(
                n0=1000, invites_per_user=10, invite_conversion=1, cycles=40
            ),
            "cycles",
        ),
        (lambda: rf.AffiliateCommission(rate=0.2, order_value=-5), "order_value"),
        (lambda: rf.AffiliateCommission(rate=20, order_value=5), "rate"),
        (lambda: rf.StorageReward(cost_per_gb=-1), "cost_per_gb"),
        (lambda: rf.StorageReward(gb_per_referral=0), "gb_per_referral"),
        (lambda: rf.acquisition_cost_comparison(paid_cac=-3), "paid_cac"),
        (lambda: rf.acquisition_cost_comparison(paid_cac=3, fixed_reward=-1), "fixed_reward"),
        (lambda: rf.total_users(n0="100", k=0.5), "n0"),
    ],
)
def test_bad_input_names_the_parameter(call, field):
    with pytest.raises(ParameterError, match=rf"^{field}: expected"):
        call()


# ------------------------------------------------------------------ reward cost


def test_storage_and_affiliate_costs_by_hand():
    reward = rf.StorageReward(gb_per_referral=0.5, cost_per_gb=2.0, both_sides=True)
    assert reward.max_rewarded_referrals == 28  # (16 - 2) / 0.5
    assert reward.cost_per_referred_customer() == pytest.approx(2.0)  # 0.5 GB x 2 x 2 sides
    aff = rf.AffiliateCommission(rate=0.20, order_value=75.0)
    assert aff.cost_per_referred_customer() == pytest.approx(15.0)
    table = rf.acquisition_cost_comparison(paid_cac=30.0, storage=reward, affiliate=aff)
    assert table.index.tolist() == ["paid", "storage_reward", "affiliate"]
    assert table["saving_vs_paid"].tolist() == pytest.approx([0, 28, 15])
    assert table["share_of_paid"].tolist() == pytest.approx([1, 2 / 30, 0.5])
    voucher = rf.acquisition_cost_comparison(paid_cac=30.0, fixed_reward=12.0)
    assert voucher.loc["fixed_reward", "share_of_paid"] == pytest.approx(0.4)


def test_storage_cost_from_data_applies_the_cap_per_inviter():
    # inviter 1 brought 4 friends, inviter 2 one; cap = (4 - 2) / 1 = 2 friends per inviter
    refs = pd.DataFrame({"inviter_id": [1, 1, 1, 1, 2, 2], "invitee_id": [3, 4, 5, 6, 7, None]})
    reward = rf.StorageReward(gb_per_referral=1, cost_per_gb=10, base_gb=2, max_gb=4)
    got = rf.storage_reward_cost_from_data(refs, reward).iloc[0]
    assert got["referred_customers"] == 5
    assert got["rewarded_referrals"] == 3  # 2 (capped) + 1
    # inviters: 3 x 10; friends' own bonus: 5 x 10
    assert got["total_cost"] == pytest.approx(80)
    assert got["cost_per_referred_customer"] == pytest.approx(16)


def test_reward_cost_from_data_by_hand():
    t = SimpleNamespace(
        referrals=pd.DataFrame(
            {"invitee_id": pd.array([7, 8, 9, None], dtype="Int64"), "reward": [5.0, 5, 5, 0]}
        ),
        orders=pd.DataFrame({"user_id": [7, 7, 1]}),
    )
    got = rf.reward_cost_from_data(t).iloc[0]
    # 15 paid for 3 sign-ups, of whom one (7) bought
    assert got["cost_per_referred_user"] == 5
    assert got["cost_per_referred_customer"] == 15


# ------------------------------------------------------------------ data side


def _tables():
    ts = pd.to_datetime
    users = pd.DataFrame(
        {
            "user_id": [1, 2, 3, 4, 5, 6],
            "first_seen": ts(
                ["2024-01-01", "2024-01-02", "2024-01-05", "2024-01-10", "2024-01-20", "2024-01-03"]
            ),
        }
    )
    events = pd.DataFrame(
        {
            "user_id": [1, 1, 2, 3, 6, 6],
            "event_type": ["review", "invite", "review", "visit", "visit", "invite"],
            "stage": ["advocate", "promote", "advocate", "aware", "aware", "promote"],
            "timestamp": ts(
                ["2024-01-03", "2024-01-04", "2024-01-02", "2024-01-05", "2024-01-03", "2024-01-05"]
            ),
        }
    )
    referrals = pd.DataFrame(
        {
            "referral_id": [10, 11, 12, 13, 14, 15],
            "inviter_id": [1, 1, 1, 3, 6, 1],
            "invitee_id": pd.array([3, None, 4, 5, None, None], dtype="Int64"),
            "invite_time": ts(
                ["2024-01-04", "2024-01-04", "2024-01-08", "2024-01-15", "2024-01-05", "2024-02-01"]
            ),
            "signup_time": ts(["2024-01-05", None, "2024-01-10", "2024-01-20", None, None]),
        }
    )
    survey = pd.DataFrame({"user_id": [2, 3, 4], "nps": pd.array([9, 10, 3], dtype="Int64")})
    orders = pd.DataFrame(
        {"user_id": [1, 2, 3], "timestamp": ts(["2024-01-02", "2024-01-02", "2024-01-06"])}
    )
    return SimpleNamespace(
        users=users, events=events, referrals=referrals, survey=survey, orders=orders
    )


def test_observed_k_per_base_by_hand():
    t = _tables()
    # advocates = users 1, 2, 6 (stage advocate or promote); they sent 5 invites, 2 joined
    adv = rf.observed_k(t, base="advocates")
    assert (adv.n_base, adv.invites, adv.joined, adv.invites_outside_base) == (3, 5, 2, 1)
    assert adv.invites_per_user == pytest.approx(5 / 3)
    assert adv.invite_conversion == pytest.approx(2 / 5)
    assert adv.k == pytest.approx(adv.invites_per_user * adv.invite_conversion)
    cust = rf.observed_k(t, base="customers")  # users 1, 2, 3: invites 4 + 1, joined 3
    assert (cust.n_base, cust.invites, cust.joined) == (3, 5, 3)
    inv = rf.observed_k(t, base="inviters")  # users 1, 3, 6
    assert inv.k == pytest.approx(3 / 3)
    assert rf.observed_k(t, base="users").k == pytest.approx(3 / 6)
    # censoring: data ends Feb 1 (last invitation); 20 days of follow-up keeps base users who
    # entered by Jan 12 -- inviters 1 (Jan 4) and 6 (Jan 5), not 3 (Jan 15) -- with ALL their
    # invitations, the Feb 1 one included
    early = rf.observed_k(t, base="inviters", follow_up_days=20)
    assert (early.n_base, early.invites, early.joined) == (2, 5, 2)
    entered = rf.base_entry(t, "advocates")
    assert entered.to_dict() == {
        1: pd.Timestamp("2024-01-03"),
        2: pd.Timestamp("2024-01-02"),
        6: pd.Timestamp("2024-01-05"),
    }
    with pytest.raises(ParameterError, match="follow_up_days"):
        rf.observed_k(t, follow_up_days=-1)
    with pytest.raises(ParameterError, match="base"):
        rf.observed_k(t, base="fans")


def test_cycle_times_by_hand():
    t = _tables()
    ct = rf.cycle_times(t.referrals, t.users)
    assert ct["referral_id"].tolist() == [10, 12, 13]
    assert ct["invite_to_signup_days"].tolist() == [1, 2, 5]
    # inviter first seen -> invitee joined: 1 (Jan 1) -> Jan 5, 1 -> Jan 10, 3 (Jan 5) -> Jan 20
    assert ct["cycle_days"].tolist() == [4, 9, 15]
    assert (ct["cycle_days"] >= ct["invite_to_signup_days"]).all()


def test_referral_tree_and_generation_counts():
    t = _tables()
    tree = rf.referral_tree(t.referrals, t.users).set_index("user_id")
    assert tree["generation"].to_dict() == {1: 0, 2: 0, 3: 1, 4: 1, 5: 2, 6: 0}
    assert tree["root_id"].to_dict() == {1: 1, 2: 2, 3: 1, 4: 1, 5: 1, 6: 6}
    counts = rf.generation_counts(tree.reset_index())
    assert counts["users"].tolist() == [3, 2, 1]
    assert counts["ratio_to_previous"].tolist()[1:] == pytest.approx([2 / 3, 1 / 2])


def _depth_by_recursion(parent: dict[int, int], node: int) -> int:
    return 0 if node not in parent else 1 + _depth_by_recursion(parent, parent[node])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=60))
def test_tree_generations_match_a_recursive_walk(draws):
    # node i+1 is invited by some earlier node: any such list is a forest
    parent = {i + 1: d % (i + 1) for i, d in enumerate(draws) if d % 3 != 0}
    refs = pd.DataFrame({"inviter_id": list(parent.values()), "invitee_id": list(parent)})
    users = pd.DataFrame({"user_id": range(len(draws) + 1)})
    tree = rf.referral_tree(refs, users)
    want = [_depth_by_recursion(parent, u) for u in tree["user_id"]]
    assert tree["generation"].tolist() == want


def test_referral_tree_errors_name_the_column():
    loop = pd.DataFrame({"inviter_id": [1, 2], "invitee_id": [2, 1]})
    with pytest.raises(SchemaError, match="referrals.invitee_id: .*loop"):
        rf.referral_tree(loop)
    twice = pd.DataFrame({"inviter_id": [1, 2], "invitee_id": [3, 3]})
    with pytest.raises(SchemaError, match="more than one invitation"):
        rf.referral_tree(twice)
    with pytest.raises(SchemaError, match="referrals.invitee_id: missing column"):
        rf.referral_tree(pd.DataFrame({"inviter_id": [1]}))
    stranger = pd.DataFrame({"inviter_id": [1], "invitee_id": [99]})
    with pytest.raises(SchemaError, match="not in users"):
        rf.referral_tree(stranger, pd.DataFrame({"user_id": [1, 2]}))


def test_advocates_are_told_apart_from_promoters():
    people = rf.advocates_and_promoters(_tables()).set_index("user_id")
    # advocate: review (1, 2) or NPS >= 9 (2, 3); promoter: sent an invitation (1, 3, 6)
    assert people["advocate"].to_dict() == {1: True, 2: True, 3: True, 4: False, 5: False, 6: False}
    assert people["promoter"].to_dict() == {1: True, 2: False, 3: True, 4: False, 5: False, 6: True}
    assert people.loc[1, "invites"] == 4
    tab = rf.advocate_promoter_crosstab(people)
    # rows advocate No/Yes/Total, columns promoter No/Yes/Total
    assert tab.values.tolist() == [[2, 1, 3], [1, 2, 3], [3, 3, 6]]
    tab_id = rf.advocate_promoter_crosstab(people, lang="id")
    assert tab_id.index.tolist() == ["Tidak", "Ya", "Total"]
    with pytest.raises(ParameterError, match="nps_threshold"):
        rf.advocates_and_promoters(_tables(), nps_threshold=11)


# ------------------------------------------------------------------ on the generator's data


@pytest.fixture(scope="module")
def coffee_uncensored():
    synth = pytest.importorskip("journeykit.synth")
    cfg = synth.config("coffee", n_users=120_000, seed=3, censor=False)
    return cfg, synth.generate_from(cfg)


def test_observed_k_recovers_the_generators_configuration(coffee_uncensored):
    from journeykit import synth

    cfg, tables = coffee_uncensored
    per_promoter = rf.observed_k(tables, base="inviters")
    # per promoter: 1 + Poisson(invites_per_promoter - 1) invites, each converting with p
    assert per_promoter.n_base > 300
    assert per_promoter.invites_per_user == pytest.approx(cfg.invites_per_promoter, abs=0.2)
    assert per_promoter.invite_conversion == pytest.approx(cfg.invite_conversion, abs=0.04)
    want = cfg.invites_per_promoter * cfg.invite_conversion
    sd = math.sqrt(3 * 0.3 * 0.7 + 0.3**2 * 2)  # sd of friends per promoter (binomial mixture)
    assert abs(per_promoter.k - want) < 4 * sd / math.sqrt(per_promoter.n_base)
    # per customer, as the generator's expected_k defines it
    per_customer = rf.observed_k(tables, base="customers")
    assert per_customer.k == pytest.approx(synth.expected_k(cfg), rel=0.15)


def test_tree_depth_and_cycle_time_on_generated_data(coffee_uncensored):
    cfg, tables = coffee_uncensored
    tree = rf.referral_tree(tables.referrals, tables.users)
    # the tree agrees with users.referred_by
    by = tables.users.set_index("user_id")["referred_by"]
    got = tree.set_index("user_id")["inviter_id"]
    assert got.astype("Int64").equals(by.reindex(got.index).astype("Int64"))
    assert (tree["generation"] == 0).sum() == cfg.n_users
    ct = rf.cycle_times(tables.referrals, tables.users)
    # invite -> sign-up lag is exponential with mean signup_lag_days
    assert ct["invite_to_signup_days"].mean() == pytest.approx(cfg.signup_lag_days, rel=0.15)
    assert (ct["cycle_days"] >= ct["invite_to_signup_days"]).all()


# ------------------------------------------------------------------ plots


def test_growth_by_k_and_plots_follow_lang():
    import matplotlib.pyplot as plt

    from journeykit.plots import referrals as prf

    g = rf.growth_by_k([0.5, 1.0, 2.0], n0=10, cycles=3)
    last = g[g["cycle"] == 3].set_index("k")["total_users"]
    assert last.to_dict() == {0.5: 18.75, 1.0: 40.0, 2.0: 150.0}
    closed = rf.growth_table(cycles=4)
    sim = rf.simulation_summary(rf.simulate_growth(cycles=4, runs=20, seed=1))
    ax = prf.plot_growth(closed, sim, steady_state=rf.steady_state(n0=100, k=0.5), lang="id")
    assert ax.get_title() == "Loop rujukan: pengguna per siklus"
    assert ax.get_xlabel() == "Siklus rujukan"
    assert len(ax.get_legend().get_texts()) == 4
    ax = prf.plot_growth(closed, x="day", column="active_users")
    assert ax.get_xlabel() == "Days since the seed cohort" and ax.get_ylabel() == "Active users"
    _, given = plt.subplots()
    assert prf.plot_growth_by_k(g, log=True, ax=given) is given
    t = _tables()
    assert prf.plot_generations(rf.generation_counts(rf.referral_tree(t.referrals, t.users)))
    assert (
        prf.plot_cycle_times(rf.cycle_times(t.referrals, t.users), lang="id").get_xlabel() == "Hari"
    )
    table = rf.acquisition_cost_comparison(
        paid_cac=30, storage=rf.StorageReward(), affiliate=rf.AffiliateCommission()
    )
    ax = prf.plot_acquisition_costs(table, lang="id")
    assert [x.get_text() for x in ax.get_yticklabels()][0] == "Iklan berbayar"
    with pytest.raises(SchemaError, match="closed.total_users"):
        prf.plot_growth(closed.drop(columns="total_users"))
    plt.close("all")


# ------------------------------------------------------------------ exercise checks


def test_checks_recognise_right_answers_and_the_usual_mistakes():
    from journeykit.checks import referrals as ck

    assert ck.check_viral_coefficient(0.6, invites_per_user=4, invite_conversion=0.15).ok
    fb = ck.check_viral_coefficient(60, invites_per_user=4, invite_conversion=0.15)
    assert not fb.ok and "percentage" in fb.message
    assert (
        "no answer yet"
        in ck.check_viral_coefficient(None, invites_per_user=4, invite_conversion=0.15).message
    )
    # 500 seed, K = 0.6, 5 cycles: 500 (1 - 0.6**6) / 0.4 = 1191.7
    assert ck.check_total_users(500 * (1 - 0.6**6) / 0.4, n0=500, k=0.6, cycles=5).ok
    short = ck.check_total_users(500 * (1 - 0.6**5) / 0.4, n0=500, k=0.6, cycles=5)
    assert not short.ok and "n + 1 generations" in short.message
    assert (
        "newest generation" in ck.check_total_users(500 * 0.6**5, n0=500, k=0.6, cycles=5).message
    )
    assert "steady state" in ck.check_total_users(1250, n0=500, k=0.6, cycles=5).message
    assert ck.check_steady_state(1250, n0=500, k=0.6).ok
    assert "seed cohort" in ck.check_steady_state(750, n0=500, k=0.6).message
    assert "cannot check" in ck.check_steady_state(10, n0=500, k=1.5).message  # never raises
    t = _tables()
    assert ck.check_observed_k(1.0, t).ok  # 3 joined / 3 inviters
    wrong = ck.check_observed_k(2 / 3, t)  # per advocate: 2 joined / 3 advocates
    assert not wrong.ok and "divides by the advocates" in wrong.message
    assert "invites per user" in ck.check_observed_k(2.0, t).message  # 6 invites / 3 inviters
    assert ck.check_silent_advocates(1, t).ok  # user 2: advocate, never invited
    # 3 advocates and 3 promoters here: either hint explains the mistake
    three = ck.check_silent_advocates(3, t)
    assert not three.ok and "That is" in three.message
    assert not ck.check_silent_advocates("many", t).ok


def _k_tables() -> dict[str, pd.DataFrame]:
    """Ten users; customers 1-4; advocates 1 and 5; inviters 1, 2 and 5; invitees 6-10 joined."""
    ts = pd.Timestamp("2024-01-01")
    day = pd.Timedelta(days=1)
    ids = list(range(1, 11))
    events = pd.DataFrame(
        {
            "event_id": range(1, 13),
            "user_id": [*ids, 1, 5],
            "timestamp": [ts + i * day for i in range(12)],
            "channel": ["email"] * 12,
            "device": ["mobile"] * 12,
            "event_type": ["visit"] * 12,
            "stage": ["aware"] * 10 + ["advocate", "promote"],
            "cost": [0.0] * 12,
        }
    )
    orders = pd.DataFrame(
        {
            "order_id": [1, 2, 3, 4],
            "user_id": [1, 2, 3, 4],
            "timestamp": [ts + 2 * day] * 4,
            "offer_type": ["entry"] * 4,
            "product": ["latte"] * 4,
            "price": [30000.0] * 4,
            "cost": [9000.0] * 4,
        }
    )
    # user 1: 3 invitations, 2 joined; user 2: 2, 1 joined; user 5 (not a customer): 4, 2 joined
    referrals = pd.DataFrame(
        {
            "referral_id": range(1, 10),
            "inviter_id": [1, 1, 1, 2, 2, 5, 5, 5, 5],
            "invitee_id": pd.array([6, 7, None, 8, None, 9, 10, None, None], dtype="Int64"),
            "invite_time": [ts + 3 * day] * 9,
            "signup_time": [ts + 4 * day] * 9,
        }
    )
    users = pd.DataFrame({"user_id": ids, "first_seen": [ts] * 10})
    survey = pd.DataFrame({"user_id": [1], "nps": [9], "csat": [5]})
    return {
        "users": users,
        "events": events,
        "orders": orders,
        "referrals": referrals,
        "survey": survey,
    }


def test_each_k_denominator_gives_its_own_hand_computed_k():
    from journeykit.metrics import metric_table

    tables = _k_tables()
    t = SimpleNamespace(**tables)
    want = {
        "customers": 3 / 4,  # joined through customers 1 and 2: 2 + 1, over 4 customers
        "advocates": 4 / 2,  # advocates 1 and 5: 2 + 2 joined
        "inviters": 5 / 3,  # inviters 1, 2, 5: all 5 who joined
        "users": 5 / 10,  # everyone in users
    }
    got = {b: rf.observed_k(t, base=b).k for b in rf.BASES}
    assert got == pytest.approx(want)
    assert len(set(want.values())) == 4  # four different numbers
    default = rf.observed_k(t)
    assert (default.base, default.k) == ("customers", pytest.approx(3 / 4))
    assert default.invites_outside_base == 4  # user 5's invitations are not a customer's
    m = metric_table(tables, metrics=["viral_coefficient", "viral_coefficient_reached"])
    assert m.iloc[0].to_dict() == pytest.approx(
        {"viral_coefficient": 3 / 4, "viral_coefficient_reached": 5 / 10}
    )
    frame = pd.concat([rf.observed_k(t, base=b).to_frame("id") for b in rf.BASES])
    assert frame["label"].tolist() == [
        "K per pelanggan (K kursus ini)",
        "K per advokat",
        "K per pengundang (promotor)",
        "K per pengguna",
    ]
    assert rf.observed_k(t, base="inviters").label() == "K per inviter (promoter)"
