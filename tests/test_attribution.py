"""Attribution models against credits worked out by hand and an independent absorbing-chain solve."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeykit.attribution import (
    MODELS,
    attribute,
    credit_range,
    heuristic_credit,
    markov_removal_effects,
    transition_matrix,
)
from journeykit.errors import ParameterError
from journeykit.paths import conversion_paths

PATHS = pd.DataFrame(
    {
        "path": ["a > b > c", "b > a", "c", "direct > a > direct"],
        "total_conversions": [2, 1, 0, 1],
        "total_null": [1, 0, 3, 1],
        "total_conversion_value": [100.0, 30.0, 0.0, 10.0],
    }
)

# Worked out by hand (see the comments).
EXPECTED = {
    # first touches: a (2 conversions), b (1), direct (1)
    "first": {"a": 2, "b": 1, "c": 0, "direct": 1},
    "last": {"a": 1, "b": 0, "c": 2, "direct": 1},
    # direct > a > direct: the last non-direct touch is a
    "last_non_direct": {"a": 2, "b": 0, "c": 2, "direct": 0},
    # a: 2/3 + 1/2 + 1/3; b: 2/3 + 1/2; direct twice on a 3-touch path: 2/3
    "linear": {"a": 1.5, "b": 7 / 6, "c": 2 / 3, "direct": 2 / 3},
    # a > b > c: .8 / .4 / .8; b > a: .5 / .5; direct > a > direct: .4 + .4 / .2
    "position": {"a": 1.5, "b": 0.9, "c": 0.8, "direct": 0.8},
    # by position, half-life one touch: weights 1/4, 1/2, 1 and 1/2, 1
    "time_decay": {"a": 26 / 21, "b": 19 / 21, "c": 24 / 21, "direct": 15 / 21},
}

EXPECTED_VALUE = {
    "linear": {"a": 100 / 3 + 15 + 10 / 3, "b": 100 / 3 + 15, "c": 100 / 3, "direct": 20 / 3},
    "first": {"a": 100, "b": 30, "c": 0, "direct": 10},
}


@pytest.mark.parametrize("model", sorted(EXPECTED))
def test_heuristics_by_hand(model):
    got = heuristic_credit(PATHS, model)
    assert got.to_dict() == pytest.approx(EXPECTED[model])


@pytest.mark.parametrize("model", sorted(EXPECTED_VALUE))
def test_heuristic_values_by_hand(model):
    got = heuristic_credit(PATHS, model, value=True)
    assert got.to_dict() == pytest.approx(EXPECTED_VALUE[model])


def test_position_weights_are_configurable():
    p = pd.DataFrame({"path": ["a > b > c > d", "a > b"], "total_conversions": [1, 1]})
    got = heuristic_credit(p, "position", first_weight=0.3, last_weight=0.6)
    # 4 touches: .3 / .05 / .05 / .6; 2 touches split 3 : 6
    assert got.to_dict() == pytest.approx(
        {"a": 0.3 + 1 / 3, "b": 0.05 + 2 / 3, "c": 0.05, "d": 0.6}
    )
    with pytest.raises(ParameterError, match="first_weight \\+ last_weight"):
        heuristic_credit(p, "position", first_weight=0.7, last_weight=0.6)


def test_all_direct_path_credits_direct_under_last_non_direct():
    p = pd.DataFrame({"path": ["direct > direct"], "total_conversions": [3]})
    assert heuristic_credit(p, "last_non_direct").to_dict() == {"direct": 3}


def test_time_decay_uses_days_when_touch_times_are_known():
    t0 = pd.Timestamp("2024-01-01")
    events = pd.DataFrame(
        {
            "user_id": [1, 1, 1],
            "timestamp": [t0, t0 + pd.Timedelta(days=7), t0 + pd.Timedelta(days=14)],
            "channel": ["a", "b", "c"],
            "event_type": ["visit", "visit", "purchase"],
        }
    )
    j = conversion_paths(events)
    # 14, 7 and 0 days before: weights 1/4, 1/2, 1 with the 7-day half-life
    got = heuristic_credit(j, "time_decay")
    assert got.to_dict() == pytest.approx({"a": 1 / 7, "b": 2 / 7, "c": 4 / 7})
    got = heuristic_credit(j, "time_decay", half_life_days=14)
    w = np.array([0.5, 2**-0.5, 1.0])
    assert got.to_numpy() == pytest.approx(w / w.sum())


def test_attribute_columns_as_named():
    out = attribute(PATHS, models="last,markov,first")
    assert list(out.columns) == ["channel", "last", "markov", "first"]
    assert out["channel"].tolist() == ["a", "b", "c", "direct"]


# ---------------------------------------------------------------------------------------------
# Markov: an independent exact solve with fractions


def _hand_states(chans: list[str], order: int, rule: str) -> list[tuple[str, ...]]:
    """The states a path walks through, written out with plain Python (no journeykit code)."""
    if rule == "windows" and order > 1:
        # channelattribution: windows of `order` touches over the raw path (a shorter path is
        # one state), identical consecutive windows merged
        if len(chans) < order:
            wins = [tuple(chans)]
        else:
            wins = [tuple(chans[i : i + order]) for i in range(len(chans) - order + 1)]
        return [w for i, w in enumerate(wins) if i == 0 or w != wins[i - 1]]
    collapsed = [c for i, c in enumerate(chans) if i == 0 or c != chans[i - 1]]
    return [tuple(collapsed[max(0, i - order + 1) : i + 1]) for i in range(len(collapsed))]


def _solve_fractions(
    paths: list[tuple[list[str], int, int]],
    order: int = 1,
    removed: str | None = None,
    rule: str = "collapsed",
):
    """P(conversion) of the chain fitted to paths, by Gauss-Jordan elimination over fractions."""
    counts: dict[tuple, dict[object, int]] = {}

    def add(src, dst, w):
        if w:
            counts.setdefault(src, {}).setdefault(dst, 0)
            counts[src][dst] += w

    for chans, conv, null in paths:
        states = _hand_states(chans, order, rule)
        add("start", states[0], conv + null)
        for s, t in zip(states, states[1:], strict=False):
            add(s, t, conv + null)
        add(states[-1], "conv", conv)
        add(states[-1], "null", null)
    states = sorted(
        {s for s in counts if s != "start"}
        | {t for d in counts.values() for t in d if isinstance(t, tuple)}
    )
    live = [s for s in states if removed is None or removed not in s]
    ix = {s: i for i, s in enumerate(live)}
    n = len(live)
    # x_s - sum_t P(s,t) x_t = P(s, conv)
    m = [[Fraction(int(i == j)) for j in range(n)] + [Fraction(0)] for i in range(n)]
    for s in live:
        out = counts.get(s, {})
        tot = sum(out.values())
        for t, w in out.items():
            if t == "conv":
                m[ix[s]][n] += Fraction(w, tot)
            elif isinstance(t, tuple) and t in ix:
                m[ix[s]][ix[t]] -= Fraction(w, tot)
    for col in range(n):
        piv = next(r for r in range(col, n) if m[r][col] != 0)
        m[col], m[piv] = m[piv], m[col]
        m[col] = [v / m[col][col] for v in m[col]]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[col], strict=True)]
    x = {s: m[ix[s]][n] for s in live}
    start = counts["start"]
    tot = sum(start.values())
    return sum(Fraction(w, tot) * x.get(s, 0) for s, w in start.items())


def _as_list(df: pd.DataFrame) -> list[tuple[list[str], int, int]]:
    return [
        (p.split(" > "), int(c), int(n))
        for p, c, n in zip(df["path"], df["total_conversions"], df["total_null"], strict=True)
    ]


def test_markov_two_channel_cycle_by_hand():
    # start -> a (1/2), b (1/2); a -> b 1/2, conv 1/2; b -> a 1/2, null 1/2
    # x_a = 1/2 + x_b / 2, x_b = x_a / 2  =>  x_a = 2/3, x_b = 1/3, P = 1/2
    # without a: P = 0 (effect 1); without b: x_a = 1/2, P = 1/4 (effect 1/2)
    p = pd.DataFrame(
        {"path": ["a > b > a", "b"], "total_conversions": [1, 0], "total_null": [0, 1]}
    )
    r = markov_removal_effects(p)
    assert r.conversion_probability == pytest.approx(0.5)
    assert r.removal["removal_effect"].tolist() == pytest.approx([1.0, 0.5])
    assert r.removal["conversions"].tolist() == pytest.approx([2 / 3, 1 / 3])


@pytest.mark.parametrize("rule", ["windows", "collapsed"])
@pytest.mark.parametrize("order", [1, 2, 3])
def test_markov_matches_independent_fraction_solve(order, rule):
    rows = _as_list(PATHS) + [(["b", "c", "b", "a"], 2, 1), (["a", "a", "c"], 1, 2)]
    df = pd.DataFrame(
        {
            "path": [" > ".join(r[0]) for r in rows],
            "total_conversions": [r[1] for r in rows],
            "total_null": [r[2] for r in rows],
        }
    )
    r = markov_removal_effects(df, order=order, state_rule=rule)
    base = _solve_fractions(rows, order, rule=rule)
    assert r.conversion_probability == pytest.approx(float(base), rel=1e-12)
    effects = {
        c: 1 - float(_solve_fractions(rows, order, removed=c, rule=rule) / base)
        for c in ["a", "b", "c", "direct"]
    }
    got = r.removal.set_index("channel")
    assert got["removal_effect"].to_dict() == pytest.approx(effects, rel=1e-10)
    total = sum(effects.values())
    conv = sum(r[1] for r in rows)
    assert got["conversions"].to_dict() == pytest.approx(
        {c: conv * e / total for c, e in effects.items()}
    )


# channelattribution's order-2 states of these paths, written out by hand:
#   a > a > b      (a,a) > (a,b)          1 conversion, 1 null
#   a > b > a > b  (a,b) > (b,a) > (a,b)  2 conversions
#   b              (b)                    shorter than the order: the whole path is one state
#   a > a > a      (a,a) > (a,a) = (a,a)  identical consecutive windows merged; 3 nulls
CA_ORDER2 = pd.DataFrame(
    {
        "path": ["a > a > b", "a > b > a > b", "b", "a > a > a"],
        "total_conversions": [1, 2, 1, 0],
        "total_null": [1, 0, 2, 3],
    }
)


def test_markov_order_2_windows_by_hand():
    # start -> (a,a) 5/10, (a,b) 2/10, (b) 3/10; (a,a) -> (a,b) 2/5, null 3/5
    # (a,b) -> conv 3/6, (b,a) 2/6, null 1/6; (b,a) -> (a,b) 1; (b) -> conv 1/3, null 2/3
    # x_ab = 1/2 + x_ba / 3, x_ba = x_ab  =>  x_ab = 3/4; x_aa = 2/5 * 3/4 = 3/10; x_b = 1/3
    # P = 1/2 * 3/10 + 1/5 * 3/4 + 3/10 * 1/3 = 2/5
    # without a only (b) is left: 3/10 * 1/3 = 1/10, effect 3/4; without b: 0, effect 1
    # shares 3/7 and 4/7 of 4 conversions (channelattribution's simulation: 1.711, 2.289)
    r = markov_removal_effects(CA_ORDER2, order=2)
    assert r.n_states == 4
    assert r.conversion_probability == pytest.approx(0.4)
    got = r.removal.set_index("channel")
    assert got["removal_effect"].to_dict() == pytest.approx({"a": 0.75, "b": 1.0})
    assert got["conversions"].to_dict() == pytest.approx({"a": 12 / 7, "b": 16 / 7})
    # the same by numpy linear algebra over the hand-written chain (states ab, ba, aa, b)
    q = np.array([[0, 2 / 6, 0, 0], [1, 0, 0, 0], [2 / 5, 0, 0, 0], [0, 0, 0, 0]])
    rr = np.array([3 / 6, 0, 0, 1 / 3])
    x = np.linalg.solve(np.eye(4) - q, rr)
    assert np.array([2, 0, 5, 3]) / 10 @ x == pytest.approx(r.conversion_probability)


def test_markov_order_1_same_under_both_state_rules():
    a = markov_removal_effects(CA_ORDER2, order=1, state_rule="windows")
    b = markov_removal_effects(CA_ORDER2, order=1, state_rule="collapsed")
    pd.testing.assert_frame_equal(a.removal, b.removal)


def test_collapsed_rule_ignores_a_touch_logged_twice_windows_does_not():
    once = pd.DataFrame(
        {"path": ["a > b", "c > b", "b"], "total_conversions": [2, 1, 0], "total_null": [1, 2, 2]}
    )
    twice = once.assign(path=["a > a > b", "c > b", "b"])
    kw = {"order": 2}
    c1 = markov_removal_effects(once, state_rule="collapsed", **kw).removal
    c2 = markov_removal_effects(twice, state_rule="collapsed", **kw).removal
    pd.testing.assert_frame_equal(c1, c2)
    w1 = markov_removal_effects(once, **kw)
    w2 = markov_removal_effects(twice, **kw)
    assert (w1.n_states, w2.n_states) == (3, 4)  # (a,b), (c,b), (b) and also (a,a)


def test_attribute_passes_the_markov_order_and_state_rule():
    # c > a > a converts twice, a > a fails twice.
    # windows: (c,a) > (a,a) and (a,a): the shared (a,a) converts half the time, so P = 1/2;
    #   without c only start -> (a,a) -> conv is left: 1/2 * 1/2, effect 1/2; without a: 0,
    #   effect 1; shares 2/3 and 1/3 of the 2 conversions
    # collapsed: (c) > (c,a) and (a): without c or without a nothing converts: 2 and 2
    rows = [(["c", "a", "a"], 2, 0), (["a", "a"], 0, 2)]
    df = pd.DataFrame(
        {"path": ["c > a > a", "a > a"], "total_conversions": [2, 0], "total_null": [0, 2]}
    )
    by_hand = {"windows": [4 / 3, 2 / 3], "collapsed": [1.0, 1.0]}
    for rule, want in by_hand.items():
        got = attribute(df, models="markov", markov_order=2, markov_state_rule=rule)["markov"]
        assert got.tolist() == pytest.approx(want)
        base = _solve_fractions(rows, 2, rule=rule)
        eff = [1 - _solve_fractions(rows, 2, removed=c, rule=rule) / base for c in "ac"]
        assert [float(2 * e / sum(eff)) for e in eff] == pytest.approx(want)
    with pytest.raises(ParameterError, match="state_rule"):
        markov_removal_effects(CA_ORDER2, order=2, state_rule="raw")


def test_markov_value_uses_mean_value_of_the_last_state():
    # a > b converts twice worth 100 in total (mean 50 at b); a converts once worth 10.
    # start -> a 1; a -> b 3/4, conv 1/4; b -> conv 2/3, null 1/3. Value: 1/4*10 + 3/4*2/3*50
    p = pd.DataFrame(
        {
            "path": ["a > b", "a"],
            "total_conversions": [2, 1],
            "total_null": [1, 0],
            "total_conversion_value": [100.0, 10.0],
        }
    )
    r = markov_removal_effects(p).removal.set_index("channel")
    ev = 0.25 * 10 + 0.75 * (2 / 3) * 50
    e_a = 1.0
    e_b = 1 - 0.25 * 10 / ev
    assert r["removal_effect_value"].to_dict() == pytest.approx({"a": e_a, "b": e_b})
    assert r["value"].to_dict() == pytest.approx(
        {"a": 110 * e_a / (e_a + e_b), "b": 110 * e_b / (e_a + e_b)}
    )


def test_transition_matrix_rows_sum_to_one():
    tm = transition_matrix(PATHS)
    assert tm.sum(axis=1).to_numpy() == pytest.approx(1.0)
    # a is left 6 times (a > b 3, b > a end: conv 1, a > direct 2)
    assert tm.loc["a", "b"] == pytest.approx(3 / 6)
    assert tm.loc["a", "direct"] == pytest.approx(2 / 6)
    assert tm.loc["(start)", "c"] == pytest.approx(3 / 9)


def test_parameter_errors_name_the_parameter():
    with pytest.raises(ParameterError, match="models"):
        attribute(PATHS, models="first,shapley")
    with pytest.raises(ParameterError, match="models"):
        attribute(PATHS, models=[])
    with pytest.raises(ParameterError, match="half_life_days"):
        attribute(PATHS, half_life_days=0)
    with pytest.raises(ParameterError, match="order"):
        markov_removal_effects(PATHS, order=0)
    with pytest.raises(ParameterError, match="model"):
        heuristic_credit(PATHS, "markov")
    with pytest.raises(ParameterError, match="value"):
        attribute(PATHS, value="yes")


# ---------------------------------------------------------------------------------------------
# invariants

row = st.tuples(
    st.lists(st.sampled_from(["a", "b", "c", "direct"]), min_size=1, max_size=6),
    st.integers(0, 5),
    st.integers(0, 5),
    st.floats(0.5, 100),
)


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "path": [" > ".join(r[0]) for r in rows],
            "total_conversions": [r[1] for r in rows],
            "total_null": [r[2] for r in rows],
            "total_conversion_value": [r[3] * r[1] for r in rows],
        }
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(row, min_size=1, max_size=10), st.integers(1, 3))
def test_every_model_credits_sum_to_the_total(rows, order):
    p = _frame(rows)
    total = p["total_conversions"].sum()
    total_value = p["total_conversion_value"].sum()
    for value, want in ((False, total), (True, total_value)):
        out = attribute(p, models=MODELS, value=value, markov_order=order)
        for m in MODELS:
            assert out[m].sum() == pytest.approx(want, rel=1e-9, abs=1e-9), m
            assert (out[m] >= -1e-12).all()


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["a", "direct", "email"]),
    st.integers(1, 6),
    st.integers(1, 9),
    st.integers(0, 9),
    st.floats(1, 1000),
)
def test_single_channel_path_gets_everything(ch, length, conv, null, value):
    p = pd.DataFrame(
        {
            "path": [" > ".join([ch] * length)],
            "total_conversions": [conv],
            "total_null": [null],
            "total_conversion_value": [value],
        }
    )
    for v, want in ((False, conv), (True, value)):
        out = attribute(p, models=MODELS, value=v).set_index("channel")
        assert list(out.index) == [ch]
        for m in MODELS:
            assert out.loc[ch, m] == pytest.approx(want), m


# ---------------------------------------------------------------------------------------------
# pictures


def test_attribution_plot_bars_equal_the_credit_table():
    import matplotlib.pyplot as plt

    from journeykit.errors import ValidationError
    from journeykit.paths import assisted_conversions
    from journeykit.plots.attribution import plot_assisted, plot_attribution

    credit = attribute(PATHS, models="first,linear")
    ax = plot_attribution(credit.assign(incremental=[1.0, 1.0, 1.0, 1.0]), lang="en")
    widths = [p.get_width() for p in ax.patches]
    assert widths == pytest.approx([2, 1, 0, 1, 1.5, 7 / 6, 2 / 3, 2 / 3, 1, 1, 1, 1])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["First touch", "Linear", "True incremental (channel switched off)"]
    plt.close(ax.figure)
    ax = plot_assisted(assisted_conversions(PATHS), lang="id")
    assert ax.get_title().startswith("Konversi terbantu")
    assert "∞" in [t.get_text().strip() for t in ax.texts]  # b never closes, only assists
    plt.close(ax.figure)
    with pytest.raises(ValidationError, match="credit"):
        plot_attribution(credit[["channel"]])


def test_credit_range_by_hand():
    r = credit_range(attribute(PATHS, models="first,last,linear")).set_index("channel")
    # b: first 1, last 0, linear 7/6 -> from 0 (last) to 7/6 (linear), ratio inf
    assert r.loc["b", "lowest_model"] == "last" and r.loc["b", "highest_model"] == "linear"
    assert r.loc["b", "spread"] == pytest.approx(7 / 6)
    assert r.loc["b", "ratio"] == np.inf
    # a: first 2, last 1, linear 1.5
    assert (r.loc["a", "lowest"], r.loc["a", "highest"], r.loc["a", "ratio"]) == (1, 2, 2)
    assert r.index[0] in ("b", "c")  # the infinite ratios come first
    with pytest.raises(ParameterError, match="credit"):
        credit_range(PATHS[["path"]])


# ---------------------------------------------------------------------------------------------
# exercise checks (journeykit.checks.attribution)

SMALL = pd.DataFrame(
    {
        "path": [
            "social_ads > direct",
            "social_ads > email > social_ads > whatsapp > direct",
            "email",
            "social_ads",
        ],
        "total_conversions": [3, 2, 1, 0],
        "total_null": [1, 0, 2, 4],
    }
)


def test_attribution_checks_by_hand():
    from journeykit.checks import attribution as check

    assert check.check_assisted(5, SMALL, "social_ads").ok
    assert "every appearance" in check.check_assisted(7, SMALL, "social_ads").message
    assert "paths" in check.check_assisted(2, SMALL, "social_ads").message
    assert check.check_linear_credit(3 / 2 + 2 * 2 / 5, SMALL, "social_ads").ok
    # one share per channel: 3/2 + 2/4
    assert "per touch" in check.check_linear_credit(2.0, SMALL, "social_ads").message
    assert check.check_position_credit(1.5 + 2 * (0.4 + 0.2 / 3), SMALL, "social_ads").ok
    # 40/40 on the two-touch path: 3 * 0.4 + ...
    slip = 3 * 0.4 + 2 * (0.4 + 0.2 / 3)
    assert "two-touch" in check.check_position_credit(slip, SMALL, "social_ads").message
    tiny = pd.DataFrame(
        {
            "path": ["social_ads > direct", "direct"],
            "total_conversions": [1, 1],
            "total_null": [1, 1],
        }
    )
    assert check.check_removal_effect(0.5, tiny, "social_ads").ok
    assert "share" in check.check_removal_effect(1 / 3, tiny, "social_ads").message
    assert "percentage" in check.check_removal_effect(50, tiny, "social_ads").message
    credit = pd.DataFrame(
        {"channel": ["a", "b", "c"], "first": [5.0, 1.0, 4.0], "last": [4.0, 5.0, 1.0]}
    )
    assert check.check_biggest_gain("c", credit).ok
    assert "loses" in check.check_biggest_gain("b", credit).message
    assert "most first" in check.check_biggest_gain("a", credit).message
    assert not check.check_assisted(1, "not a table", "a").ok  # never raises


def test_journeys_and_their_aggregated_table_give_the_same_credit():
    from journeykit.paths import aggregate_paths
    from journeykit.synth import generate

    tables = generate("coffee", n_users=300, seed=5)
    j = conversion_paths(tables.events, tables.orders)
    models = [m for m in MODELS if m != "time_decay"]  # time decay uses days only with journeys
    for value in (False, True):
        a = attribute(j, models=models, value=value)
        b = attribute(aggregate_paths(j), models=models, value=value)
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-9)
    # time decay by days still spends exactly the conversions (and their value)
    decay = attribute(j, models="time_decay", value=False)["time_decay"].sum()
    assert decay == pytest.approx(j.journeys["converted"].sum())
    decay_v = attribute(j, models="time_decay", value=True)["time_decay"].sum()
    assert decay_v == pytest.approx(j.journeys["conversion_value"].sum())


def test_each_model_once_and_weights_checked():
    with pytest.raises(ParameterError, match="each model once"):
        attribute(PATHS, models="first,first")
    with pytest.raises(ParameterError, match="first_weight"):
        attribute(PATHS, models="position", first_weight=1.5)
    with pytest.raises(ParameterError, match="half_life_touches"):
        attribute(PATHS, models="time_decay", half_life_touches=-2)


def test_state_rows_factorised_alike_with_integer_keys_and_row_comparison():
    from journeykit.attribution import _factorize_rows

    rng = np.random.default_rng(5)
    digits = rng.integers(0, 4, size=(200, 3))
    code, rows = _factorize_rows(digits, 4)  # integer keys in base 4
    code_big, rows_big = _factorize_rows(digits, 2**40)  # would overflow: rows compared
    want_rows, want_code = np.unique(digits, axis=0, return_inverse=True)
    np.testing.assert_array_equal(rows, want_rows)
    np.testing.assert_array_equal(code, want_code.reshape(-1))
    np.testing.assert_array_equal(rows_big, want_rows)
    np.testing.assert_array_equal(code_big, want_code.reshape(-1))
    np.testing.assert_array_equal(rows[code], digits)
