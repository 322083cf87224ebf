"""Journey score: normalisation, weights and ranking, worked out by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_metrics import TABLES

from journeykit.errors import ParameterError
from journeykit.metrics import METRICS
from journeykit.score import WEIGHT_PRESETS, journey_score, resolve_weights, score_table

GROUPS = pd.Index(["a", "b", "c"], name="channel")


def test_minmax_score_by_hand():
    m = pd.DataFrame(
        {
            "conversion_rate": [0.10, 0.20, 0.30],  # -> 0, 0.5, 1
            "cost_per_conversion": [100.0, 300.0, 200.0],  # lower is better -> 1, 0, 0.5
            "csat": [0.8, 0.8, 0.8],  # all equal -> 0.5 each
        },
        index=GROUPS,
    )
    s = score_table(m, weights={"conversion_rate": 2, "cost_per_conversion": 1, "csat": 1})
    # a: (2*0 + 1 + 0.5)/4 = 0.375; b: (2*0.5 + 0 + 0.5)/4 = 0.375; c: (2 + 0.5 + 0.5)/4 = 0.75
    assert s.loc["a", "score"] == pytest.approx(0.375)
    assert s.loc["b", "score"] == pytest.approx(0.375)
    assert s.loc["c", "score"] == pytest.approx(0.75)
    assert s.index[0] == "c"
    assert s["rank"].to_dict() == {"c": 1, "a": 2, "b": 2}  # ties share the better rank
    assert s.loc["a", "cost_per_conversion_norm"] == 1.0
    assert s.loc["b", "csat_norm"] == 0.5
    contrib = s[[c for c in s.columns if c.endswith("_contrib")]].sum(axis=1)
    assert contrib.to_numpy() == pytest.approx(s["score"].to_numpy())


def test_missing_metric_is_left_out_and_weights_rescaled():
    m = pd.DataFrame(
        {"conversion_rate": [0.1, 0.3], "cost_per_click": [np.nan, 500.0]},
        index=pd.Index(["organic", "paid"], name="channel"),
    )
    s = score_table(m, weights={"conversion_rate": 1, "cost_per_click": 3})
    # organic: only conversion (0) counts; paid: conversion 1, CPC alone in its column -> 0.5
    assert s.loc["organic", "score"] == 0.0
    assert s.loc["organic", "metrics_used"] == 1
    assert s.loc["paid", "score"] == pytest.approx((1 * 1 + 3 * 0.5) / 4)
    assert math.isnan(s.loc["organic", "cost_per_click_contrib"])


def test_ratio_score_by_hand_on_the_metrics_fixture():
    w = {"conversion_rate": 2, "cost_per_conversion": 1}
    s = journey_score(TABLES, by="persona", weights=w, normalise="ratio")
    # overall: conversion 0.75, cost per conversion 1500
    # student: conversion 1.0 -> 4/3; cost 2000 -> 1500/2000 = 0.75
    # worker: conversion 0.5 -> 2/3; cost 500 -> 1500/500 = 3 (= the cap)
    assert s.loc["student", "score"] == pytest.approx((2 * 4 / 3 + 0.75) / 3)
    assert s.loc["worker", "score"] == pytest.approx((2 * 2 / 3 + 3) / 3)
    assert s.index.tolist() == ["worker", "student"]
    assert s["reach"].to_dict() == {"worker": 2, "student": 2}
    capped = journey_score(TABLES, by="persona", weights=w, normalise="ratio", cap=2)
    assert capped.loc["worker", "score"] == pytest.approx((2 * 2 / 3 + 2) / 3)
    assert capped.index.tolist() == ["student", "worker"]


def test_ratio_shifts_nps_to_positive():
    s = journey_score(TABLES, by="persona", weights={"nps": 1}, normalise="ratio")
    # overall NPS 50 -> 150; student 100 -> 200/150; worker 0 -> 100/150
    assert s.loc["student", "score"] == pytest.approx(200 / 150)
    assert s.loc["worker", "score"] == pytest.approx(100 / 150)


def test_presets_are_valid_metrics():
    for name, weights in WEIGHT_PRESETS.items():
        assert set(weights) <= set(METRICS), name
        assert resolve_weights(name) == weights
    s = journey_score(TABLES, by="persona", weights="advocacy")
    assert s["score"].between(0, 1).all()
    # students lead on NPS (x2), referrals (x2) and CSAT; workers on reviews per customer (1 vs 0.5)
    assert s.loc["student", "score"] == pytest.approx(5 / 6)
    assert s.loc["worker", "score"] == pytest.approx(1 / 6)


def test_bad_weights_and_parameters():
    m = pd.DataFrame({"conversion_rate": [0.1, 0.2]}, index=["a", "b"])
    with pytest.raises(ParameterError, match="^weights: expected one of 'balanced'"):
        score_table(m, weights="growth")
    with pytest.raises(ParameterError, match="^weights: unknown metric 'ctr'"):
        score_table(m, weights={"ctr": 1})
    with pytest.raises(ParameterError, match="^weights: expected at least one weight > 0"):
        score_table(m, weights={"conversion_rate": 0})
    with pytest.raises(ParameterError, match="^weights: conversion_rate expected a number"):
        score_table(m, weights={"conversion_rate": "high"})
    with pytest.raises(ParameterError, match="^metrics: no column 'csat'"):
        score_table(m, weights={"csat": 1})
    with pytest.raises(ParameterError, match="^normalise:"):
        score_table(m, weights={"conversion_rate": 1}, normalise="zscore")
    with pytest.raises(ParameterError, match="^reference:"):
        score_table(m, weights={"conversion_rate": 1}, normalise="ratio")
    with pytest.raises(ParameterError, match="^cap:"):
        score_table(m, weights={"conversion_rate": 1}, cap=0)
    with pytest.raises(ParameterError, match="^by:"):
        journey_score(TABLES, by=None)
    with pytest.raises(ParameterError, match="^metrics: expected a DataFrame"):
        score_table([0.1, 0.2])


@settings(max_examples=40, deadline=None)
@given(
    values=st.lists(
        st.tuples(st.floats(0, 1), st.floats(1, 1e6), st.floats(-100, 100)), min_size=2, max_size=8
    ),
    w=st.tuples(st.floats(0.1, 5), st.floats(0.1, 5), st.floats(0.1, 5)),
)
# found by hypothesis: the shares 2/W + 4.65/W + 1.90/W summed to 1.0000000000000002
@example(values=[(0.0, 2.0, 0.0), (1.0, 1.0, 1.0)], w=(2.0, 4.652167398192839, 1.8995075840756719))
def test_minmax_scores_lie_between_0_and_1_and_improving_a_metric_never_hurts(values, w):
    m = pd.DataFrame(values, columns=["conversion_rate", "cost_per_conversion", "nps"])
    weights = dict(zip(m.columns, w, strict=True))
    s = score_table(m, weights=weights)
    assert s["score"].between(0, 1).all()
    best = m.copy()
    best.loc[0, "conversion_rate"] = m["conversion_rate"].max() + 0.1
    best.loc[0, "cost_per_conversion"] = m["cost_per_conversion"].min() / 2
    assert score_table(best, weights=weights).loc[0, "score"] >= s.loc[0, "score"] - 1e-12


def test_score_and_metric_plots():
    import matplotlib.pyplot as plt

    from journeykit.metrics import cohort_retention, metric_table
    from journeykit.plots.funnels import plot_journey_score, plot_metric_heatmap, plot_retention

    s = journey_score(TABLES, by="persona", weights={"conversion_rate": 2, "csat": 1})
    ax = plot_journey_score(s, lang="id")
    assert ax.get_title() == "Skor perjalanan menurut Persona"
    assert "Mahasiswa" in [tick.get_text() for tick in ax.get_yticklabels()]  # persona label
    # stacked contributions: two metrics x two groups, bars end at the scores
    assert len(ax.patches) == 4
    ends = sorted(round(p.get_x() + p.get_width(), 6) for p in ax.patches[2:])
    assert ends == sorted(round(v, 6) for v in s["score"])
    m = metric_table(TABLES, by="persona", metrics=["conversion_rate", "cost_per_conversion"])
    ax = plot_metric_heatmap(m, lang="en")
    texts = [t.get_text() for t in ax.texts]
    assert "100.0 %" in texts and "2,000" in texts
    colours = ax.images[0].get_array()
    # students convert best (1) but pay more per customer (0)
    assert colours[0, 0] == 1.0 and colours[0, 1] == 0.0
    ax = plot_retention(cohort_retention(TABLES.orders, TABLES.users))
    assert ax.get_xlabel() == "Periods after the cohort started"
    with pytest.raises(Exception, match="metrics"):
        plot_metric_heatmap(m, metrics=["nps"])
    plt.close("all")


def test_notebook_parameter_specs_match_the_package():
    from journeykit.funnels import BREAKDOWNS, ORDERS
    from journeykit.params import SPECS
    from journeykit.score import NORMALISATIONS

    for name, values in (
        ("breakdown", BREAKDOWNS),
        ("funnel_order", ORDERS),
        ("score_weights", tuple(WEIGHT_PRESETS)),
        ("score_normalise", NORMALISATIONS),
    ):
        assert all(SPECS[name].ok(v) for v in values), name
        assert not SPECS[name].ok("nonsense"), name
