"""Campaigns: the Campaign object, lift with a confidence interval, the one-campaign arithmetic."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.stats.contingency import relative_risk

from journeykit import campaigns as cp
from journeykit.errors import ParameterError, SchemaError, ValidationError
from journeykit.stages import CVJ_STEPS

RATES = {
    "aware": 0.2,
    "engage": 0.5,
    "subscribe": 0.3,
    "convert": 0.2,
    "excite": 0.8,
    "ascend": 0.4,
    "advocate": 0.3,
    "promote": 0.25,
}

# ------------------------------------------------------------------ Campaign


def test_campaign_holds_call_to_action_source_and_transition():
    c = cp.Campaign(
        "ref", "Invite a friend, both get a free cup", "whatsapp", "advocate", "promote"
    )
    assert c.transition == "advocate → promote"
    assert c.steps_moved == 1
    assert cp.Campaign("x", "Buy", "email", "subscribe", "excite").steps_moved == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"from_step": "engage", "to_step": "engage"}, "campaign.to_step"),
        ({"from_step": "promote", "to_step": "promote"}, "campaign.from_step"),
        ({"from_step": "hype", "to_step": "engage"}, "campaign.from_step"),
        ({"key": "has space"}, "campaign.key"),
        ({"call_to_action": " "}, "campaign.call_to_action"),
        ({"traffic_source": ""}, "campaign.traffic_source"),
    ],
)
def test_bad_campaigns_name_the_field(kwargs, field):
    base = dict(
        key="c1",
        call_to_action="Subscribe",
        traffic_source="email",
        from_step="engage",
        to_step="subscribe",
    )
    with pytest.raises(ValidationError, match=rf"^{field}: expected"):
        cp.Campaign(**{**base, **kwargs})


# ------------------------------------------------------------------ lift and its interval


def test_normal_interval_by_hand_on_a_2x2():
    # treated 20/50 moved on, untreated 10/50
    lift = cp.lift_from_counts(50, 20, 50, 10)
    se = math.sqrt(0.4 * 0.6 / 50 + 0.2 * 0.8 / 50)  # = sqrt(0.008) = 0.0894427
    assert se == pytest.approx(0.0894427, abs=1e-7)
    z = 1.959964
    assert lift.rate_treated == 0.4 and lift.rate_control == 0.2
    assert lift.difference == pytest.approx(0.2)
    assert lift.ci_low == pytest.approx(0.2 - z * 0.0894427, abs=1e-6)  # 0.024696
    assert lift.ci_high == pytest.approx(0.2 + z * 0.0894427, abs=1e-6)  # 0.375304
    assert lift.relative_lift == pytest.approx(1.0)
    # log rate ratio: se = sqrt(0.6/20 + 0.8/10) = sqrt(0.11); the same (Katz) interval as scipy's
    rr = relative_risk(20, 50, 10, 50).confidence_interval(0.95)
    assert lift.rel_ci_low == pytest.approx(rr.low - 1, rel=1e-9)
    assert lift.rel_ci_high == pytest.approx(rr.high - 1, rel=1e-9)
    assert lift.rel_ci_low == pytest.approx(
        math.exp(math.log(2) - z * math.sqrt(0.11)) - 1, abs=1e-6
    )
    assert lift.significant


def test_a_tiny_difference_is_not_significant():
    lift = cp.lift_from_counts(100, 21, 100, 20)
    assert lift.ci_low < 0 < lift.ci_high
    assert not lift.significant


def test_bootstrap_is_seeded_and_close_to_the_normal_interval():
    a = cp.lift_from_counts(2000, 500, 2000, 400, method="bootstrap", seed=1)
    b = cp.lift_from_counts(2000, 500, 2000, 400, method="bootstrap", seed=1)
    assert a == b
    normal = cp.lift_from_counts(2000, 500, 2000, 400)
    assert a.ci_low == pytest.approx(normal.ci_low, abs=0.006)
    assert a.ci_high == pytest.approx(normal.ci_high, abs=0.006)
    assert a.rel_ci_low == pytest.approx(normal.rel_ci_low, abs=0.03)


def test_normal_interval_covers_the_true_difference_about_95_percent_of_the_time():
    rng = np.random.default_rng(5)
    p1, p0, n = 0.35, 0.25, 400
    x1 = rng.binomial(n, p1, size=600)
    x0 = rng.binomial(n, p0, size=600)
    covered = [
        (lf := cp.lift_from_counts(n, int(a), n, int(b))).ci_low <= p1 - p0 <= lf.ci_high
        for a, b in zip(x1, x0, strict=True)
    ]
    assert 0.92 <= np.mean(covered) <= 0.98


@given(
    n1=st.integers(1, 500),
    n0=st.integers(1, 500),
    f1=st.floats(0, 1),
    f0=st.floats(0, 1),
    conf=st.floats(0.5, 0.99),
)
def test_interval_contains_the_estimate(n1, n0, f1, f0, conf):
    lift = cp.lift_from_counts(n1, round(f1 * n1), n0, round(f0 * n0), confidence=conf)
    assert lift.ci_low <= lift.difference <= lift.ci_high
    assert -1 <= lift.difference <= 1


@pytest.mark.parametrize(
    ("args", "kwargs", "field"),
    [
        ((0, 0, 10, 1), {}, "n_treated"),
        ((10, 11, 10, 1), {}, "converted_treated"),
        ((10, 1, 10, 12), {}, "converted_control"),
        ((10, 1, 10, -1), {}, "converted_control"),
        ((10, 1, 10, 1), {"confidence": 95}, "confidence"),
        ((10, 1, 10, 1), {"method": "bayes"}, "method"),
        ((10.5, 1, 10, 1), {}, "n_treated"),
    ],
)
def test_bad_counts_name_the_parameter(args, kwargs, field):
    with pytest.raises(ParameterError, match=rf"^{field}: expected"):
        cp.lift_from_counts(*args, **kwargs)


# ------------------------------------------------------------------ measured on events


def _events():
    rows = [
        # user, stage, campaign, day
        (1, "engage", None, 1),
        (1, "engage", "guide", 2),
        (1, "subscribe", None, 3),  # treated, moved on
        (2, "engage", "guide", 1),  # treated, did not move on
        (3, "engage", None, 1),
        (3, "subscribe", None, 2),
        (3, "engage", "guide", 5),  # touch after subscribing: not treated
        (4, "engage", None, 1),  # untreated, did not move on
        (5, "aware", "guide", 1),  # never engaged: not at risk
        (6, "engage", None, 1),
        (6, "convert", None, 4),  # untreated, moved on (past subscribe)
    ]
    return pd.DataFrame(
        {
            "user_id": [r[0] for r in rows],
            "stage": [r[1] for r in rows],
            "campaign": pd.array([r[2] for r in rows], dtype="string"),
            "timestamp": pd.Timestamp("2024-01-01") + pd.to_timedelta([r[3] for r in rows], "D"),
        }
    )


GUIDE = cp.Campaign("guide", "Download the brewing guide", "email", "engage", "subscribe")


def test_transition_outcomes_by_hand():
    out = cp.transition_outcomes(_events(), GUIDE).set_index("user_id")
    assert out.index.tolist() == [1, 2, 3, 4, 6]
    assert out["treated"].to_dict() == {1: True, 2: True, 3: False, 4: False, 6: False}
    assert out["moved_on"].to_dict() == {1: True, 2: False, 3: True, 4: False, 6: True}
    assert out.loc[6, "reached_at"] == pd.Timestamp("2024-01-05")


def test_campaign_lift_counts_and_comparison():
    lift = cp.campaign_lift(_events(), GUIDE)
    assert (lift.n_treated, lift.converted_treated, lift.n_control, lift.converted_control) == (
        2,
        1,
        3,
        2,
    )
    assert lift.difference == pytest.approx(0.5 - 2 / 3)
    ev = _events()
    strangers = cp.Campaign("guide", "Read the blog", "organic_search", "stranger", "aware")
    with pytest.raises(SchemaError, match="no untreated users"):
        # all six users are "at risk" from stranger, and the 'aware' step ... give them all a touch
        cp.campaign_lift(ev.assign(campaign="guide"), strangers)
    table = cp.compare_campaigns(ev, [GUIDE])
    assert table.loc[0, "transition"] == "engage → subscribe"
    assert table.loc[0, "rate_treated"] == 0.5


def test_unknown_stage_and_missing_column_are_schema_errors():
    with pytest.raises(SchemaError, match="events.stage: unknown value 'hype'"):
        cp.transition_outcomes(_events().assign(stage="hype"), GUIDE)
    with pytest.raises(SchemaError, match="events.campaign: missing column"):
        cp.transition_outcomes(_events().drop(columns="campaign"), GUIDE)


def test_step_rates_from_events():
    rates = cp.step_rates_from_events(_events(), strangers=12)
    # furthest steps: 1 subscribe, 2 engage, 3 subscribe, 4 engage, 5 aware, 6 convert
    assert rates["aware"] == pytest.approx(6 / 12)
    assert rates["engage"] == pytest.approx(5 / 6)
    assert rates["subscribe"] == pytest.approx(3 / 5)
    assert rates["convert"] == pytest.approx(1 / 3)
    assert rates["excite"] == 0
    with pytest.raises(ParameterError, match="strangers"):
        cp.step_rates_from_events(_events(), strangers=3)


# ------------------------------------------------------------------ one campaign is not enough


def test_reach_is_the_product_of_step_rates():
    reach = cp.journey_reach(RATES)
    by_hand = 0.2 * 0.5 * 0.3 * 0.2 * 0.8 * 0.4 * 0.3 * 0.25  # 0.000144: 1 stranger in 6,944
    assert reach["share_of_strangers"].iloc[-1] == pytest.approx(by_hand)
    assert reach["one_in"].iloc[-1] == pytest.approx(1 / 0.000144)


def test_lifting_one_step_moves_promoters_by_the_same_factor_only():
    eff = cp.campaign_effect(RATES, to_step="convert", new_rate=0.3)  # 0.2 -> 0.3: x1.5
    assert eff["ratio"].tolist() == pytest.approx([1, 1, 1, 1.5, 1.5, 1.5, 1.5, 1.5])
    assert eff["after"].iloc[-1] == pytest.approx(0.000144 * 1.5)
    # a doubling beyond a rate of 1 is capped
    capped = cp.campaign_effect(RATES, to_step="excite", relative_lift=1.0)
    assert capped["ratio"].iloc[-1] == pytest.approx(1 / 0.8)


def test_required_rate_above_one_means_impossible():
    # 1 % of strangers as promoters by lifting only the convert step:
    # 0.01 / (0.000144 / 0.2) = 13.9 -> impossible
    need = cp.required_step_rate(RATES, to_step="convert", target_share=0.01)
    assert need == pytest.approx(0.01 / (0.000144 / 0.2))
    assert need > 1


def test_simulated_journey_agrees_with_the_product_in_expectation():
    n, runs = 200_000, 400
    sim = cp.simulate_journey(RATES, strangers=n, runs=runs, seed=7)
    got = sim.groupby("step", sort=False)["users"]
    want = n * cp.journey_reach(RATES)["share_of_strangers"].to_numpy()
    se = got.std().to_numpy() / math.sqrt(runs)
    assert (np.abs(got.mean().to_numpy() - want) <= 4 * se + 1e-9).all()
    assert list(got.mean().index) == list(CVJ_STEPS)


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: cp.journey_reach({**RATES, "promote": 1.5}), r"step_rates\['promote'\]"),
        (lambda: cp.journey_reach({"aware": 0.5}), "step_rates"),
        (lambda: cp.campaign_effect(RATES, to_step="buy", new_rate=0.5), "to_step"),
        (lambda: cp.campaign_effect(RATES, to_step="convert"), "new_rate / relative_lift"),
        (lambda: cp.campaign_effect(RATES, to_step="convert", new_rate=2), "new_rate"),
        (lambda: cp.required_step_rate(RATES, to_step="convert", target_share=0), "target_share"),
        (lambda: cp.simulate_journey(RATES, strangers=0), "strangers"),
    ],
)
def test_bad_rates_name_the_parameter(call, field):
    with pytest.raises(ParameterError, match=rf"^{field}: expected"):
        call()


# ------------------------------------------------------------------ on the generator's data


def test_lift_recovers_the_generators_randomised_campaigns():
    synth = pytest.importorskip("journeykit.synth")
    cfg = synth.config("coffee", n_users=30_000, seed=5, censor=False)
    tables = synth.generate_from(cfg)
    camps = [
        cp.Campaign(c.key, c.call_to_action, c.channel, c.from_step, c.to_step)
        for c in cfg.campaigns
    ]
    table = cp.compare_campaigns(tables.events, camps, confidence=0.99)
    truth = {c.key: c.lift for c in cfg.campaigns}
    for _, row in table.iterrows():
        assert row["rel_ci_low"] <= truth[row["campaign"]] <= row["rel_ci_high"], row["campaign"]
        # randomised with share 0.5: the two groups are about the same size
        assert row["n_treated"] / (row["n_treated"] + row["n_control"]) == pytest.approx(
            0.5, abs=0.05
        )
    # ordered along the journey
    assert table["from_step"].tolist() == sorted(table["from_step"], key=cp.STEPS.index)


# ------------------------------------------------------------------ plots


def test_plots_follow_lang_and_draw_what_they_are_given():
    import matplotlib.pyplot as plt

    from journeykit.plots import campaigns as pcp

    other = cp.Campaign("guide", "Read it", "email", "engage", "convert")
    table = cp.compare_campaigns(_events(), [GUIDE, other])
    ax = pcp.plot_lift(table, lang="id")
    assert len(ax.get_yticklabels()) == 2
    assert ax.get_title() == "Kenaikan dari kampanye pada transisi tahapnya"
    assert ax.get_yticklabels()[0].get_text() == (
        "guide\nEngage (Keterlibatan) → Subscribe (Berlangganan)"
    )
    renamed = table.assign(campaign=["brewing_guide", "guide"])  # a preset's key has a label
    ax = pcp.plot_lift(renamed, lang="id")
    names = [tick.get_text().split("\n")[0] for tick in ax.get_yticklabels()]
    assert names == ["Panduan seduh di rumah", "guide"]
    eff = cp.campaign_effect(RATES, to_step="convert", relative_lift=1.0)
    _, given = plt.subplots()
    ax = pcp.plot_journey_reach(eff, ax=given)
    assert ax is given and ax.get_yscale() == "log"
    assert [tick.get_text() for tick in ax.get_xticklabels()][0] == pcp.step_label("aware")
    assert pcp.step_label("stranger", "id") == "Orang asing"
    with pytest.raises(SchemaError, match="effect.after"):
        pcp.plot_journey_reach(eff.drop(columns="after"))
    plt.close("all")


# ------------------------------------------------------------------ exercise checks


def test_campaign_checks():
    from journeykit.checks import campaigns as ck

    assert ck.check_transition(("subscribe", "convert"), expected=("subscribe", "convert")).ok
    assert ck.check_transition(
        cp.Campaign("s", "Claim", "whatsapp", "subscribe", "convert"),
        expected=("subscribe", "convert"),
    ).ok
    assert (
        "skips steps"
        in ck.check_transition(("aware", "convert"), expected=("subscribe", "convert")).message
    )
    assert (
        "forward"
        in ck.check_transition(("convert", "subscribe"), expected=("subscribe", "convert")).message
    )
    assert (
        "step keys"
        in ck.check_transition(("buy", "pay"), expected=("subscribe", "convert")).message
    )
    counts = dict(treated=(50, 20), control=(50, 10))
    assert ck.check_rate_difference(0.2, **counts).ok
    assert "percentage points" in ck.check_rate_difference(20, **counts).message
    assert "turned round" in ck.check_rate_difference(-0.2, **counts).message
    assert ck.check_interval((0.0247, 0.3753), **counts).ok
    se = math.sqrt(0.008)
    assert "1.96" in ck.check_interval((0.2 - se, 0.2 + se), **counts).message
    assert (
        "square root"
        in ck.check_interval((0.2 - 1.96 * 0.008, 0.2 + 1.96 * 0.008), **counts).message
    )
    assert not ck.check_interval("wide", **counts).ok
    assert ck.check_campaign_difference(0.5 - 2 / 3, _events(), GUIDE).ok
    assert (
        "treated users' rate alone" in ck.check_campaign_difference(0.5, _events(), GUIDE).message
    )
    rates = ck.practice_rates()
    share = float(np.prod(list(rates.values())))
    assert ck.check_promoter_share(share, rates).ok
    assert "multiply" in ck.check_promoter_share(min(rates.values()), rates).message
    need = 0.001 / (share / rates["convert"])
    fb = ck.check_required_rate(need, rates, to_step="convert", target_share=0.001)
    assert fb.ok and ("Above 1" in fb.message) == (need > 1)
    assert "cannot check" in ck.check_promoter_share(0.1, {"aware": 2}).message


_rate = st.floats(0.01, 1.0, allow_nan=False)


@given(
    rates=st.fixed_dictionaries({s: _rate for s in CVJ_STEPS}),
    step=st.sampled_from(CVJ_STEPS),
    lift=st.floats(0, 3, allow_nan=False),
)
def test_one_lifted_step_scales_every_later_step_by_one_factor(rates, step, lift):
    reach = cp.journey_reach(rates)["share_of_strangers"].to_numpy()
    assert (np.diff(reach) <= 1e-15).all()  # nobody reaches a step without the one before
    eff = cp.campaign_effect(rates, to_step=step, relative_lift=lift)
    i = CVJ_STEPS.index(step)
    factor = min(1.0, rates[step] * (1 + lift)) / rates[step]
    assert eff["ratio"].iloc[:i].tolist() == pytest.approx([1.0] * i)
    assert eff["ratio"].iloc[i:].tolist() == pytest.approx([factor] * (len(CVJ_STEPS) - i))
    # the promoters can never grow by more than 1 / (the lifted step's old rate)
    assert eff["after"].iloc[-1] <= reach[-1] / rates[step] * (1 + 1e-9)
