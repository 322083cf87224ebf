"""Tests of journeykit.synth: reproducibility, the data contract, counterfactuals, honoured parameters."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.errors import ParameterError
from journeykit.schema import PAID_CHANNELS, validate_tables
from journeykit.stages import CVJ_STEPS
from journeykit.synth import (
    Campaign,
    config,
    expected_k,
    expected_lag_days,
    expected_rates,
    generate,
    generate_from,
    get_preset,
    true_incremental_conversions,
)

N_SMALL = 12_000


@pytest.fixture(scope="module", params=["coffee", "saas", "tokoonline"])
def small(request):
    cfg = config(request.param, n_users=N_SMALL, seed=11)
    tables = generate_from(cfg)
    assert tables.referrals["invitee_id"].notna().sum() >= 5  # the contract tests see referrals
    return cfg, tables


@pytest.fixture(scope="module")
def big():
    """100k non-referred coffee users, journeys run to completion (no censoring)."""
    cfg = config("coffee", n_users=100_000, seed=5, censor=False)
    return cfg, generate_from(cfg)


def _reach(events: pd.DataFrame) -> pd.DataFrame:
    """First time each user reached each step (NaT: never), columns in CVJ order."""
    first = events.groupby(["user_id", "stage"], observed=True)["timestamp"].min().unstack()
    return first.reindex(columns=list(CVJ_STEPS)).astype("datetime64[ns]")


# --- reproducibility and argument checking ------------------------------------------------------


def test_same_seed_gives_identical_tables_and_other_seed_differs():
    a = generate("coffee", n_users=800, seed=3)
    b = generate("coffee", n_users=800, seed=3)
    c = generate("coffee", n_users=800, seed=4)
    for (name, x), (_, y) in zip(a.items(), b.items(), strict=True):
        pd.testing.assert_frame_equal(x, y, obj=name)
    assert not a.users.equals(c.users)


def test_generated_tables_pass_the_validator_unchanged(small):
    _, tables = small
    checked = validate_tables(tables)
    for (name, x), (_, y) in zip(tables.items(), checked.items(), strict=True):
        pd.testing.assert_frame_equal(x, y, obj=name)


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"n_users": -5}, "parameter n_users: expected a whole number"),
        ({"n_users": 0}, "parameter n_users"),
        ({"n_users": "100"}, "parameter n_users"),
        ({"n_users": 10.5}, "parameter n_users"),
        ({"n_users": True}, "parameter n_users"),
        ({"seed": -1}, "parameter seed: expected a whole number >= 0"),
        ({"seed": "abc"}, "parameter seed"),
        ({"seed": 1.5}, "parameter seed"),
        ({"preset": "tea"}, "parameter preset: expected one of 'coffee', 'saas'"),
        ({"preset": None}, "parameter preset"),
        ({"colour": "red"}, "parameter colour: unknown"),
        ({"mobile_share": 1.5}, "parameter mobile_share['office_worker']"),
        ({"channel_mix": {"tiktok": 1.0}}, "['tiktok']: expected a key among"),
        ({"channels_off": ("tiktok",)}, "parameter channels_off"),
        ({"channels_off": ("direct",)}, "parameter channels_off"),
        ({"channel_scale": {"social_ads": -1}}, "channel_scale['social_ads']"),
        ({"stage_rates": {"student": (0.5, 0.5)}}, "stage_rates['student']"),
        ({"stage_rates": {"student": (0.5,) * 6 + (1.5,)}}, "stage_rates['student'][6]"),
        ({"entry_price": 0}, "parameter entry_price: expected a number > 0"),
        ({"invites_per_promoter": 0.5}, "parameter invites_per_promoter"),
        ({"start": "yesterday"}, "parameter start: expected a date as text 'YYYY-MM-DD'"),
        ({"start": "2024-01-01 08:00"}, "parameter start"),
        ({"start": 20240101}, "parameter start"),
        ({"days": 0}, "parameter days"),
        ({"lag_days": (1.0, 2.0)}, "parameter lag_days"),
        ({"touch_lift": {"email": 1.5}}, "touch_lift['email']"),
    ],
)
def test_bad_arguments_raise_a_parameter_error_naming_the_parameter(kwargs, needle):
    args = {"preset": "coffee", "n_users": 100, "seed": 1} | kwargs
    with pytest.raises(ParameterError) as info:
        generate(**args)
    assert needle in str(info.value)


def test_campaign_must_move_people_exactly_one_step():
    bad = Campaign("leap", "email", "Buy now", from_step="aware", to_step="convert", lift=0.2)
    with pytest.raises(ParameterError, match=r"campaigns\[0\]\.to_step.*'engage'"):
        generate("coffee", n_users=100, campaigns=(bad,))


def test_rates_below_what_touches_alone_give_are_refused():
    # with 10 email touches of lift 0.5 each in subscribe→convert, a rate of 0.1 is impossible
    rates = dict.fromkeys(get_preset("coffee").personas(), (0.5, 0.5, 0.1, 0.5, 0.5, 0.5, 0.5))
    with pytest.raises(ParameterError, match=r"stage_rates\['office_worker'\]\[2\]"):
        generate(
            "coffee",
            n_users=100,
            stage_rates=rates,
            touch_rates={"email": (0, 0, 10, 1, 1, 0.8, 0.5)},
            touch_lift={"email": 0.5},
        )


def test_overrides_merge_and_mixes_are_normalised():
    cfg = config("coffee", channel_mix={"social_ads": 3, "organic_search": 1}, mobile_share=0.6)
    for mix in cfg.channel_mix.values():
        assert mix == {"social_ads": 0.75, "organic_search": 0.25}
    assert set(cfg.mobile_share.values()) == {0.6}
    cfg = config("coffee", persona_mix={"student": 0.0})  # other personas keep their weights
    assert cfg.persona_mix["student"] == 0
    assert math.isclose(cfg.persona_mix["office_worker"], 0.45 / 0.70)


# --- the data contract -------------------------------------------------------------------------


def test_funnels_are_monotone_per_user(small):
    cfg, t = small
    reach = _reach(t.events)
    reached = reach.notna().to_numpy()
    # a user who reached a step reached every earlier step, no earlier than the one before
    assert (reached[:, :-1] >= reached[:, 1:]).all()
    times = reach.to_numpy(dtype="datetime64[ns]").astype("int64")
    both = reached[:, :-1] & reached[:, 1:]
    assert (times[:, 1:][both] >= times[:, :-1][both]).all()
    counts = reached.sum(axis=0)
    assert (np.diff(counts) <= 0).all()
    assert counts[0] == len(t.users)  # everyone has an aware event


def test_every_order_is_mirrored_by_a_purchase_event(small):
    cfg, t = small
    ev = t.events
    purchases = ev[ev["event_type"] == "purchase"]
    assert len(purchases) == len(t.orders)
    left = t.orders[["user_id", "timestamp", "offer_type"]].copy()
    left["stage"] = np.where(left["offer_type"] == "entry", "convert", "ascend")
    right = purchases[["user_id", "timestamp", "stage"]].astype({"stage": object})
    key = ["user_id", "timestamp", "stage"]
    pd.testing.assert_frame_equal(
        left[key].astype({"stage": object}).sort_values(key).reset_index(drop=True),
        right.sort_values(key).reset_index(drop=True),
    )


def test_every_purchase_user_reached_that_stage_and_first_order_is_the_entry_offer(small):
    cfg, t = small
    reach = _reach(t.events)
    o = t.orders.merge(reach[["convert", "ascend"]], left_on="user_id", right_index=True)
    assert (o["timestamp"] >= o["convert"]).all()
    core = o["offer_type"] != "entry"
    assert (o.loc[core, "timestamp"] >= o.loc[core, "ascend"]).all()
    first = t.orders.sort_values(["user_id", "timestamp", "order_id"]).groupby("user_id").head(1)
    assert (first["offer_type"] == "entry").all()


def test_event_types_show_their_stages_and_costs_only_on_paid_channels(small):
    cfg, t = small
    ev = t.events
    pairs = set(zip(ev["event_type"], ev["stage"], strict=True))
    allowed = {
        ("impression", "aware"),
        ("visit", "aware"),
        ("visit", "engage"),
        ("click", "engage"),
        ("engage", "engage"),
        ("subscribe", "subscribe"),
        ("purchase", "convert"),
        ("purchase", "ascend"),
        ("onboard", "excite"),
        ("review", "advocate"),
        ("invite", "promote"),
    }
    assert pairs <= allowed
    paid = ev["cost"] > 0
    assert ev.loc[paid, "channel"].isin(PAID_CHANNELS).all()
    # clicks on ad channels with a CPC cost between 0.5 and 1.5 CPC
    for ch, cpc in cfg.cpc.items():
        clicks = ev[(ev["channel"] == ch) & (ev["event_type"] == "click")]
        assert clicks["cost"].between(0.5 * cpc - 0.01, 1.5 * cpc + 0.01).all()
    # affiliate purchases pay the commission on the price
    aff = ev[(ev["channel"] == "affiliate") & (ev["event_type"] == "purchase")]
    prices = np.array([cfg.entry_price, cfg.core_price, cfg.ascension_price])
    implied = aff["cost"].to_numpy()[:, None] / cfg.affiliate_commission
    assert (np.abs(implied - prices).min(axis=1) < 0.01 / cfg.affiliate_commission).all()


def test_referrals_link_existing_users_first_seen_after_the_invite(small):
    cfg, t = small
    ref, users = t.referrals, t.users.set_index("user_id")
    done = ref.dropna(subset=["invitee_id"])
    invitees = users.loc[done["invitee_id"].astype("int64")]
    assert (invitees["first_seen"].to_numpy() >= done["invite_time"].to_numpy()).all()
    assert (invitees["first_seen"].to_numpy() == done["signup_time"].to_numpy()).all()
    assert (invitees["referred_by"].to_numpy() == done["inviter_id"].to_numpy()).all()
    assert (invitees["acquisition_channel"] == "referral").all()
    assert done["invitee_id"].is_unique
    referred = users[users["referred_by"].notna()]
    assert len(referred) == len(done)  # every referred user comes from exactly one invite
    # every referral row has its invite event (stage promote) at the same time
    inv = t.events[t.events["event_type"] == "invite"]
    assert len(inv) == len(ref)
    assert (inv["stage"] == "promote").all()
    a = inv[["user_id", "timestamp"]].sort_values(["user_id", "timestamp"]).to_numpy()
    b = ref[["inviter_id", "invite_time"]].sort_values(["inviter_id", "invite_time"]).to_numpy()
    assert (a == b).all()


def test_censoring_keeps_everything_inside_the_window(small):
    cfg, t = small
    end = pd.Timestamp(cfg.start) + pd.Timedelta(days=cfg.days)
    for frame, col in [
        (t.users, "first_seen"),
        (t.events, "timestamp"),
        (t.orders, "timestamp"),
        (t.referrals, "invite_time"),
        (t.survey, "timestamp"),
    ]:
        assert (frame[col] < end).all()


# --- counterfactuals ---------------------------------------------------------------------------


def _without_ids(df: pd.DataFrame, id_col: str) -> pd.DataFrame:
    return df.drop(columns=[id_col]).reset_index(drop=True)


@pytest.mark.parametrize("channel", ["social_ads", "paid_search", "email", "whatsapp", "affiliate"])
def test_switching_a_channel_off_leaves_users_who_never_touched_it_unchanged(channel):
    n = 2500
    on = generate("coffee", n_users=n, seed=21)
    off = generate("coffee", n_users=n, seed=21, channels_off=(channel,))
    touched = set(on.events.loc[on.events["channel"] == channel, "user_id"])
    assert touched, "the channel must matter in this world"
    assert channel not in set(off.events["channel"])
    same = [u for u in range(n) if u not in touched and u in set(on.users["user_id"])]
    assert len(same) > n / 10

    def rows(t, table, id_col):
        df = getattr(t, table)
        sel = df[df["user_id"].isin(same)].sort_values(["user_id", "timestamp"], kind="stable")
        return _without_ids(sel, id_col) if id_col else sel.reset_index(drop=True)

    pd.testing.assert_frame_equal(
        on.users[on.users["user_id"].isin(same)].reset_index(drop=True),
        off.users[off.users["user_id"].isin(same)].reset_index(drop=True),
    )
    pd.testing.assert_frame_equal(rows(on, "events", "event_id"), rows(off, "events", "event_id"))
    pd.testing.assert_frame_equal(rows(on, "orders", "order_id"), rows(off, "orders", "order_id"))
    pd.testing.assert_frame_equal(rows(on, "survey", None), rows(off, "survey", None))
    # their invites are the same invites; the invitees are the same people (ids may differ)
    ref_cols = ["inviter_id", "invite_time", "signup_time", "reward"]
    r_on = on.referrals[on.referrals["inviter_id"].isin(same)][ref_cols].reset_index(drop=True)
    r_off = off.referrals[off.referrals["inviter_id"].isin(same)][ref_cols].reset_index(drop=True)
    pd.testing.assert_frame_equal(r_on, r_off)


@settings(max_examples=8, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    channel=st.sampled_from(["social_ads", "paid_search", "organic_search", "email", "referral"]),
    scale=st.sampled_from([0.0, 0.3, 0.7]),
)
def test_less_spend_never_creates_conversions(seed, channel, scale):
    n = 600
    full = generate("coffee", n_users=n, seed=seed, censor=False)
    less = generate("coffee", n_users=n, seed=seed, censor=False, channel_scale={channel: scale})
    for step in ("engage", "subscribe", "convert", "promote"):
        a = set(full.events.loc[full.events["stage"] == step, "user_id"])
        b = set(less.events.loc[less.events["stage"] == step, "user_id"])
        assert {u for u in b if u < n} <= {u for u in a if u < n}
        assert len(b) <= len(a)


def test_more_spend_on_touches_never_removes_conversions():
    n = 8000
    base = generate("coffee", n_users=n, seed=8, censor=False)
    more = generate("coffee", n_users=n, seed=8, censor=False, channel_scale={"email": 10.0})
    a = set(base.events.loc[base.events["stage"] == "convert", "user_id"])
    b = set(more.events.loc[more.events["stage"] == "convert", "user_id"])
    assert {u for u in a if u < n} <= {u for u in b if u < n}
    assert len(b) > len(a)


def test_true_incremental_conversions_are_non_negative_and_zero_for_an_unused_channel():
    cfg = config("saas", n_users=1500, seed=2)
    out = true_incremental_conversions(cfg, channels=("paid_search", "email", "store"))
    assert list(out["channel"]) == ["paid_search", "email", "store"]
    assert (out["incremental"] >= 0).all()
    assert out.set_index("channel").loc["store", "incremental"] == 0  # saas has no store
    assert out.set_index("channel").loc["paid_search", "incremental"] > 0
    assert (out["incremental_revenue"] >= 0).all()
    with pytest.raises(ParameterError, match="parameter step: expected one of 'aware'"):
        true_incremental_conversions(cfg, channels=("email",), step="buy")


def test_a_channel_that_brings_everyone_is_worth_every_conversion():
    # one acquisition channel and no fallback: without it nobody arrives (by hand: all of it)
    cfg = config("saas", n_users=800, seed=6, channel_mix={"paid_search": 1}, fallback_share=0)
    row = true_incremental_conversions(cfg, ("paid_search",)).iloc[0]
    world = generate_from(cfg)
    customers = world.events.loc[world.events["stage"] == "convert", "user_id"].nunique()
    assert row["users_reached"] == customers > 0
    assert row["users_reached_without"] == 0
    assert row["incremental_revenue"] == world.orders["price"].sum()


# --- parameters are honoured (100k users) ------------------------------------------------------


def _se(p: float, n: int) -> float:
    return math.sqrt(max(p * (1 - p), 1e-9) / max(n, 1))


def test_stage_rates_per_persona_match_the_configuration(big):
    cfg, t = big
    base = t.users[t.users["referred_by"].isna()].set_index("user_id")["persona"]
    reach = _reach(t.events).notna()
    reach = reach[reach.index.isin(base.index)]
    expected = expected_rates(cfg)
    for persona in cfg.personas():
        r = reach[base.loc[reach.index] == persona].sum().to_numpy()
        for s in range(7):
            q = expected.loc[persona].iloc[s]
            measured = r[s + 1] / r[s]
            # within 4 standard errors (binomial) of the configured rate
            assert abs(measured - q) <= 4 * _se(q, r[s]) + 0.002, (persona, s, measured, q)


def test_mobile_share_matches_the_configuration(big):
    cfg, t = big
    base = t.users[t.users["referred_by"].isna()]
    expected = sum(cfg.persona_mix[p] * cfg.mobile_share[p] for p in cfg.personas())
    assert abs((base["device"] == "mobile").mean() - expected) < 4 * _se(expected, len(base))
    # touches use the preferred device or a fresh draw from the persona's mix: same share
    ev = t.events.merge(base[["user_id", "persona"]], on="user_id")
    for persona, share in cfg.mobile_share.items():
        measured = (ev.loc[ev["persona"] == persona, "device"] == "mobile").mean()
        assert abs(measured - share) < 0.01, persona


def test_mean_time_lags_match_the_configuration(big):
    cfg, t = big
    personas = t.users.set_index("user_id")["persona"]
    reach = _reach(t.events)
    expected_lags = expected_lag_days(cfg)
    minutes = cfg.visit_minutes / 1440
    for persona in cfg.personas():
        mine = reach[personas.loc[reach.index] == persona]
        for s in range(7):
            pair = mine.iloc[:, [s, s + 1]].dropna()
            lag = (pair.iloc[:, 1] - pair.iloc[:, 0]).dt.total_seconds() / 86400
            # by hand: a share σ of decisions is taken in the visit (mean visit_minutes) with the
            # baseline chance b, the others wait lag_days × scale with chance 1 - (1 - b) × A
            sigma, days = cfg.same_visit_share[s], cfg.lag_days[s] * cfg.persona_lag_scale[persona]
            if sigma == 0:
                expected = days
            else:
                expected = float(expected_lags.loc[persona].iloc[s])
                assert minutes < expected < days
            # mixture of exponentials: standard error from the sample; timestamps whole seconds
            se = lag.std() / math.sqrt(len(lag))
            assert abs(lag.mean() - expected) <= 4 * se + 2e-5, (persona, s, lag.mean(), expected)
    # a decision in the visit takes minutes: the presets' first steps are mostly same-visit
    first = (reach["engage"] - reach["aware"]).dt.total_seconds().dropna() / 60
    assert (first < 30).mean() > 0.5


def test_referral_k_invites_and_conversion_match_the_configuration(big):
    cfg, t = big
    base_ids = set(t.users.loc[t.users["referred_by"].isna(), "user_id"])
    ev = t.events
    customers = ev.loc[
        (ev["stage"] == "convert") & ev["user_id"].isin(base_ids), "user_id"
    ].nunique()
    ref = t.referrals[t.referrals["inviter_id"].isin(base_ids)]
    conversion = ref["invitee_id"].notna().mean()
    invites_per_promoter = len(ref) / ref["inviter_id"].nunique()
    k = len(ref) / customers * conversion
    assert abs(conversion - cfg.invite_conversion) < 4 * _se(cfg.invite_conversion, len(ref))
    assert abs(invites_per_promoter - cfg.invites_per_promoter) < 0.15
    assert abs(k / expected_k(cfg) - 1) < 0.15


def test_campaign_lift_is_recoverable_from_a_randomised_control_group(big):
    cfg, t = big
    reach = _reach(t.events).notna()
    for camp in cfg.campaigns:
        treated_ids = set(t.events.loc[t.events["campaign"] == camp.key, "user_id"])
        eligible = reach[reach[camp.from_step]]
        treated = eligible.index.isin(list(treated_ids))
        share = treated.mean()
        assert abs(share - camp.share) < 4 * _se(camp.share, len(eligible))
        rate_t = eligible.loc[treated, camp.to_step].mean()
        rate_c = eligible.loc[~treated, camp.to_step].mean()
        n_c = int((~treated).sum())
        tol = 4 * math.hypot(_se(rate_t, int(treated.sum())), _se(rate_c, n_c)) / rate_c
        assert abs(rate_t / rate_c - 1 - camp.lift) < tol + 0.01, camp.key


def test_entry_price_changes_conversion_with_the_documented_elasticity():
    n = 60_000
    a = generate("coffee", n_users=n, seed=9, censor=False, campaigns=())
    b = generate("coffee", n_users=n, seed=9, censor=False, campaigns=(), entry_price=98_000)

    def rate(t):
        reach = _reach(t.events).notna()
        reach = reach[reach.index < n]
        return reach["convert"].sum() / reach["subscribe"].sum()

    assert abs(rate(b) / rate(a) - 2**-0.8) < 0.03  # (98k / 49k) ** -0.8 = 0.574


def test_onboarding_multiplies_repeat_orders(big):
    cfg, t = big
    reach = _reach(t.events).notna()
    o = t.orders
    n_orders = o[o["offer_type"] != "ascension"].groupby("user_id").size()
    # minus the entry order and, for ascended customers, the first core order
    repeats = n_orders - 1 - reach["ascend"].reindex(n_orders.index).astype(int)
    customers = reach[reach["convert"]]
    excited = customers["excite"]
    r = repeats.reindex(customers.index).to_numpy()
    lam, effect = cfg.repeat_orders, cfg.onboarding_effect
    n0, n1 = int((~excited).sum()), int(excited.sum())
    # Poisson counts: standard error of a mean = sqrt(mean / n)
    assert abs(r[~excited.to_numpy()].mean() - lam) < 4 * math.sqrt(lam / n0)
    ratio = r[excited.to_numpy()].mean() / r[~excited.to_numpy()].mean()
    se = effect * math.sqrt(1 / (lam * effect * n1) + 1 / (lam * n0))
    assert abs(ratio - effect) < 4 * se


def test_expected_k_closed_form_on_a_hand_made_configuration():
    personas = get_preset("coffee").personas()
    cfg = config(
        "coffee",
        n_users=100,
        stage_rates=dict.fromkeys(personas, (1.0, 1.0, 0.5, 1.0, 1.0, 1.0, 0.5)),
        campaigns=(),
        entry_price=49_000,
        invites_per_promoter=4.0,
        invite_conversion=0.25,
    )
    # promote/convert = 1 × 1 × 1 × 0.5 = 0.5; K = 0.5 × 4 × 0.25 = 0.5
    assert math.isclose(expected_k(cfg), 0.5)


# --- command line ------------------------------------------------------------------------------


def test_cli_writes_a_data_set_and_refuses_to_overwrite_without_force(tmp_path, capsys):
    from journeykit.cli import main
    from journeykit.schema import read_tables

    out = tmp_path / "data"
    assert (
        main(["synth", "--preset", "saas", "--users", "300", "--seed", "4", "--out", str(out)]) == 0
    )
    assert "users" in capsys.readouterr().out
    back = read_tables(out)
    expected = generate("saas", n_users=300, seed=4)
    pd.testing.assert_frame_equal(back.events, expected.events)
    assert main(["synth", "--users", "300", "--out", str(out)]) == 2
    assert "already holds files; pass force=True (--force)" in capsys.readouterr().err
    args = ["synth", "--users", "300", "--out", str(out), "--force", "--format", "parquet"]
    assert main(args) == 0
    assert (
        sorted(p.suffix for p in out.iterdir()) == [".json"] + [".parquet"] * 5
    )  # the five tables and manifest.json


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--users", "-5"], "parameter --users: expected a whole number >= 1, got '-5'"),
        (["--users", "many"], "parameter --users: expected a whole number >= 1, got 'many'"),
        (["--seed", "1.5"], "parameter --seed: expected a whole number >= 0, got '1.5'"),
        (
            ["--preset", "tea"],
            "parameter preset: expected one of 'coffee', 'saas', 'tokoonline', got 'tea'",
        ),
        (["--channels-off", "tv"], "parameter channels_off: expected channel keys among"),
        (["--set", "entry_price"], "parameter --set: expected NAME=VALUE, got 'entry_price'"),
        (["--set", "entry_price=free"], "parameter entry_price: expected a number > 0"),
        (["--set", "colour=1"], "parameter colour: unknown"),
    ],
)
def test_cli_bad_arguments_give_one_clear_line(tmp_path, capsys, args, message):
    from journeykit.cli import main

    assert main(["synth", "--out", str(tmp_path / "x"), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("journeykit: error: ") and message in err
    assert not (tmp_path / "x").exists()


def test_times_of_day_follow_the_hourly_activity_profile(big):
    cfg, t = big
    weights = np.array(cfg.hourly_activity) / sum(cfg.hourly_activity)
    shares = t.events["timestamp"].dt.hour.value_counts(normalize=True).sort_index()
    assert np.abs(shares.to_numpy() - weights).max() < 0.003


_rate = st.floats(0.25, 1.0)


@settings(max_examples=15, deadline=None)
@given(
    preset=st.sampled_from(["coffee", "saas"]),
    seed=st.integers(0, 2**32),
    rates=st.lists(_rate, min_size=7, max_size=7),
    mobile=st.floats(0.0, 0.9),
    entry_factor=st.floats(0.3, 3.0),
    off=st.sets(st.sampled_from(["social_ads", "email", "paid_search", "referral", "affiliate"])),
    invites=st.floats(1.0, 4.0),
    conversion=st.floats(0.0, 0.8),
    censor=st.booleans(),
    days=st.integers(20, 400),
    hours=st.lists(st.floats(0.1, 10.0), min_size=24, max_size=24),
)
def test_the_contract_holds_for_any_reasonable_configuration(
    preset, seed, rates, mobile, entry_factor, off, invites, conversion, censor, days, hours
):
    base = get_preset(preset)
    cfg = config(
        preset,
        n_users=300,
        seed=seed,
        stage_rates=dict.fromkeys(base.personas(), tuple(rates)),
        mobile_share=mobile,
        entry_price=base.entry_reference_price * entry_factor,
        channels_off=tuple(off),
        invites_per_promoter=invites,
        invite_conversion=conversion,
        censor=censor,
        days=days,
        hourly_activity=tuple(hours),
    )
    t = generate_from(cfg)
    small = (cfg, t)
    test_generated_tables_pass_the_validator_unchanged(small)
    test_funnels_are_monotone_per_user(small)
    test_every_order_is_mirrored_by_a_purchase_event(small)
    test_every_purchase_user_reached_that_stage_and_first_order_is_the_entry_offer(small)
    test_event_types_show_their_stages_and_costs_only_on_paid_channels(small)
    test_referrals_link_existing_users_first_seen_after_the_invite(small)
    if censor:
        test_censoring_keeps_everything_inside_the_window(small)
    assert not set(off) & set(t.events["channel"])


@pytest.mark.parametrize("preset", ["coffee", "saas", "tokoonline"])
@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_persona_product_and_offer_key_has_a_label(preset, lang):
    from journeykit.i18n import t
    from journeykit.schema import OFFER_TYPES

    cfg = get_preset(preset)
    assert t(f"synth.preset.{preset}", lang)
    for key in cfg.personas():
        assert t(f"persona.type.{key}", lang)
    for product in (cfg.entry_product, cfg.core_product, cfg.ascension_product):
        assert t(f"product.{product}", lang)
    for offer in OFFER_TYPES:
        assert t(f"offer_type.{offer}", lang)


def test_closed_form_rates_hold_in_a_counterfactual_world():
    # without email, subscribe→convert loses email's touches: 1 - (1 - b) exp(-H without email)
    cfg = config("coffee", n_users=60_000, seed=13, censor=False, channels_off=("email",))
    t = generate_from(cfg)
    reach = _reach(t.events).notna()
    personas = t.users.set_index("user_id")["persona"]
    expected = expected_rates(cfg)
    base = expected_rates(cfg.replace(channels_off=()))
    for persona in cfg.personas():
        mine = reach[(personas.loc[reach.index] == persona) & (reach.index < cfg.n_users)]
        for s in (2, 3, 4):  # email touches these transitions
            q = expected.loc[persona].iloc[s]
            assert q < base.loc[persona].iloc[s]
            n = int(mine.iloc[:, s].sum())
            measured = mine.iloc[:, s + 1].sum() / n
            assert abs(measured - q) <= 4 * _se(q, n) + 0.002, (persona, s, measured, q)


def test_replace_checks_like_make_config():
    cfg = get_preset("coffee")
    assert cfg.replace(n_users=10).n_users == 10
    with pytest.raises(ParameterError, match="parameter seed"):
        cfg.replace(seed=-3)


def test_cli_set_overrides_config_fields(tmp_path):
    from journeykit.cli import main
    from journeykit.schema import read_tables

    args = ["synth", "--users", "400", "--seed", "3", "--out", str(tmp_path)]
    args += ["--set", "entry_price=39000", "--set", "censor=False", "--channels-off", "email"]
    assert main(args) == 0
    expected = generate(
        "coffee", n_users=400, seed=3, entry_price=39000, censor=False, channels_off=("email",)
    )
    pd.testing.assert_frame_equal(read_tables(tmp_path).orders, expected.orders)
    assert (expected.orders.loc[expected.orders["offer_type"] == "entry", "price"] == 39000).all()


def test_ctr_splits_later_ad_touches_into_clicks_and_impressions_without_changing_journeys():
    n = 20_000
    ctr = {"paid_search": 0.25, "social_ads": 0.05, "affiliate": 0.15, "social_organic": 0.10}
    plain = generate("coffee", n_users=n, seed=17, censor=False)
    split = generate("coffee", n_users=n, seed=17, censor=False, ctr=ctr)
    # who reached which step, and when, does not depend on clicks (an impression helps as much)
    pd.testing.assert_frame_equal(_reach(plain.events), _reach(split.events))
    pd.testing.assert_frame_equal(plain.orders, split.orders)
    assert len(plain.events) == len(split.events)
    # touches after the engage step: a share ctr are clicks (engage for social posts)
    ev = split.events
    engaged_at = _reach(ev)["engage"]
    after = ev["timestamp"] > ev["user_id"].map(engaged_at)
    kinds = ev["event_type"].isin(["click", "engage", "impression"])
    for channel, rate in ctr.items():
        sel = ev[after & kinds & (ev["channel"] == channel)]
        share = (sel["event_type"] != "impression").mean()
        assert abs(share - rate) < 4 * _se(rate, len(sel)), channel
    assert (ev.loc[ev["event_type"] == "impression", "cost"] == 0).all()
