"""The journey score: one number that ranks journeys (article 001, step 4 "score the journey").

Article 001 measures a journey in four steps: choose the journey you want to measure (by its
goal: more sales? more recommendations? fewer complaints?), decide which data you need, define
the steps of that journey, and score it - "not every journey should be treated the same", so
the score is a *mix of metrics chosen for the journey*. Here a journey is the path of one group
of people: a persona, a first-touch channel, a first campaign, a device or a cohort.

How the score is built, for each group ``g``:

1. **Metrics**: :func:`journeykit.metrics.metric_table` gives each weighted metric per group.
2. **Normalise** every metric to a common scale, oriented so that higher is better
   (:attr:`journeykit.metrics.Metric.higher_is_better`: cost per click, cost per conversion,
   time to first value and SEO rank are better when lower):

   * ``"minmax"`` (default): ``(x - min) / (max - min)`` across the groups, so the best group gets
     1 and the worst 0 (for lower-is-better metrics ``(max - x) / (max - min)``). When every group
     has the same value the metric says nothing about the ranking and each group gets 0.5.
   * ``"ratio"``: ``x / overall`` where ``overall`` is the metric over everyone together (for
     lower-is-better metrics ``overall / x``): 1.0 means "as good as the average journey", 1.2
     means 20 % better. NPS can be negative, so it is shifted to 0-200 (``nps + 100``) first.
     Ratios are clipped to ``[0, cap]`` (default 3) so one tiny denominator cannot swamp the mix.

3. **Weigh**: ``score = sum(w_m * n_m) / sum(w_m)`` over the metrics ``m`` with a value for that
   group (a metric that is NaN for a group, e.g. no CSAT answers, is left out for that group and
   the remaining weights are rescaled; ``metrics_used`` says how many counted). With
   ``"minmax"`` the score lies between 0 and 1; with ``"ratio"`` around 1.

Weights are a dict ``{metric key: weight >= 0}`` or one of the presets in
:data:`WEIGHT_PRESETS`, which follow article 001's goals: ``"balanced"`` (one metric for each of
the five stages), ``"sales"``, ``"retention"`` and ``"advocacy"``.

>>> import pandas as pd
>>> metrics = pd.DataFrame({"conversion_rate": [0.10, 0.20, 0.30],
...     "cost_per_conversion": [100.0, 300.0, 200.0]},
...     index=pd.Index(["a", "b", "c"], name="persona"))
>>> s = score_table(metrics, weights={"conversion_rate": 1, "cost_per_conversion": 1})
>>> s[["score", "rank"]]
         score  rank
persona
c         0.75     1
a         0.50     2
b         0.25     3
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from journeykit.errors import ParameterError
from journeykit.metrics import METRICS, metric_table
from journeykit.schema import Tables

__all__ = ["WEIGHT_PRESETS", "NORMALISATIONS", "resolve_weights", "score_table", "journey_score"]

NORMALISATIONS: tuple[str, ...] = ("minmax", "ratio")

WEIGHT_PRESETS: dict[str, dict[str, float]] = {
    # one metric per stage of the five-stage model, equal weights
    "balanced": {
        "engagement": 1.0,  # awareness -> consideration
        "click_through_rate": 1.0,  # consideration
        "conversion_rate": 1.0,  # decision / purchase
        "repeat_purchase_rate": 1.0,  # retention
        "referrals": 1.0,  # advocacy
    },
    # "do you want more sales?": buying, what it costs, what it is worth
    "sales": {
        "conversion_rate": 3.0,
        "cost_per_conversion": 2.0,
        "average_order_value": 1.0,
        "click_through_rate": 1.0,
    },
    # keep customers: buying again, satisfaction, listening to them
    "retention": {
        "repeat_purchase_rate": 2.0,
        "loyalty": 1.0,
        "csat": 1.0,
        "feedback": 1.0,
    },
    # "do you need more recommendations?": promoters, reviews, referrals
    "advocacy": {
        "nps": 2.0,
        "reviews": 1.0,
        "referrals": 2.0,
        "csat": 1.0,
    },
}
"""Named weight sets (article 001: choose the journey by its goal, then the metric mix)."""


def resolve_weights(weights: str | Mapping[str, float]) -> dict[str, float]:
    """The weights as a checked dict: a preset name or a ``{metric: weight}`` mapping.

    >>> resolve_weights("sales")["conversion_rate"]
    3.0
    >>> resolve_weights({"conversion_rate": -1})
    Traceback (most recent call last):
    ...
    journeykit.errors.ParameterError: weights: conversion_rate expected a number >= 0, got -1
    """
    if isinstance(weights, str):
        if weights not in WEIGHT_PRESETS:
            raise ParameterError(
                f"weights: expected one of {', '.join(map(repr, WEIGHT_PRESETS))} or a dict, "
                f"got {weights!r}"
            )
        return dict(WEIGHT_PRESETS[weights])
    if not isinstance(weights, Mapping) or not weights:
        raise ParameterError(
            f"weights: expected a preset name or a non-empty dict, got {weights!r}"
        )
    out: dict[str, float] = {}
    for key, w in weights.items():
        if key not in METRICS:
            raise ParameterError(
                f"weights: unknown metric {key!r}; expected keys of journeykit.metrics.METRICS"
            )
        if isinstance(w, bool) or not isinstance(w, int | float) or not np.isfinite(w) or w < 0:
            raise ParameterError(f"weights: {key} expected a number >= 0, got {w!r}")
        out[key] = float(w)
    if sum(out.values()) <= 0:
        raise ParameterError("weights: expected at least one weight > 0")
    return out


def _normalise(
    x: pd.Series, key: str, method: str, reference: float | None, cap: float
) -> pd.Series:
    higher = METRICS[key].higher_is_better
    if method == "minmax":
        lo, hi = x.min(), x.max()
        if not np.isfinite(lo) or not np.isfinite(hi):
            return pd.Series(np.nan, index=x.index)
        if hi == lo:
            return pd.Series(np.where(x.notna(), 0.5, np.nan), index=x.index)
        n = (x - lo) / (hi - lo)
        return n if higher else 1.0 - n
    # ratio to the overall value
    shift = 100.0 if METRICS[key].unit == "points" else 0.0
    xs = x + shift
    ref = (reference if reference is not None else np.nan) + shift
    if not ref > 0:  # no meaningful overall value (NaN, or 0 so nothing to compare with)
        return pd.Series(np.nan, index=x.index)
    if higher:
        return (xs / ref).clip(lower=0.0, upper=cap)
    # lower is better; a cost of 0 is as good as it gets: the cap
    return (ref / xs.where(xs > 0)).mask(xs.notna() & (xs <= 0), cap).clip(lower=0.0, upper=cap)


def score_table(
    metrics: pd.DataFrame,
    *,
    weights: str | Mapping[str, float] = "balanced",
    normalise: str = "minmax",
    reference: Mapping[str, float] | pd.Series | None = None,
    cap: float = 3.0,
) -> pd.DataFrame:
    """Score groups from a wide metric table (rows = groups, columns = metric keys).

    ``reference`` holds the overall value of each metric, needed by ``normalise="ratio"``
    (:func:`journey_score` passes the metric table of everyone together).

    Returns one row per group, best first, indexed like ``metrics``: ``score``, ``rank``
    (1 = best; ties share the better rank), ``metrics_used`` (weighted metrics with a value),
    and for each weighted metric ``<key>_norm`` (its normalised value) and ``<key>_contrib``
    (``weight x normalised / sum of the weights used``; the contributions add up to the score).
    """
    if not isinstance(metrics, pd.DataFrame):
        raise ParameterError(f"metrics: expected a DataFrame, got {type(metrics).__name__}")
    if normalise not in NORMALISATIONS:
        raise ParameterError(
            f"normalise: expected one of {', '.join(map(repr, NORMALISATIONS))}, got {normalise!r}"
        )
    if isinstance(cap, bool) or not isinstance(cap, int | float) or not cap > 0:
        raise ParameterError(f"cap: expected a number > 0, got {cap!r}")
    w = resolve_weights(weights)
    missing = [k for k in w if k not in metrics.columns]
    if missing:
        raise ParameterError(
            f"metrics: no column {missing[0]!r} for a weighted metric; has "
            f"{', '.join(map(str, metrics.columns))}"
        )
    if normalise == "ratio":
        if reference is None:
            raise ParameterError("reference: normalise='ratio' needs the overall metric values")
        ref = dict(reference)
        gaps = [k for k in w if k not in ref]
        if gaps:
            raise ParameterError(f"reference: no value for {gaps[0]!r}")
    norm = pd.DataFrame(index=metrics.index)
    for key in w:
        x = pd.to_numeric(metrics[key], errors="coerce").astype("float64")
        r = float(ref[key]) if normalise == "ratio" else None
        norm[key] = _normalise(x, key, normalise, r, float(cap))
    weight = pd.Series(w)
    present = norm.notna()
    used_weight = present.mul(weight, axis=1).sum(axis=1)
    contrib = norm.fillna(0.0).mul(weight, axis=1).div(used_weight.where(used_weight > 0), axis=0)
    out = pd.DataFrame(index=metrics.index)
    out["score"] = contrib.sum(axis=1, min_count=1).where(used_weight > 0)
    if normalise == "minmax":
        # a weighted mean of values in [0, 1] lies in [0, 1]; summing the shares can overshoot by
        # a rounding error (1.0000000000000002), which would break that documented bound
        out["score"] = out["score"].clip(0.0, 1.0)
    # rank on rounded scores so that float noise (0.49999... vs 0.5) does not split a tie
    out["rank"] = out["score"].round(12).rank(ascending=False, method="min").astype("Int64")
    out["metrics_used"] = present.sum(axis=1).astype("int64")
    for key in w:
        out[f"{key}_norm"] = norm[key]
        out[f"{key}_contrib"] = contrib[key].where(present[key])
    return out.sort_values("rank", kind="stable", na_position="last")


def journey_score(
    tables: Tables | Mapping[str, pd.DataFrame],
    *,
    by: str = "persona",
    weights: str | Mapping[str, float] = "balanced",
    normalise: str = "minmax",
    inputs: Mapping[str, float] | None = None,
    cap: float = 3.0,
) -> pd.DataFrame:
    """Rank the journeys of the groups in ``by`` (``"persona"``, ``"channel"``, ``"campaign"``,
    ``"device"``, ``"cohort"``) by a weighted mix of their stage metrics.

    Columns as :func:`score_table`, plus ``reach`` (people in the group) first.
    """
    if by is None:
        raise ParameterError("by: a journey score compares groups; expected e.g. 'persona'")
    w = resolve_weights(weights)
    keys = sorted(set(w) | {"reach"})
    per_group = metric_table(tables, by=by, metrics=keys, inputs=inputs)
    overall = None
    if normalise == "ratio":
        overall = metric_table(tables, metrics=keys, inputs=inputs).iloc[0]
    scored = score_table(per_group, weights=w, normalise=normalise, reference=overall, cap=cap)
    scored.insert(0, "reach", per_group["reach"].reindex(scored.index).astype("int64"))
    return scored
